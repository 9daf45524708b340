// Pure time maths for the wall: bucket sizes, series ranges, data age levels, and a
// throttle. "Now" is always a parameter (the station's clock, not the browser's).

const NICE_BUCKETS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440] as const;

/** The smallest "nice" bucket that keeps a window at or under `maxBuckets` buckets (~60–120). */
export function chooseBucketMin(windowMin: number, maxBuckets = 120): number {
  for (const b of NICE_BUCKETS_MIN) if (windowMin / b <= maxBuckets) return b;
  return 1440;
}

export interface SeriesRange {
  from: number;
  to: number;
  bucketMin: number;
}

/** The range a panel asks for: its window back from now, starting on a bucket boundary. */
export function seriesRange(now: number, windowMin: number, maxBuckets = 120): SeriesRange {
  const bucketMin = chooseBucketMin(windowMin, maxBuckets);
  const bucketMs = bucketMin * 60_000;
  const from = Math.floor((now - windowMin * 60_000) / bucketMs) * bucketMs;
  return { from, to: Math.max(now, from + 1), bucketMin };
}

/** Whether a time needs its date beside it: it is not on the same local day as `now`. */
export function needsDate(at: number, now: number): boolean {
  return new Date(at).toDateString() !== new Date(now).toDateString();
}

export type AgeLevel = 'fresh' | 'old' | 'stale' | 'none';

/** How worrying the age of the newest data is: amber after 5 minutes, red after 15. */
export function ageLevel(newestAt: number | null, now: number, oldMs = 5 * 60_000, staleMs = 15 * 60_000): AgeLevel {
  if (newestAt == null) return 'none';
  const age = now - newestAt;
  if (age >= staleMs) return 'stale';
  if (age >= oldMs) return 'old';
  return 'fresh';
}

/** The largest whole unit for an age, for "12 秒前" / "3 分鐘前" / "2 小時前". */
export function ageParts(ms: number): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return { value: s, unit: 'second' };
  const m = Math.floor(s / 60);
  if (m < 60) return { value: m, unit: 'minute' };
  const h = Math.floor(m / 60);
  if (h < 48) return { value: h, unit: 'hour' };
  return { value: Math.floor(h / 24), unit: 'day' };
}

/**
 * Runs `fn` at most once per `ms`: the first call runs at once, calls during the quiet
 * period collapse into one trailing run. `cancel` drops a pending run (on destroy).
 */
export function throttle(fn: () => void, ms: number, clock: { now(): number } = Date) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = clock.now();
    fn();
  };
  const throttled = () => {
    if (timer) return;
    const wait = last + ms - clock.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
