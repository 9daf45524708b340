// What `fenghuo import` prints on a terminal while a big file is read, and when it is done.
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/types';
import { progressBar, span, timeLeft, tookLine } from '../../electron/cli/import';

const reading: ImportProgress = {
  sourceId: 1,
  file: '/exports/big.csv',
  state: 'reading',
  bytesDone: 420,
  bytesTotal: 1000,
  rows: 1_234_567,
  inserted: 1_200_000,
  duplicates: 34_567,
  errors: 0,
  startedAt: 0,
  elapsedMs: 250_000,
  rowsPerSec: 4890,
  secondsLeft: 170,
  message: null,
};

describe('fenghuo import on a terminal', () => {
  it('shows the bar with rows, the recent rate and about how long is left', () => {
    expect(progressBar(reading)).toBe(`[${'#'.repeat(13)}${' '.repeat(17)}]  42%  1,234,567 rows, 1,200,000 new · 4,890 rows/s · about 3 min left`);
  });

  it('says nothing of rate or time left before the station knows them', () => {
    expect(progressBar({ ...reading, rowsPerSec: null, secondsLeft: null })).toMatch(/1,200,000 new$/);
  });

  it('rounds the time left up, no finer than it can be known', () => {
    expect(timeLeft(3)).toBe('about 10 s left');
    expect(timeLeft(41)).toBe('about 50 s left');
    expect(timeLeft(61)).toBe('about 2 min left');
    expect(timeLeft(2 * 3600 + 60)).toBe('about 2 h 10 min left');
  });

  it('says how long the whole file took and at what rate', () => {
    expect(tookLine({ ...reading, state: 'done', elapsedMs: 252_400 })).toBe('1,234,567 rows in 4 min 12 s, 4,890/s');
    expect(span(45)).toBe('45 s');
    expect(span(3600 + 20 * 60 + 10)).toBe('1 h 20 min');
  });
});
