// Boards as every view sees them: the list (for the wall's board steps and the editor),
// loaded on each (re)connect and replaced by the engine's `boards` change event. `version`
// moves whenever a board may have changed, so an open wall reloads the board it shows.
import type { Board } from '../../../shared/types';
import { call } from '../lib/api';

export const boards = $state({ list: [] as Board[], version: 0 });

export async function loadBoards(): Promise<void> {
  boards.list = await call('boards.list', {});
}

export function setBoards(list: Board[]): void {
  boards.list = list;
  boards.version++;
}

/** A board this page just saved. */
export function putBoard(board: Board): void {
  const i = boards.list.findIndex((x) => x.id === board.id);
  boards.list = i >= 0 ? boards.list.map((x) => (x.id === board.id ? board : x)) : [...boards.list, board];
}
