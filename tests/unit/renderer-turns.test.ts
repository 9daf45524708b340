import { describe, expect, test } from 'vitest';
import { FRAME_MS, MAX_WAIT_MS, TICK_MS, Turns, turnMs } from '../../renderer/src/lib/turns';

/** A hand-turned clock starting at `start`: timers run when `advance` passes them (`early` ms
    before they are due, as a page's timers may against its wall clock). */
function fakeClock(start = 100, early = 0) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; cb: () => void }>();
  return {
    clock: {
      now: () => now,
      setTimeout(cb: () => void, ms: number) {
        timers.set(++seq, { at: now + (ms > early ? ms - early : ms), cb });
        return seq;
      },
      clearTimeout: (h: unknown) => void timers.delete(h as number),
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].cb();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

describe('live panel changes take turns', () => {
  test('a change while a chart animates waits for the end of that animation, then lands alone', () => {
    const { clock, advance } = fakeClock(100);
    const turns = new Turns(clock);
    const drawn: string[] = [];
    const a = {};
    const b = {};
    turns.take(a, 400, () => drawn.push(`a @${clock.now()}`));
    advance(100);
    turns.take(b, 0, () => drawn.push(`b @${clock.now()}`));
    expect(drawn).toEqual(['a @100']);
    advance(1000);
    expect(drawn).toEqual(['a @100', `b @${100 + turnMs(400)}`]);
    expect(turnMs(400)).toBe(400 + 3 * FRAME_MS);
  });

  test('no turn spans a tick of the clock: one that would starts just after it', () => {
    const { clock, advance } = fakeClock(TICK_MS - 300);
    const turns = new Turns(clock);
    const drawn: number[] = [];
    // 300 ms before the tick: a 400 ms animation would span it.
    turns.take({}, 400, () => drawn.push(clock.now()));
    expect(drawn).toEqual([]);
    advance(400);
    expect(drawn).toEqual([TICK_MS + FRAME_MS]);
    // A change drawn at once fits before the next tick, a frame long.
    turns.take({}, 0, () => drawn.push(clock.now()));
    turns.take({}, 0, () => drawn.push(clock.now()));
    advance(1000);
    expect(drawn).toEqual([TICK_MS + FRAME_MS, TICK_MS + FRAME_MS + turnMs(400), TICK_MS + 2 * FRAME_MS + turnMs(400)]);
  });

  test('ticks come just after each whole second of the clock, every listener on one timer', () => {
    const { clock, advance, pending } = fakeClock(2_345);
    const turns = new Turns(clock);
    const seen: number[] = [];
    const stop = turns.ticks(() => seen.push(clock.now()));
    const also: number[] = [];
    const stopAlso = turns.ticks(() => also.push(clock.now()));
    advance(2_000);
    expect(seen).toEqual([3_001, 4_001]);
    expect(also).toEqual(seen);
    expect(pending()).toBe(1);
    stop();
    stopAlso();
    expect(pending()).toBe(0);
    advance(2_000);
    expect(seen).toHaveLength(2);
  });

  test('a timer firing a little early neither ticks twice nor shows the second before', () => {
    const { clock, advance } = fakeClock(2_345, 3);
    const turns = new Turns(clock);
    const seen: number[] = [];
    turns.ticks(() => seen.push(clock.now()));
    advance(3_000);
    expect(seen).toHaveLength(3);
    expect(seen.map((t) => Math.floor(t / TICK_MS))).toEqual([3, 4, 5]);
  });

  test('a panel asked again while waiting lands only its newest data, in the same turn', () => {
    const { clock, advance } = fakeClock(100);
    const turns = new Turns(clock);
    const drawn: string[] = [];
    const a = {};
    const b = {};
    const c = {};
    turns.take(a, 400, () => drawn.push('a'));
    turns.take(b, 0, () => drawn.push('b1'));
    turns.take(c, 0, () => drawn.push('c'));
    turns.take(b, 0, () => drawn.push('b2'));
    advance(2000);
    expect(drawn).toEqual(['a', 'b2', 'c']);
  });

  test('with the turns booked past MAX_WAIT_MS a change lands at once, so the board never falls behind', () => {
    const { clock, advance } = fakeClock(100);
    const turns = new Turns(clock);
    const drawn: string[] = [];
    const charts = Array.from({ length: 6 }, () => ({}));
    charts.forEach((k, i) => turns.take(k, 400, () => drawn.push(`${i} @${clock.now()}`)));
    // Turns of 451 ms at 100, then 1017 (from 551 it would span the tick at 1000), 1468; the
    // next would start at 2017 (from 1919 it would span the tick at 2000), further than
    // MAX_WAIT_MS from now.
    expect(turnMs(400)).toBe(451);
    expect(1468 - 100).toBeLessThanOrEqual(MAX_WAIT_MS);
    expect(2017 - 100).toBeGreaterThan(MAX_WAIT_MS);
    expect(drawn).toEqual(['0 @100', '3 @100', '4 @100', '5 @100']);
    advance(2000);
    expect(drawn.slice(4)).toEqual(['1 @1017', '2 @1468']);
    // Once the booked turns are over, the next change lands at once again.
    turns.take(charts[0]!, 400, () => drawn.push(`again @${clock.now()}`));
    expect(drawn.at(-1)).toBe('again @2100');
  });

  test('a dropped panel (reloaded or gone) never lands its waiting change', () => {
    const { clock, advance, pending } = fakeClock(100);
    const turns = new Turns(clock);
    const drawn: string[] = [];
    const a = {};
    const b = {};
    turns.take(a, 400, () => drawn.push('a'));
    turns.take(b, 400, () => drawn.push('b'));
    turns.drop(b);
    expect(pending()).toBe(0);
    advance(2000);
    expect(drawn).toEqual(['a']);
  });
});
