// Drills and imports: replaying a stored stretch of the station, and `fenghuo import` of an
// export file with progress and a summary.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/types';
import { runImport } from '../../electron/cli/import';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();

const T0 = Date.UTC(2026, 10, 25, 6, 0);

function sink(tty = false) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; text: () => string };
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  s.isTTY = tty;
  s.text = () => text;
  return s;
}

describe('a drill replaying a stored stretch', () => {
  it('plays last night’s mentions again from their first one, at speed, without treating them as copies', async () => {
    const clock = new ManualClock(T0);
    const st = Station.open({ dataDir: tmp('fh-drill-'), clock });
    cleanups.push(() => st.close());
    const hook = (await callApi(st, 'sources.add', { name: 'pushes', kind: 'webhook', config: {} }, 'admin')) as Source;
    const crisis = Array.from({ length: 6 }, (_, i) => ({
      guid: `c${i}`,
      text: `第${i}報：機房火警，網路全面中斷，客服電話無人接聽，用戶非常憤怒`,
      publishedAt: T0 - 3600_000 + i * 10 * 60_000,
    }));
    st.ingest(hook.id, crisis);
    st.ingest(hook.id, [{ guid: 'before', text: '前一天的一般訊息，與火警無關的日常討論內容', publishedAt: T0 - 5 * 3600_000 }]);

    const drill = (await callApi(st, 
      'sources.add',
      { name: 'drill', kind: 'replay', config: { range: { from: T0 - 3600_000, to: T0, sourceIds: [hook.id] }, speed: 60 } },
      'admin',
    )) as Source;
    clock.advance(1000);
    await st.sources.poll(drill.id);
    // At 60× the first item arrives at once, the next (10 minutes later) after 10 s.
    expect(st.store.mentions.find({ sourceId: drill.id }, 50).total).toBe(1);
    clock.advance(25_000);
    await st.sources.poll(drill.id);
    const replayed = st.store.mentions.find({ sourceId: drill.id }, 50).items;
    expect(replayed.map((m) => m.text.slice(0, 3)).sort()).toEqual(['第0報', '第1報', '第2報']);
    expect(Math.min(...replayed.map((m) => m.publishedAt))).toBe(T0 + 1000);
    expect(st.store.mentions.rollupDiff()).toEqual([]);
  });

  it('refuses a replay config with both a corpus and a range', async () => {
    const st = Station.open({ dataDir: tmp('fh-drill-'), clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    await expect(
      callApi(st, 'sources.add', { name: 'x', kind: 'replay', config: { corpus: 'demo', range: { from: 1, to: 2 } } }, 'admin'),
    ).rejects.toThrow(/either corpus or range/);
  });
});

describe('fenghuo import', () => {
  const csv = ['Item ID,Published (UTC),Headline,Body,Byline,Audience', '1,2026-11-25 05:00:00,Outage,"Power is out across the east side, crews on the way",ann,100'];
  for (let i = 2; i <= 300; i++) csv.push(`${i},2026-11-25 05:${String(i % 60).padStart(2, '0')}:00,Update ${i},"Outage update number ${i}: still no power in the east district",bob,${i}`);
  csv.push('301,yesterday,Bad,"a row with a bad date that cannot be read",cy,1');

  it('ingests an export with plain progress lines on stderr and a summary on stdout, and refuses to read it twice', async () => {
    const dir = tmp('fh-import-');
    const file = path.join(dir, 'newsroom.csv');
    fs.writeFileSync(file, csv.join('\n') + '\n');
    const data = path.join(dir, 'station');
    const out = sink();
    const err = sink();
    expect(await runImport([file, '--data', data, '--preset', 'newsroom', '--source', 'newsroom export'], { out, err })).toBe(0);
    expect(err.text()).toMatch(/newsroom\.csv: 100% \(301 rows, 300 new/);
    expect(out.text()).toMatch(/→ "newsroom export": 301 rows, 300 new mentions, 0 duplicates, 1 refused \(see newsroom\.csv\.errors\.jsonl\); 301 rows in [\d.]+ s/);
    expect(out.text()).not.toMatch(/%/);
    expect(fs.readFileSync(`${file}.errors.jsonl`, 'utf8')).toBe('{"line":302,"reason":"date \\"yesterday\\" does not read as YYYY-MM-DD HH:mm:ss"}\n');

    const again = sink();
    expect(await runImport([file, '--data', data, '--preset', 'newsroom', '--source', 'newsroom export'], { out: again, err })).toBe(0);
    expect(again.text()).toMatch(/already imported/);

    const st = Station.open({ dataDir: data });
    cleanups.push(() => st.close());
    expect(st.store.mentions.count()).toBe(300);
    expect(st.store.sources.byName('newsroom export')).toMatchObject({ kind: 'folder', enabled: false });
  });

  it('draws a progress bar on a terminal (stderr), the summary staying on stdout', async () => {
    const dir = tmp('fh-import-');
    const file = path.join(dir, 'x.jsonl');
    fs.writeFileSync(file, '{"id":"1","text":"hello from a jsonl export file"}\n');
    const err = sink(true);
    const out = sink();
    expect(await runImport([file, '--data', path.join(dir, 'st')], { out, err })).toBe(0);
    expect(err.text()).toMatch(/\r\[#{30}\] 100%/);
    expect(out.text()).toMatch(/1 rows, 1 new mentions/);
  });

  it('is a subcommand of the fenghuo command, as is parse-feed', async () => {
    const dir = tmp('fh-import-');
    const file = path.join(dir, 'x.json');
    fs.writeFileSync(file, JSON.stringify({ items: [{ id: 'j1', content: 'JSON export item number one' }] }));
    const bin = path.resolve('bin/fenghuo.mjs');
    const run = promisify(execFile);
    const r = await run(process.execPath, [bin, 'import', file, '--data', path.join(dir, 'st')]);
    expect(r.stdout).toMatch(/1 rows, 1 new mentions/);
    const feed = await run(process.execPath, [bin, 'parse-feed', path.resolve('tests/fixtures/feeds/jsonfeed11.json')]);
    expect(feed.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(JSON.parse(feed.stdout.trim().split('\n')[0]!)).toHaveProperty('guid');
  }, 60_000);
});
