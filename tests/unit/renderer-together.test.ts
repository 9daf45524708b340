import { describe, expect, test } from 'vitest';
import { createGather, type GatherClock } from '../../renderer/src/lib/together';

/** A clock the test turns by hand: frames and timers run when told. */
function handClock() {
  let frames: (() => void)[] = [];
  const timers = new Map<number, { at: number; cb: () => void }>();
  let now = 0;
  let id = 0;
  const clock: GatherClock = {
    frame: (cb) => void frames.push(cb),
    setTimeout: (cb, ms) => (timers.set(++id, { at: now + ms, cb }), id),
    clearTimeout: (h) => void timers.delete(h as number),
  };
  return {
    clock,
    drawFrame() {
      const fs = frames;
      frames = [];
      for (const f of fs) f();
    },
    advance(ms: number) {
      now += ms;
      for (const [k, t] of [...timers]) if (t.at <= now) (timers.delete(k), t.cb());
    },
    get framesWaiting() {
      return frames.length;
    },
  };
}

describe("a board's answers are applied together", () => {
  test('answers arriving apart land in one frame, once the last load has settled', () => {
    const h = handClock();
    const g = createGather(h.clock, 200);
    const shown: string[] = [];
    const ends = ['volume', 'heat', 'voice'].map(() => g.begin());
    g.apply(() => shown.push('volume'));
    ends[0]!();
    g.apply(() => shown.push('heat'));
    ends[1]!();
    h.drawFrame();
    expect(shown, 'nothing applied while a load is in flight').toEqual([]);
    g.apply(() => shown.push('voice'));
    ends[2]!();
    expect(h.framesWaiting).toBe(1);
    h.drawFrame();
    expect(shown).toEqual(['volume', 'heat', 'voice']);
  });

  test('a slow load holds the others back at most maxWaitMs', () => {
    const h = handClock();
    const g = createGather(h.clock, 200);
    const shown: string[] = [];
    const fast = g.begin();
    const slow = g.begin();
    g.apply(() => shown.push('fast'));
    fast();
    h.advance(199);
    h.drawFrame();
    expect(shown).toEqual([]);
    h.advance(1);
    h.drawFrame();
    expect(shown).toEqual(['fast']);
    g.apply(() => shown.push('slow'));
    slow();
    h.drawFrame();
    expect(shown).toEqual(['fast', 'slow']);
  });

  test('one answer alone is applied on the next frame; a failing one does not keep the rest off', () => {
    const h = handClock();
    const errors: unknown[] = [];
    const g = createGather(h.clock, 200, (e) => void errors.push(e));
    const shown: string[] = [];
    const a = g.begin();
    const b = g.begin();
    g.apply(() => {
      throw new Error('broken panel');
    });
    a();
    g.apply(() => shown.push('ok'));
    b();
    h.drawFrame();
    expect(shown).toEqual(['ok']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['broken panel']);
    g.apply(() => shown.push('alone'));
    h.drawFrame();
    expect(shown).toEqual(['ok', 'alone']);
  });
});
