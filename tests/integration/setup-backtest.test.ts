// Making a station one's own, through the api: a light rule backtested on the station's stored
// history before it is saved (when it would have gone yellow and red, alerts a day, nothing
// stored), and a setup (topics + rules) exported and imported as one file, where every kind of
// bad file is refused with its problems named and nothing changes. Real SQLite files, a
// manual clock, mentions stored through the station's own pipeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestReport, SetupFile, SetupImportResult } from '../../shared/setup';
import type { LightRule, Topic } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { dispatch } from '../../electron/engine/api';
import { cachedRollups } from '../../electron/engine/alerts/backtest';
import type { IncomingItem } from '../../electron/engine/sources/types';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0);
/** The burst in the history: three days ago, 06:00 UTC (14:00 in Taipei). */
const BURST = NOW - 3 * DAY - 6 * 60 * MIN;

let seq = 0;
function item(at: number, text: string): IncomingItem {
  return { guid: `h-${++seq}`, text: `${text} ${seq}`, publishedAt: at, reach: 5 };
}

/** Eight days of an ordinary rhythm (a mention every 10 minutes), and one afternoon burst. */
function history(): IncomingItem[] {
  const items: IncomingItem[] = [];
  // Now and then a ten-minute slot stays quiet, as real traffic does.
  for (let t = NOW - 8 * DAY, i = 0; t < NOW; t += 10 * MIN, i++) if (i % 5 !== 2) items.push(item(t, '今天去極光電信門市辦手機，店員很親切'));
  for (let i = 0; i < 80; i++) items.push(item(BURST + i * 15_000, '極光電信整個下午斷訊，客服打不通，超爛'));
  return items;
}

