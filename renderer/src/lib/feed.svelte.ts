// Live data for one panel: load now, again on demand at most every `throttleMs` (bursts
// of mention events collapse), and on a slow timer so a sliding window keeps sliding.
// A live answer lands in the panel's turn (lib/turns.ts); a load asked for by the screen (the
// first, a new window or topic, presenter mode's time) lands at once. Late answers to
// superseded requests are dropped.
import { untrack } from 'svelte';
import { stationNow } from '../state/station.svelte';
import { isFrozen } from './presenter.svelte';
import { throttle } from './time';
import { pageTurns } from './turns';

export class Feed<T> {
  data = $state.raw<T | null>(null);
  /** The last load's failure while it lasts (say it with lib/errors.ts). */
  error = $state.raw<unknown>(null);
  updatedAt = $state<number | null>(null);
  #seq = 0;
  #load: () => Promise<T>;
  #throttled: ReturnType<typeof throttle>;
  #animateMs: () => number;

  /** `animateMs`: how long the panel animates a change (its chart's update), for its turn. */
  constructor(load: () => Promise<T>, throttleMs = 2000, animateMs: () => number = () => 0) {
    this.#load = load;
    this.#animateMs = animateMs;
    this.#throttled = throttle(() => void this.#run(true), throttleMs);
  }

  async #run(live = false): Promise<void> {
    const seq = ++this.#seq;
    try {
      // Untracked: a feed started inside an effect must not make that effect depend on
      // whatever the loader happens to read (the clock, the skew).
      const data = await untrack(() => this.#load());
      if (seq !== this.#seq) return;
      const land = () => {
        // A load started since (a new window) owns the panel now.
        if (seq !== this.#seq) return;
        this.data = data;
        this.error = null;
        this.updatedAt = stationNow();
      };
      if (live && this.data !== null) pageTurns.take(this, this.#animateMs(), land);
      else land();
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
      pageTurns.drop(this);
      this.#seq++;
    };
  }
}
