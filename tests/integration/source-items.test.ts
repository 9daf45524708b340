// A source's row on the Sources screen says how much it has brought ("12,000 mentions") and
// when it last delivered. That held for polls, pushes and watched folders; a file imported by
// hand or with `fenghuo import` stored its rows and left its source at "never succeeded · 0".
// The count is now kept where mentions are stored, whatever brought them, and an older station
// file takes it from its source rollups when it is upgraded.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/types';
import { importIntoStation } from '../../electron/engine/api/sources';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();

const T0 = Date.UTC(2026, 11, 3, 6, 0);

function exportCsv(dir: string, name: string, from: number, n: number): string {
  const file = path.join(dir, name);
  const lines = ['id,published_at,text,author'];
  for (let i = from; i < from + n; i++) lines.push(`${i},2026-12-03T05:${String(i % 60).padStart(2, '0')}:00Z,"第${i}則：極光斷訊 outage report ${i}",reader${i % 7}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('what a source has brought', () => {
  it('counts an imported file’s new mentions on its source, not its duplicates, and says when it last delivered', async () => {
    const clock = new ManualClock(T0);
    const dataDir = tmp('fh-source-items-');
    const st = Station.open({ dataDir, clock });
    cleanups.push(() => st.close());
    const sourceEvents: Source[] = [];
    cleanups.push(st.events.subscribe((e) => {
      if (e.type === 'source') sourceEvents.push(e.source);
    }));
    const dir = tmp('fh-source-items-files-');

    const first = await importIntoStation(st, { path: exportCsv(dir, 'a.csv', 0, 1200), source: 'exports', gauges: false });
    expect(first.result).toMatchObject({ state: 'done', inserted: 1200 });
    const src = st.sources.list().find((s) => s.name === 'exports')!;
    expect(src.health).toMatchObject({ itemsTotal: 1200, lastSuccessAt: T0 });
    // The Sources screen hears of it without reloading.
    expect(sourceEvents.at(-1)).toMatchObject({ name: 'exports', health: { itemsTotal: 1200 } });

    // A second file overlapping the first: only its new rows count.
    clock.advance(60_000);
    const second = await importIntoStation(st, { path: exportCsv(dir, 'b.csv', 1000, 500), source: 'exports', gauges: false });
    expect(second.result).toMatchObject({ inserted: 300, duplicates: 200 });
    expect(st.sources.list().find((s) => s.name === 'exports')!.health).toMatchObject({ itemsTotal: 1500, lastSuccessAt: T0 + 60_000 });
    expect(st.store.mentions.count()).toBe(1500);
  });

  it('an older station file is upgraded with each source’s count taken from its rollups', async () => {
    const clock = new ManualClock(T0);
    const dataDir = tmp('fh-source-items-old-');
    let st = Station.open({ dataDir, clock });
    await importIntoStation(st, { path: exportCsv(tmp('fh-source-items-files-'), 'a.csv', 0, 800), source: 'exports', gauges: false });
    const file = st.store.file;
    st.close();

    // As a build before schema 12 left it: the import stored, the source counted nothing.
    const db = new Database(file);
    db.prepare(`UPDATE sources SET items_total = 0, last_success_at = NULL`).run();
    db.pragma('user_version = 11');
    db.close();

    st = Station.open({ dataDir, clock });
    cleanups.push(() => st.close());
    expect(st.sources.list().find((s) => s.name === 'exports')!.health.itemsTotal).toBe(800);
  });
});