async function station(opts: { history?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-setup-'));
  const clock = new ManualClock(NOW);
  const st = Station.open({ dataDir: dir, clock });
  cleanups.push(async () => {
    await st.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const call = <T>(method: string, params: unknown, role: 'admin' | 'viewer' = 'admin') => dispatch(st, method, params, role) as Promise<T>;
  const source = await call<{ id: number }>('sources.add', { name: '新聞', kind: 'replay', config: { corpus: 'demo' }, enabled: false });
  const topic = await call<Topic>('topics.save', { topic: { name: '極光電信', query: '極光電信 OR "Aurora Mobile"' } });
  if (opts.history !== false) st.ingest(source.id, history());
  return { st, call, topic, sourceId: source.id };
}

const spike = (topicId: number) => ({
  topicId,
  name: '量能暴增',
  metric: 'volume_baseline',
  baseline: 'same_hour',
  baselineDays: 7,
  windowMin: 30,
  yellow: 2,
  red: 3,
  minVolume: 5,
  persistence: 2,
});

describe('a backtest before saving', () => {
  it('shows the afternoon the rule would have gone red, and nothing on the ordinary days', async () => {
    const { call, topic, st } = await station();
    const rulesBefore = await call<LightRule[]>('rules.list', {});
    const r = await call<BacktestReport>('rules.backtest', { rule: spike(topic.id), days: 7 }, 'viewer');

    expect(r.firstRedAt).not.toBeNull();
    // Red while the burst was on, never before it: each step sees only what was stored by then.
    expect(r.firstRedAt!).toBeGreaterThanOrEqual(BURST);
    expect(r.firstRedAt!).toBeLessThan(BURST + 40 * MIN);
    expect(r.firstYellowAt!).toBeGreaterThanOrEqual(BURST);
    const burstDay = r.days.find((d) => d.day <= BURST && BURST < d.day + DAY)!;
    expect(burstDay.red).toBe(1);
    expect(r.days.filter((d) => d !== burstDay).every((d) => d.red === 0 && d.yellow === 0)).toBe(true);
    // The chart gets the metric and the lines it is drawn against.
    expect(r.yellow).toBe(2);
    expect(r.red).toBe(3);
    expect(Math.max(...r.points.map((p) => p.value ?? 0))).toBeGreaterThanOrEqual(3);

    // Nothing was stored: no rule, no light, no alert.
    expect(await call<LightRule[]>('rules.list', {})).toEqual(rulesBefore);
    expect(st.store.lights.alerts(10)).toEqual([]);
  });

  it('reads the same window totals from its cache of the rollups as from the store', async () => {
    const { st, topic } = await station();
    const key = { scope: 'topic' as const, id: topic.id };
    const to = Math.floor(NOW / MIN);
    const cache = cachedRollups(st.store, key, to - 9 * 1440, to);
    for (let i = 0; i < 200; i++) {
      const t = to - ((i * 7919) % (8 * 1440));
      const f = t - ((i * 31) % 300);
      const { sentSum, ...cached } = cache.windowMetrics(key, f, t);
      const { sentSum: storedSum, ...stored } = st.store.lights.windowMetrics(key, f, t);
      expect(cached).toEqual(stored);
      expect(sentSum).toBeCloseTo(storedSum, 6);
    }
    expect(cache.bucketCounts(key, to - 600, to, 30)).toEqual(st.store.lights.bucketCounts(key, to - 600, to, 30));
    expect(cache.firstMinute(key)).toBe(st.store.lights.firstMinute(key));
  });

  it('says how much noisier a careless line would be', async () => {
    const { call, topic } = await station();
    const tuned = await call<BacktestReport>('rules.backtest', { rule: spike(topic.id), days: 7 });
    const noisy = await call<BacktestReport>('rules.backtest', {
      rule: { topicId: topic.id, metric: 'count', windowMin: 30, yellow: 3, red: 20, minVolume: 0, hysteresis: 0 },
      days: 7,
    });
    expect(noisy.raisesPerDay).toBeGreaterThan(tuned.raisesPerDay);
    expect(noisy.days.filter((d) => d.yellow + d.red > 0).length).toBeGreaterThan(3);
  });

  it('refuses lines out of range or inverted, and a rule on a deleted topic, by name', async () => {
    const { call, topic } = await station({ history: false });
    await expect(call('rules.backtest', { rule: { ...spike(topic.id), yellow: 3, red: 2 } })).rejects.toMatchObject({
      code: 'bad-params',
      issues: [expect.objectContaining({ path: 'rule.red' })],
    });
    await expect(call('rules.save', { rule: { topicId: topic.id, metric: 'neg_share', yellow: 40, red: 60 } })).rejects.toMatchObject({
      code: 'bad-params',
      issues: expect.arrayContaining([expect.objectContaining({ path: 'rule.yellow', message: 'must be from 0.01 to 1' })]),
    });
    await call('topics.remove', { id: topic.id });
    await expect(call('rules.backtest', { rule: spike(topic.id) })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('rules.save', { rule: spike(topic.id) })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('an archived topic', () => {
  it('tags no new mentions and leaves the wall, keeps its history, and comes back as it was', async () => {
    const { st, call, topic, sourceId } = await station({ history: false });
    st.ingest(sourceId, [item(NOW - MIN, '極光電信門市今天人很多')]);
    const archived = await call<Topic>('topics.archive', { id: topic.id, archived: true });
    expect(archived.archivedAt).toBe(NOW);
    expect((await call<Topic[]>('topics.list', {}))[0]!.archivedAt).toBe(NOW);
    st.ingest(sourceId, [item(NOW, '極光電信又斷訊')]);
    const tagged = (await call<{ items: { text: string; topicIds: number[] }[] }>('mentions.search', {})).items;
    expect(tagged.map((m) => [m.text.slice(0, 6), m.topicIds])).toEqual([
      ['極光電信又斷', []],
      ['極光電信門市', [topic.id]],
    ]);
    const series = await call<{ series: unknown[] }>('series.volume', { from: NOW - 60 * MIN, to: NOW + MIN, bucketMin: 10 });
    expect(series.series).toEqual([]);
    const back = await call<Topic>('topics.archive', { id: topic.id, archived: false });
    expect(back).not.toHaveProperty('archivedAt');
    expect((await call<{ series: unknown[] }>('series.volume', { from: NOW - 60 * MIN, to: NOW + MIN, bucketMin: 10 })).series).toHaveLength(1);
    await expect(call('topics.archive', { id: 999, archived: true })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a setup shared as one file', () => {
  it('exports topics and rules in the drill format and imports them into another station', async () => {
    const a = await station({ history: false });
    await a.call('rules.save', { rule: spike(a.topic.id) });
    await a.call('rules.save', { rule: { scope: 'station', metric: 'count', name: '全站量', yellow: 500, red: 1000 } });
    const { file, filename } = await a.call<{ file: SetupFile; filename: string; text: string }>('setup.export', {}, 'viewer');
    expect(filename).toMatch(/^fenghuo-setup-.*\.json$/);
    expect(file.topics).toEqual([{ name: '極光電信', query: '極光電信 OR "Aurora Mobile"', color: '#4cc9f0' }]);
    expect(file.rules[0]).toMatchObject({ topic: '極光電信', metric: 'volume_baseline', yellow: 2, red: 3 });
    expect(file.rules[0]).not.toHaveProperty('topicId');

    const b = await station({ history: false });
    await b.call('topics.remove', { id: b.topic.id });
    const dry = await b.call<SetupImportResult>('setup.import', { file, dryRun: true });
    expect(dry).toMatchObject({ topicsAdded: ['極光電信'], rulesAdded: 2, dryRun: true });
    expect(await b.call<Topic[]>('topics.list', {})).toEqual([]);

    const done = await b.call<SetupImportResult>('setup.import', { file });
    expect(done).toMatchObject({ topicsAdded: ['極光電信'], rulesAdded: 2, rulesUpdated: 0 });
    const topics = await b.call<Topic[]>('topics.list', {});
    expect(done.retag).toEqual([topics[0]!.id]);
    const rules = await b.call<LightRule[]>('rules.list', {});
    expect(rules.map((r) => [r.scope, r.metric, r.scopeId === topics[0]!.id || r.scope === 'station'])).toEqual([
      ['topic', 'volume_baseline', true],
      ['station', 'count', true],
    ]);
    // The same file again replaces, it does not duplicate.
    expect(await b.call<SetupImportResult>('setup.import', { file })).toMatchObject({ rulesAdded: 0, rulesUpdated: 2, topicsAdded: [] });
    expect(await b.call<LightRule[]>('rules.list', {})).toHaveLength(2);
  });

  it('refuses a bad file with every problem named, and changes nothing', async () => {
    const { call, topic } = await station({ history: false });
    const before = { topics: await call('topics.list', {}), rules: await call('rules.list', {}) };
    const refused = async (file: unknown) => {
      const e = (await call('setup.import', { file }).then(
        () => null,
        (x: unknown) => x,
      )) as { code: string; issues: { path: string; kind: string; name?: string; position?: number }[] } | null;
      expect(e).not.toBeNull();
      expect(e!.code).toBe('bad-params');
      return e!.issues;
    };
    // Wrong shape.
    expect(await refused({ topics: 'all of them', rules: [] })).toEqual([expect.objectContaining({ path: 'topics', kind: 'shape' })]);
    expect(await refused([1, 2])).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'shape' })]));
    // A good topic beside a rule with inverted lines and one out of range: neither is written.
    const issues = await refused({
      topics: [{ name: '新主題', query: '新主題' }],
      rules: [
        { topic: '新主題', metric: 'neg_share', yellow: 0.6, red: 0.4 },
        { topic: '新主題', metric: 'volume_baseline', yellow: 0, red: 500 },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'rules.0.red', kind: 'lines' }),
        expect.objectContaining({ path: 'rules.1.yellow', kind: 'lines' }),
        expect.objectContaining({ path: 'rules.1.red', kind: 'lines' }),
      ]),
    );
    // A rule on a topic that is gone, and a query that does not parse (with its position).
    await call('topics.remove', { id: topic.id });
    expect(
      await refused({ topics: [{ name: '壞查詢', query: '台積電 AND (' }], rules: [{ topic: '極光電信', metric: 'count', yellow: 5 }] }),
    ).toEqual([
      expect.objectContaining({ path: 'topics.0.query', kind: 'query', position: 8 }),
      expect.objectContaining({ path: 'rules.0.topic', kind: 'unknown-topic', name: '極光電信' }),
    ]);
    expect(await call('topics.list', {})).toEqual([]);
    expect(await call('rules.list', {})).toEqual(before.rules);
  });

  it('removes a rule; its alerts stay in the log', async () => {
    const { call, topic, st } = await station();
    const rule = await call<LightRule>('rules.save', { rule: { topicId: topic.id, metric: 'count', yellow: 1, red: 2, windowMin: 10080 } });
    st.store.lights.logAlert({
      ruleId: rule.id, topicId: topic.id, label: topic.name, scope: 'topic', scopeId: topic.id, metric: 'count', at: NOW,
      from: 'green', to: 'red', reason: 'test', volume: 3, negShare: null, value: 3, baseline: null, severity: 'warning',
      notify: false, evidence: { from: NOW, to: NOW, mostNegative: [], mostReached: [] },
    });
    expect(await call('rules.remove', { id: rule.id })).toEqual({ removed: true });
    expect(await call('rules.list', {})).toEqual([]);
    expect(await call('lights.list', {})).toEqual([]);
    expect(st.store.lights.alerts(10)).toHaveLength(1);
  });
});
