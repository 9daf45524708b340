// Undo and redo over the board editor's draft: changes within 400 ms of each other (a drag)
// make one step. Call during component setup (it registers effects).
import type { Board } from '../../../shared/types';

export function boardHistory(read: () => Board, write: (b: Board) => void) {
  let past = $state<string[]>([]);
  let future = $state<string[]>([]);
  let last = JSON.stringify($state.snapshot(read()));
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(timer);
    if (pending !== null) {
      past = [...past.slice(-99), pending];
      future = [];
      pending = null;
    }
  };
  $effect(() => {
    const now = JSON.stringify($state.snapshot(read()));
    if (now === last) return;
    pending ??= last;
    last = now;
    clearTimeout(timer);
    timer = setTimeout(settle, 400);
  });
  $effect(() => () => clearTimeout(timer));

  return {
    get canUndo(): boolean {
      return !(past.length === 0 && pending === null);
    },
    get canRedo(): boolean {
      return future.length !== 0;
    },
    /** Go one step back or forward; false when there is none. */
    step(from: 'undo' | 'redo'): boolean {
      settle();
      const source = from === 'undo' ? past : future;
      const target = source.at(-1);
      if (target === undefined) return false;
      if (from === 'undo') (past = past.slice(0, -1), (future = [...future, last]));
      else (future = future.slice(0, -1), (past = [...past, last]));
      last = target;
      write(JSON.parse(target) as Board);
      return true;
    },
  };
}
