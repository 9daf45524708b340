// A long import tells the operator how fast it goes and how long is left: the station works out
// the rate and the time left (so every screen shows the same), from the rows and bytes read on
// its own clock. Here the clock is the station's hand-driven one, moved on each progress report,
// so "the file is read at 1,000 rows a second, then slows to 250" is exact, not timed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/types';
import { importIntoStation } from '../../electron/engine/api/sources';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();

const T0 = Date.UTC(2026, 10, 25, 6, 0);

function exportCsv(dir: string, n: number): string {
  const file = path.join(dir, 'export.csv');
  const lines = ['id,published_at,text,author'];
  for (let i = 0; i < n; i++) lines.push(`${i},2026-11-25T05:${String(i % 60).padStart(2, '0')}:00Z,"停電第${i}報，全區停電中 power is out, row ${i}",reader${i % 50}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('an import’s progress', () => {
  it('carries the recent rate and the time left, follows a slowdown, and says how long the whole file took', async () => {
    const clock = new ManualClock(T0);
    const st = Station.open({ dataDir: tmp('fh-imp-rate-'), clock });
    cleanups.push(() => st.close());
    const file = exportCsv(tmp('fh-imp-file-'), 20_000);

    // Each report is a written slice of 500 rows (a file goes to the analysis thread 500 rows
    // at a time): half a second apart for the first 10,000 rows (1,000 rows/s), then two
    // seconds apart (250 rows/s).
    const seen: { elapsedMs: number; p: ImportProgress }[] = [];
    let elapsed = 0;
    const { result } = await importIntoStation(st, { path: file, source: 'exports', gauges: false }, (p) => {
      seen.push({ elapsedMs: elapsed, p });
      const step = p.rows < 10_000 ? 500 : 2000;
      clock.advance(step);
      elapsed += step;
    });
    const reading = seen.filter((s) => s.p.state === 'reading');

    // At the start: when it began, no rate yet, no time left.
    expect(reading[0]!.p).toMatchObject({ startedAt: T0, rowsPerSec: null, secondsLeft: null, rows: 0 });
    // Within seconds the rate is there; the time left only after 5 s of reading.
    const at3s = reading.find((s) => s.elapsedMs >= 3000)!.p;
    expect(at3s.rowsPerSec).toBeGreaterThan(900);
    expect(at3s.rowsPerSec).toBeLessThan(1100);
    expect(at3s.secondsLeft).toBeNull();
    const at6s = reading.find((s) => s.elapsedMs >= 6000)!.p;
    expect(at6s.secondsLeft).toBeGreaterThan(0);
    // About half the file read at 1,000/s: ~10 s left at that pace.
    const beforeSlow = reading.filter((s) => s.p.rows < 10_000).at(-1)!.p;
    expect(beforeSlow.secondsLeft).toBeGreaterThan(7);
    expect(beforeSlow.secondsLeft).toBeLessThan(13);

    // 25 s into the slow half the rate is the slow pace, not the average since the start, and
    // the time left matches it (~3,750 rows to go: ~15 s at 250/s, where 1,000/s would say 4).
    const slow = reading.find((s) => s.elapsedMs >= 10_000 + 25_000)!;
    expect(slow.p.rowsPerSec).toBeGreaterThan(200);
    expect(slow.p.rowsPerSec).toBeLessThan(300);
    expect(slow.p.rows / (slow.elapsedMs / 1000)).toBeGreaterThan(400);
    expect(slow.p.secondsLeft).toBeGreaterThan(10);
    // Near the end the time left is small.
    expect(reading.at(-1)!.p.secondsLeft).toBeLessThan(5);

    // Done: how long it took and the rate over the whole file.
    const took = seen.find((s) => s.p.state === 'done')!.elapsedMs;
    expect(result).toMatchObject({ state: 'done', rows: 20_000, inserted: 20_000, startedAt: T0, secondsLeft: 0, elapsedMs: took });
    expect(result.rowsPerSec).toBe(Math.round((20_000 / took) * 1000));
  });
});
