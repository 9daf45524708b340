import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { MAX_BACKOFF_MS, nextDelayMs, Scheduler, type ScheduledSource } from '../../electron/engine/sources/scheduler';

const src = (id: number, over: Partial<ScheduledSource> = {}): ScheduledSource => ({
  id,
  enabled: true,
  paused: false,
  intervalSec: 60,
  host: `host${id}`,
  nextCheckAt: null,
  ...over,
});

/** A scheduler whose polls finish only when the test says so. */
function rig(opts: { concurrency?: number; perHost?: number } = {}) {
  const clock = new ManualClock();
  const started: number[] = [];
  const finish = new Map<number, (delay: number | null) => void>();
  const s = new Scheduler(
    clock,
    (id) =>
      new Promise((resolve) => {
        started.push(id);
        finish.set(id, (delayMs) => resolve({ delayMs }));
      }),
    opts,
  );
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { clock, s, started, finish, settle };
}

describe('the scheduler', () => {
  it('polls a new source at once and then again after its interval', async () => {
    const { clock, s, started, finish, settle } = rig();
    s.load([src(1)]);
    s.tick();
    expect(started).toEqual([1]);
    finish.get(1)!(60_000);
    await settle();
    clock.advance(59_000);
    s.tick();
    expect(started).toEqual([1]);
    clock.advance(1_000);
    s.tick();
    expect(started).toEqual([1, 1]);
  });

  it('never runs more polls at once than its concurrency, nor two on one host', async () => {
    const { s, started } = rig({ concurrency: 2, perHost: 1 });
    s.load([src(1), src(2), src(3), src(4, { host: 'host1' })]);
    s.tick();
    expect(started).toEqual([1, 2]);
    expect(s.inFlight).toBe(2);
  });

  it('keeps polling on time when the wall clock jumps back an hour, and does not flood when it jumps ahead', async () => {
    const { clock, s, started, finish, settle } = rig();
    s.load([src(1)]);
    s.tick();
    finish.get(1)!(60_000);
    await settle();
    clock.jump(-3600_000);
    clock.advance(60_000);
    s.tick();
    expect(started).toHaveLength(2);
    finish.get(1)!(60_000);
    await settle();
    clock.jump(+86_400_000);
    s.tick();
    expect(started).toHaveLength(2);
  });

  it('after a restart, a stored next check far in the future waits at most one interval', () => {
    const { clock, s, started } = rig();
    s.load([src(1, { nextCheckAt: clock.now() + 30 * 86_400_000 })]);
    clock.advance(59_999);
    s.tick();
    expect(started).toEqual([]);
    clock.advance(1);
    s.tick();
    expect(started).toEqual([1]);
  });

  it('leaves disabled and paused sources alone until polled by hand', () => {
    const { s, started } = rig();
    s.load([src(1, { enabled: false }), src(2, { paused: true })]);
    s.tick();
    expect(started).toEqual([]);
    s.pollNow(2);
    s.tick();
    expect(started).toEqual([2]);
  });
});

describe('backoff', () => {
  const fixed = { jitter: 0, random: () => 0.5 };
  it('doubles the wait after each failure, up to a cap', () => {
    expect(nextDelayMs(60, 0, fixed)).toBe(60_000);
    expect(nextDelayMs(60, 1, fixed)).toBe(120_000);
    expect(nextDelayMs(60, 3, fixed)).toBe(480_000);
    expect(nextDelayMs(60, 30, fixed)).toBe(MAX_BACKOFF_MS);
  });
  it('honours a Retry-After longer than the backoff', () => {
    expect(nextDelayMs(60, 1, { ...fixed, retryAfterMs: 3600_000 })).toBe(3600_000);
  });
  it('spreads polls with jitter so sources added together do not fire together', () => {
    const a = nextDelayMs(60, 0, { jitter: 0.1, random: () => 0 });
    const b = nextDelayMs(60, 0, { jitter: 0.1, random: () => 1 });
    expect(a).toBe(54_000);
    expect(b).toBe(66_000);
  });
});
