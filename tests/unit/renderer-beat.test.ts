import { describe, expect, test } from 'vitest';
import { BEAT_MS, startBeat, type BeatHost } from '../../renderer/src/lib/beat';

/** A page root whose attribute writes are counted, a motion setting and a hand-turned clock. */
function fakeHost(reduced = false) {
  const writes: string[] = [];
  const values: Record<string, string> = {};
  const dataset = new Proxy(values, {
    set(target, key: string, value: string) {
      writes.push(`${key}=${value}`);
      target[key] = value;
      return true;
    },
  }) as DOMStringMap;
  let motionListener: (() => void) | null = null;
  let tick: (() => void) | null = null;
  const state = { reduced };
  const host: BeatHost = {
    root: { dataset },
    reducedMotion: () => state.reduced,
    onMotionChange(cb) {
      motionListener = cb;
      return () => (motionListener = null);
    },
    setInterval(cb, ms) {
      expect(ms).toBe(BEAT_MS);
      tick = cb;
      return 1;
    },
    clearInterval: () => void (tick = null),
  };
  return {
    host,
    values,
    writes,
    beats: (n: number) => {
      const seen: string[] = [];
      for (let i = 0; i < n; i++) {
        tick?.();
        seen.push(`${values.beat}/${values.slowBeat}`);
      }
      return seen;
    },
    setReduced(v: boolean) {
      state.reduced = v;
      motionListener?.();
    },
    get ticking() {
      return tick !== null;
    },
  };
}

describe("the page's beat", () => {
  test('every blink shows on one beat: on and off each BEAT_MS, the slow beat half as fast', () => {
    const h = fakeHost();
    const stop = startBeat(h.host);
    expect(`${h.values.beat}/${h.values.slowBeat}`).toBe('off/on');
    expect(h.beats(4)).toEqual(['on/on', 'off/off', 'on/off', 'off/on']);
    // Written only when it changes: an unchanged write would restyle the blinking elements too.
    expect(h.writes).toEqual(['beat=off', 'slowBeat=on', 'beat=on', 'beat=off', 'slowBeat=off', 'beat=on', 'beat=off', 'slowBeat=on']);
    stop();
    expect(h.ticking).toBe(false);
  });

  test('a screen asking for reduced motion gets no beat: everything holds its resting look', () => {
    const h = fakeHost(true);
    const stop = startBeat(h.host);
    expect(h.values).toEqual({ beat: 'still', slowBeat: 'still' });
    expect(h.ticking).toBe(false);
    // The setting changed while the page is up: the beat follows it both ways.
    h.setReduced(false);
    expect(h.ticking).toBe(true);
    expect(h.beats(1)).toEqual(['on/on']);
    h.setReduced(true);
    expect(h.ticking).toBe(false);
    expect(h.values).toEqual({ beat: 'still', slowBeat: 'still' });
    stop();
  });
});
