// A watched folder on a real disk: files dropped in are read once they are complete, once
// each, bad rows set aside in a sidecar with their line and reason, good rows kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/api';
import type { GaugeSeries, ImportProgress, Source } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();

const T0 = Date.UTC(2026, 10, 25, 6, 0);

async function watchedStation(config: Record<string, unknown>) {
  const st = Station.open({ dataDir: tmp('fh-folder-db-'), clock: new ManualClock(T0) });
  cleanups.push(() => st.close());
  const imports: ImportProgress[] = [];
  st.events.subscribe((e: StationEvent) => {
    if (e.type === 'import') imports.push(e.progress);
  });
  st.start();
  const src = (await callApi(st, 'sources.add', { name: 'exports', kind: 'folder', config }, 'admin')) as Source;
  return { st, imports, sourceId: src.id };
}

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rows(n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => `${from + i},2026-11-25T05:${String((from + i) % 60).padStart(2, '0')}:00Z,"停電第${from + i}報，全區停電中，台電表示正在搶修",reader${i}\n`).join('');
}

describe('a watched folder', () => {
  it('reads a file written slowly only once it is complete, and not again when the same file is copied in', async () => {
    const dir = tmp('fh-folder-');
    const { st, imports, sourceId } = await watchedStation({ path: dir });
    const file = path.join(dir, 'export.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'id,date,text,author\n');
    for (let i = 0; i < 5; i++) {
      fs.writeSync(fd, rows(20, i * 20));
      await sleep(150);
    }
    fs.closeSync(fd);
    const done = await until('the import to finish', () => imports.find((p) => p.state === 'done'));
    expect(done).toMatchObject({ rows: 100, inserted: 100, errors: 0 });
    expect(imports.filter((p) => p.state === 'reading').length).toBeGreaterThan(0);
    expect(st.store.mentions.count()).toBe(100);

    fs.copyFileSync(file, path.join(dir, 'export (copy).csv'));
    const skipped = await until('the copy to be seen', () => imports.find((p) => p.state === 'skipped'));
    expect(skipped.message).toMatch(/already read as export\.csv/);
    expect(st.store.mentions.count()).toBe(100);
    expect(imports.filter((p) => p.state === 'done')).toHaveLength(1);
    expect(st.store.sources.get(sourceId)!.health).toMatchObject({ state: 'ok', itemsTotal: 100 });

    // A second file, written slowly while the folder is already being watched.
    const later = fs.openSync(path.join(dir, 'later.csv'), 'w');
    fs.writeSync(later, 'id,date,text,author\n');
    for (let i = 0; i < 4; i++) {
      fs.writeSync(later, rows(10, 1000 + i * 10));
      await sleep(150);
    }
    fs.closeSync(later);
    await until('the second file', () => imports.filter((p) => p.state === 'done').length === 2);
    expect(imports.filter((p) => p.state === 'done')[1]).toMatchObject({ rows: 40, inserted: 40 });
    expect(st.store.mentions.count()).toBe(140);
  });

  it('stops a long import when the station stops; the next start reads the file again and doubles no row', async () => {
    const dir = tmp('fh-folder-');
    const dataDir = tmp('fh-folder-db-');
    // Several times the rows a file has at the analysis thread at once (2 slices of 500).
    const N = 6_000;
    fs.writeFileSync(path.join(dir, 'big.csv'), 'id,date,text,author\n' + rows(N));
    const first = Station.open({ dataDir, clock: new ManualClock(T0) });
    first.start();
    await callApi(first, 'sources.add', { name: 'exports', kind: 'folder', config: { path: dir } }, 'admin');
    await until('the first rows', () => first.store.mentions.count() > 0, 30_000);
    // Closing waits for the batch in hand, not for the rest of the file.
    await first.close();
    const again = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => again.close());
    const stored = again.store.mentions.count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(N);
    const imports: ImportProgress[] = [];
    again.events.subscribe((e: StationEvent) => {
      if (e.type === 'import') imports.push(e.progress);
    });
    again.start();
    const done = await until('the file read again to its end', () => imports.find((p) => p.state === 'done'), 60_000);
    expect(done).toMatchObject({ rows: N, inserted: N - stored, duplicates: stored });
    expect(again.store.mentions.count()).toBe(N);
  }, 120_000);

  it('keeps the good rows and writes the bad ones to <file>.errors.jsonl with line and reason', async () => {
    const dir = tmp('fh-folder-');
    const { st, imports } = await watchedStation({ path: dir });
    const csv = [
      'id,date,text,author',
      '1,2026-11-25T05:00:00Z,"第一則：捷運板南線延誤，月台人潮擁擠",ann',
      '2,not a date,"第二則：日期壞了",bob',
      '3,2026-11-25T05:02:00Z,"第三則：多了一欄",cy,extra',
      '4,2026-11-25T05:03:00Z,"第四則：引號裡',
      '有換行，仍是同一筆",dee',
      '5,2026-11-25T05:04:00Z,,eve',
      '6,2026-11-25T05:05:00Z,"第六則：恢復通車了，謝謝大家耐心等候",fay',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'mixed.csv'), csv);
    const done = await until('the import', () => imports.find((p) => p.state === 'done'));
    expect(done).toMatchObject({ rows: 6, inserted: 3, errors: 3 });
    const sidecar = fs.readFileSync(path.join(dir, 'mixed.csv.errors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(sidecar).toEqual([
      { line: 3, reason: 'date "not a date" does not read as iso' },
      { line: 4, reason: '5 fields where the header has 4' },
      { line: 7, reason: 'no text: "text" empty or missing' },
    ]);
    const texts = st.store.mentions.find({}, 10).items.map((m) => m.text);
    expect(texts).toContain('第四則：引號裡\n有換行，仍是同一筆');
    // The sidecar is ours: it is not read as an import.
    await sleep(1500);
    expect(imports.filter((p) => p.state === 'done')).toHaveLength(1);
  });

  it('reads JSONL and a Big5 CSV in the zh-monitor layout', async () => {
    const dir = tmp('fh-folder-');
    const { st, imports } = await watchedStation({ path: dir, preset: 'zh-monitor' });
    const big5 = '序號,發布時間,標題,內文,作者,粉絲數\nz1,2026/11/25 13:30,颱風假,台北市宣布明天停班停課，請民眾注意安全,阿明,5000\n';
    fs.writeFileSync(path.join(dir, 'old-tool.csv'), iconv.encode(big5, 'big5'));
    fs.writeFileSync(
      path.join(dir, 'more.jsonl'),
      [{ 序號: 'z2', 內文: '風雨漸大，外出請小心', 發布時間: '2026/11/25 13:40' }, 'not json'].map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n'),
    );
    await until('both files', () => imports.filter((p) => p.state === 'done').length === 2);
    const m = st.store.mentions.find({}, 10).items;
    expect(m.map((x) => x.guid).sort()).toEqual(['z1', 'z2']);
    expect(m.find((x) => x.guid === 'z1')).toMatchObject({ title: '颱風假', author: '阿明', reach: 5000, publishedAt: Date.UTC(2026, 10, 25, 5, 30) });
    expect(fs.readFileSync(path.join(dir, 'more.jsonl.errors.jsonl'), 'utf8')).toMatch(/"line":2,"reason":"not valid JSON/);
  });

  it('reads gauge readings into gauges', async () => {
    const dir = tmp('fh-folder-');
    const { st, imports } = await watchedStation({ path: dir, contents: 'gauges' });
    fs.writeFileSync(
      path.join(dir, 'crowd.csv'),
      'gauge,at,value,unit,capacity\nhall-a,2026-11-25T05:00:00Z,1200,people,5000\nhall-a,2026-11-25T05:05:00Z,4100,people,5000\nhall-a,later,1,people,5000\n',
    );
    await until('the readings', () => imports.find((p) => p.state === 'done'));
    const series = (await callApi(st, 'gauges.series', { name: 'hall-a', from: T0 - 3600_000, to: T0 }, 'viewer')) as GaugeSeries;
    expect(series.gauge).toMatchObject({ unit: 'people', capacity: 5000, lastValue: 4100 });
    expect(series.points.map((p) => p.value)).toEqual([1200, 4100]);
    expect(fs.readFileSync(path.join(dir, 'crowd.csv.errors.jsonl'), 'utf8')).toMatch(/"line":4/);
  });

  it('shows what a folder would give in a dry run, storing nothing', async () => {
    const dir = tmp('fh-folder-');
    fs.writeFileSync(path.join(dir, 'a.csv'), 'id,text\n1,第一則測試訊息，看看會怎麼存\n');
    const st = Station.open({ dataDir: tmp('fh-folder-db-'), clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    const r = (await callApi(st, 'sources.test', { kind: 'folder', config: { path: dir } }, 'admin')) as { found: number; items: { guid: string; lang: string }[] };
    expect(r).toMatchObject({ found: 1, items: [{ guid: '1', lang: 'zh-Hant' }] });
    expect(st.store.mentions.count()).toBe(0);
    await expect(callApi(st, 'sources.test', { kind: 'webhook', config: {} }, 'admin')).rejects.toThrow(/receives pushes/);
  });

  it('says so on the source when the folder does not exist', async () => {
    const { st, sourceId } = await watchedStation({ path: path.join(os.tmpdir(), 'fh-no-such-folder-xyz') });
    expect(st.store.sources.get(sourceId)!.health.lastError).toMatch(/does not exist/);
  });
});
