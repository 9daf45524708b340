// The wall's time maths: bucket sizes, the ranges panels ask for, data age and throttling.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ageLevel, ageParts, chooseBucketMin, seriesRange, throttle } from '../../renderer/src/lib/time';

describe('bucket sizes', () => {
  test('every window from 30 minutes to 30 days gets at most 120 buckets, and at least 60 from 2 hours up', () => {
    for (const windowMin of [30, 60, 120, 180, 360, 720, 1440, 2880, 10_080, 43_200]) {
      const n = windowMin / chooseBucketMin(windowMin);
      expect(n, `window ${windowMin}`).toBeLessThanOrEqual(120);
      if (windowMin >= 120) expect(n, `window ${windowMin}`).toBeGreaterThanOrEqual(30);
    }
    expect(chooseBucketMin(360)).toBe(5);
    expect(chooseBucketMin(60)).toBe(1);
    expect(chooseBucketMin(1440)).toBe(15);
  });

  test('a series range starts on a bucket boundary, covers the window and ends now', () => {
    const now = Date.UTC(2025, 0, 1, 12, 3, 17);
    const r = seriesRange(now, 360);
    expect(r.bucketMin).toBe(5);
    expect(r.from % (5 * 60_000)).toBe(0);
    expect(r.from).toBeLessThanOrEqual(now - 360 * 60_000);
    expect(now - 360 * 60_000 - r.from).toBeLessThan(5 * 60_000);
    expect(r.to).toBe(now);
    expect((r.to - r.from) / (r.bucketMin * 60_000)).toBeLessThanOrEqual(5000);
  });
});

describe('data age', () => {
  const now = 1_000_000_000;
  test('fresh data is quiet; five minutes old turns amber; fifteen turns red; none is said', () => {
    expect(ageLevel(now - 12_000, now)).toBe('fresh');
    expect(ageLevel(now - 5 * 60_000, now)).toBe('old');
    expect(ageLevel(now - 15 * 60_000, now)).toBe('stale');
    expect(ageLevel(null, now)).toBe('none');
  });

  test('ages are told in the largest whole unit', () => {
    expect(ageParts(12_400)).toEqual({ value: 12, unit: 'second' });
    expect(ageParts(3 * 60_000 + 59_000)).toEqual({ value: 3, unit: 'minute' });
    expect(ageParts(5 * 3_600_000)).toEqual({ value: 5, unit: 'hour' });
    expect(ageParts(3 * 86_400_000)).toEqual({ value: 3, unit: 'day' });
    expect(ageParts(-5000)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('throttle', () => {
  afterEach(() => void vi.useRealTimers());

  test('a burst of mention events refreshes at once and then at most once per period', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  test('cancel drops the pending run (a destroyed panel does not fetch)', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t();
    t();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
