// The changes a wall's panels make take turns. A browser redraws one damaged rectangle a
// frame, the box around everything that changed: two panels changing at once in opposite
// corners of a wall make it redraw everything between them. On the 4K demo wall drawn in
// software (Chromium without a GPU) a chart animating alone cost ~2 ms a frame to draw; with a
// chart in the far corner animating too, or a few panels' texts changing in the same frame,
// 13 – 25 ms, every panel between them redrawn, and frames were dropped. So a live update
// waits for the turns before it (an animating chart's lasts its animation) and lands alone.
// A panel asking again while it waits lands its newest data in the same turn; one that would
// wait longer than MAX_WAIT_MS lands at once, so a busy board never falls behind.
// The page's clock changes every second (the header's clock, the ages in panels) and every
// blink with it (lib/beat.ts): no turn spans one of its ticks, which fall on the station's
// whole seconds (`ticks`).

/** A frame at 60 Hz, rounded up. */
export const FRAME_MS = 17;
export const MAX_WAIT_MS = 1500;
export const TICK_MS = 1000;

/** How long a turn lasts: a change drawn at once takes a frame; an animated one three frames
    more than its animation (the chart draws on the next frame and its animation starts there,
    and a frame late is one to spare). */
export function turnMs(animateMs: number): number {
  return animateMs > 0 ? animateMs + 3 * FRAME_MS : FRAME_MS;
}

export interface TurnClock {
  now(): number;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class Turns {
  #clock: TurnClock;
  /** When the last turn given out ends. */
  #freeAt = -Infinity;
  #waiting = new Map<object, { land: () => void; timer: unknown }>();
  #tickers = new Set<() => void>();
  #tickTimer: unknown = null;

  constructor(clock: TurnClock) {
    this.#clock = clock;
  }

  /** Lands `key`'s change in its turn, one that lasts `animateMs` (0: a change drawn at once). */
  take(key: object, animateMs: number, land: () => void): void {
    const waiting = this.#waiting.get(key);
    if (waiting) {
      waiting.land = land;
      return;
    }
    const now = this.#clock.now();
    const at = clearOfTicks(Math.max(now, this.#freeAt), animateMs);
    if (at - now > MAX_WAIT_MS) {
      land();
      return;
    }
    this.#freeAt = at + turnMs(animateMs);
    if (at === now) {
      land();
      return;
    }
    const entry = {
      land,
      timer: this.#clock.setTimeout(() => {
        this.#waiting.delete(key);
        entry.land();
      }, at - now),
    };
    this.#waiting.set(key, entry);
  }

  /** Calls `cb` on every tick, just after each whole second of the clock; returns the stop.
      Every listener runs in the same task, so what changes on a tick is drawn in one frame. */
  ticks(cb: () => void): () => void {
    this.#tickers.add(cb);
    if (this.#tickTimer === null) this.#nextTick();
    return () => {
      this.#tickers.delete(cb);
      if (this.#tickers.size === 0 && this.#tickTimer !== null) {
        this.#clock.clearTimeout(this.#tickTimer);
        this.#tickTimer = null;
      }
    };
  }

  #nextTick(): void {
    this.#tickAt(Math.floor(this.#clock.now() / TICK_MS) * TICK_MS + TICK_MS);
  }

  /** Runs the listeners once the clock reaches `second` (a timer may fire a little early:
      the page's timers and its wall clock drift apart), then aims at the next whole second. */
  #tickAt(second: number): void {
    this.#tickTimer = this.#clock.setTimeout(() => {
      if (this.#clock.now() < second) return this.#tickAt(second);
      for (const cb of [...this.#tickers]) cb();
      this.#nextTick();
    }, second - this.#clock.now() + 1);
  }

  /** Forgets `key`'s waiting change (its panel reloaded or is gone). Its turn stays spent. */
  drop(key: object): void {
    const waiting = this.#waiting.get(key);
    if (!waiting) return;
    this.#clock.clearTimeout(waiting.timer);
    this.#waiting.delete(key);
  }
}

/** The first moment from `at` when a turn starts a frame after a tick and ends by the next. */
function clearOfTicks(at: number, animateMs: number): number {
  const length = turnMs(animateMs);
  if (length + FRAME_MS >= TICK_MS) return at;
  const last = Math.floor(at / TICK_MS) * TICK_MS;
  const start = Math.max(at, last + FRAME_MS);
  return start + length > last + TICK_MS ? last + TICK_MS + FRAME_MS : start;
}

let skewMs = 0;
/** The station's clock minus this machine's, so the page's ticks fall on the station's seconds. */
export function setTurnsSkew(ms: number): void {
  skewMs = ms;
}

/** The page's turns, on the station's clock. */
export const pageTurns = new Turns({
  now: () => Date.now() + skewMs,
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
