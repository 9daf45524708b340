// Waits that grow after each failure and settle again after a quiet spell: the engine's
// restarts and a crashed wall renderer's reloads share the arithmetic. Pure: time is given.

/** first, 2×first, 4×first … never more than `maxMs`. `failures` counts from 1. */
export function backoffDelay(failures: number, firstMs: number, maxMs: number): number {
  const n = Math.max(1, Math.floor(failures));
  // 2 ** n overflows to Infinity long before it matters; min() takes the cap either way.
  return Math.min(firstMs * 2 ** (n - 1), maxMs);
}

export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
  /** A failure this long after the previous one starts the count over. */
  quietMs: number;
}

/** Failures of one thing in a row (a wall's renderer): how long to wait before trying again. */
export class Backoff {
  private failures = 0;
  private lastFailureAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly policy: BackoffPolicy) {}

  /** Records a failure at `now` and answers the wait before the next try. */
  fail(now: number): number {
    if (now - this.lastFailureAt >= this.policy.quietMs) this.failures = 0;
    this.failures += 1;
    this.lastFailureAt = now;
    return backoffDelay(this.failures, this.policy.firstMs, this.policy.maxMs);
  }

  get count(): number {
    return this.failures;
  }
}
