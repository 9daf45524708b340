// `fenghuo topics` and `fenghuo rules` against a station folder, as an operator of a headless
// station uses them: a broken query is pointed at, a topic is added and its history re-tagged,
// a preset rule is backtested on the stored history and added, and bad lines or a missing
// topic are refused with the reason. Real SQLite folder; the commands run in-process, and once
// through bin/fenghuo.mjs to prove they are registered.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../electron/cli/rules';
import { runTopics } from '../../electron/cli/topics';
import { Station } from '../../electron/engine/station';

const MIN = 60_000;
const DAY = 86_400_000;
let dir: string;
const NOW = Date.now();
const BURST = NOW - 2 * DAY - 3 * 60 * MIN;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-cli-setup-'));
  // A station with a week of stored history (a mention every 10 minutes) and one burst.
  const st = Station.open({ dataDir: dir });
  const id = st.store.sources.add({ name: '新聞', kind: 'feed', config: { url: 'https://example.com/feed.xml' }, enabled: false, intervalSec: 300 }, NOW);
  const items = [];
  let n = 0;
  for (let t = NOW - 8 * DAY; t < NOW; t += 10 * MIN) items.push({ guid: `c${n++}`, text: `極光電信門市今天人不多 ${n}`, publishedAt: t, reach: 1 });
  for (let i = 0; i < 80; i++) items.push({ guid: `b${i}`, text: `極光電信斷訊，客服打不通 ${i}`, publishedAt: BURST + i * 15_000, reach: 1 });
  st.ingest(id, items);
  await st.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(fn: typeof runTopics, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += c));
  err.on('data', (c) => (e += c));
  const code = await fn([...argv, '--data', dir], { out, err });
  return { code, out: o, err: e };
}

describe('fenghuo topics', () => {
  it('points at the character a broken query goes wrong at, and stores nothing', async () => {
    const r = await run(runTopics, ['preview', '--query', '極光電信 AND (台積電']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unclosed "(" opened at position 9');
    // The caret sits under the "(" (CJK characters are two columns wide).
    expect(r.err).toContain(`  極光電信 AND (台積電\n  ${' '.repeat(8 + 5)}^`);
    expect((await run(runTopics, ['list'])).out).toContain('no topics yet');
  });

  it('previews a query on the stored week, adds it and re-tags the history', async () => {
    const p = await run(runTopics, ['preview', '--query', '極光電信', '--days', '7']);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^\d+ of \d+ stored mentions of the last 7 days match/);
    const a = await run(runTopics, ['add', '--name', '極光電信', '--query', '極光電信 OR "Aurora Mobile"']);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/added topic \d+ "極光電信"\nre-tagged history: (\d+) of \1 stored mentions match/);
    // Stretch by stretch, newest first, each said as it ends; together every stored mention once.
    expect(a.err).toMatch(/^re-tagged back to 1 day ago: (\d+) of \1 match\nre-tagged back to 7 days ago: (\d+) of \2 match\n(.+\n){2}re-tagged the rest of history: 0 of 0 match\n$/);
    const dup = await run(runTopics, ['add', '--name', '極光電信', '--query', 'x']);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('already exists');
    const list = JSON.parse((await run(runTopics, ['list', '--json'])).out);
    expect(list).toMatchObject([{ name: '極光電信', query: '極光電信 OR "Aurora Mobile"' }]);
  });
});

describe('fenghuo rules', () => {
  it('backtests a preset on the stored history, then adds it', async () => {
    const b = await run(runRules, ['backtest', '--topic', '極光電信', '--preset', 'spike', '--days', '7', '--json']);
    expect(b.code).toBe(0);
    const report = JSON.parse(b.out);
    expect(report.firstRedAt).toBeGreaterThanOrEqual(BURST);
    expect(report.firstRedAt).toBeLessThan(BURST + 60 * MIN);
    expect(JSON.parse((await run(runRules, ['list', '--json'])).out)).toEqual([]);

    const text = await run(runRules, ['backtest', '--topic', '極光電信', '--days', '7']);
    expect(text.out).toContain('first red:');
    expect(text.out).toMatch(/raised alerts a day on average/);

    const add = await run(runRules, ['add', '--topic', '極光電信', '--preset', 'spike', '--red', '4']);
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/added rule \d+ "spike": volume_baseline, yellow 2, red 4/);
    expect(JSON.parse((await run(runRules, ['list', '--json'])).out)).toHaveLength(1);
  });

  it('refuses inverted or out-of-range lines and a topic that does not exist, naming why', async () => {
    const inverted = await run(runRules, ['add', '--topic', '極光電信', '--preset', 'negative', '--yellow', '0.6', '--red', '0.4']);
    expect(inverted.code).toBe(1);
    expect(inverted.err).toContain('rule.red: red must be at or above yellow');
    const percent = await run(runRules, ['backtest', '--topic', '極光電信', '--preset', 'negative', '--yellow', '40']);
    expect(percent.code).toBe(1);
    expect(percent.err).toContain('rule.yellow: must be from 0.01 to 1');
    const missing = await run(runRules, ['add', '--topic', '已刪除的主題']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('there is no topic named "已刪除的主題"');
    expect(JSON.parse((await run(runRules, ['list', '--json'])).out)).toHaveLength(1);
  });

  it('is a command of bin/fenghuo', () => {
    const r = spawnSync(process.execPath, ['bin/fenghuo.mjs', 'rules', 'list', '--data', dir], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/volume_baseline\s+yellow 2\s+red 4\s+spike/);
  });
});
