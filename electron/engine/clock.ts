// Time is a parameter: the engine asks a Clock, so tests and replays can run an hour in a
// millisecond, and scheduling uses a monotonic reading that wall-clock jumps cannot move.
export interface Clock {
  /** Wall-clock time, epoch ms (UTC): what is stored and shown. */
  now(): number;
  /** Monotonic ms since an arbitrary origin: what timers and intervals are measured on. */
  mono(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  mono: () => performance.now(),
};

/** A clock that moves only when told to; `jump` moves wall time alone, like an NTP step. */
export class ManualClock implements Clock {
  private wall: number;
  private m = 0;
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.wall = start;
  }
  now(): number {
    return this.wall;
  }
  mono(): number {
    return this.m;
  }
  advance(ms: number): void {
    this.wall += ms;
    this.m += ms;
  }
  jump(ms: number): void {
    this.wall += ms;
  }
}
