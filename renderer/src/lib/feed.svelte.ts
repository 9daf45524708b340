// Live data for one panel: load now, again on demand at most every `throttleMs` (bursts
// of mention events collapse), and on a slow timer so a sliding window keeps sliding.
// Late answers to superseded requests are dropped.
import { untrack } from 'svelte';
import { stationNow } from '../state/station.svelte';
import { isFrozen } from './presenter.svelte';
import { throttle } from './time';

export class Feed<T> {
  data = $state.raw<T | null>(null);
  /** The last load's failure while it lasts (say it with lib/errors.ts). */
  error = $state.raw<unknown>(null);
  updatedAt = $state<number | null>(null);
  #seq = 0;
  #load: () => Promise<T>;
  #throttled: ReturnType<typeof throttle>;

  constructor(load: () => Promise<T>, throttleMs = 2000) {
    this.#load = load;
    this.#throttled = throttle(() => void this.#run(), throttleMs);
  }

  async #run(): Promise<void> {
    const seq = ++this.#seq;
    try {
      // Untracked: a feed started inside an effect must not make that effect depend on
      // whatever the loader happens to read (the clock, the skew).
      const data = await untrack(() => this.#load());
      if (seq !== this.#seq) return;
      this.data = data;
      this.error = null;
      this.updatedAt = stationNow();
    } catch (err) {
      if (seq !== this.#seq) return;
      this.error = err;
    }
  }

  /** Ask for fresh data (throttled); a frozen board ignores live refreshes. */
  refresh = (): void => {
    if (!isFrozen()) this.#throttled();
  };

  /** Load now and every `everyMs`; returns the stop (use as an effect's cleanup). */
  start(everyMs = 30_000): () => void {
    void this.#run();
    const timer = setInterval(this.refresh, everyMs);
    return () => {
      clearInterval(timer);
      this.#throttled.cancel();
      this.#seq++;
    };
  }
}
