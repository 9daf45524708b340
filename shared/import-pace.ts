// How an import's pace is said, by the CLI and the Sources screen alike: a length of time in its
// two largest units, and a time left rounded up to what can honestly be known of it.

export type SpanUnit = 'hour' | 'minute' | 'second';

/** 0.43 → [[0.4, second]]; 45 → [[45, second]]; 252 → [[4, minute], [12, second]]; 4810 → [[1, hour], [20, minute]]. */
export function spanParts(seconds: number): [number, SpanUnit][] {
  // A small file is read in under a second: "0.4 s", not "0 s".
  if (seconds < 9.95) return [[Math.max(0, Math.round(seconds * 10) / 10), 'second']];
  const s = Math.round(seconds);
  if (s < 60) return [[s, 'second']];
  if (s < 3600) return s % 60 ? [[Math.floor(s / 60), 'minute'], [s % 60, 'second']] : [[s / 60, 'minute']];
  const m = Math.round(s / 60);
  return m % 60 ? [[Math.floor(m / 60), 'hour'], [m % 60, 'minute']] : [[m / 60, 'hour']];
}

/** Time left rounded up: to 10 s under a minute, to the minute under an hour, else to 10 min. */
export function roundTimeLeft(seconds: number): number {
  if (seconds < 60) return Math.max(10, Math.ceil(seconds / 10) * 10);
  if (seconds < 3600) return Math.ceil(seconds / 60) * 60;
  return Math.ceil(seconds / 600) * 600;
}
