// Alerts as an operator meets them: a light changes, the alert says which rule, what value
// against what baseline, and shows the mentions that drove it; the operator acknowledges it
// with a note; the log filters and exports; red notifies within the hourly cap. Real SQLite
// files, a manual clock, mentions stored through the station's own pipeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvidenceMentions, AlertExport, MethodName, StationEvent } from '../../shared/api';
import type { Alert, LightRule, LightState } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { Store } from '../../electron/engine/store';
import { up as m001 } from '../../electron/engine/store/migrations/001-initial';
import type { IncomingItem } from '../../electron/engine/sources/types';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-alerts-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const T0 = Date.UTC(2026, 10, 25, 6, 0);
const MIN = 60_000;

let seq = 0;
const calm = (n: number, at: number): IncomingItem[] =>
  Array.from({ length: n }, (_, i) => ({
    guid: `calm-${++seq}`,
    text: `今天去極光電信門市辦手機，店員很親切，效率也很好，推薦 ${seq}`,
    publishedAt: at - i * 1000,
    reach: 10 + i,
  }));
const angry = (n: number, at: number, reach = (i: number) => 100 * i): IncomingItem[] =>
  Array.from({ length: n }, (_, i) => ({
    guid: `angry-${++seq}`,
    text: `極光電信整個下午斷訊，客服打不通，超爛，完全無法接受，要求賠償 #${seq}`,
    publishedAt: at - i * 1000,
    reach: reach(i),
  }));

async function station(rule: Partial<LightRule>) {
  // Half a minute in, so a burst stamped over the last seconds stays in this minute.
  const clock = new ManualClock(T0 + 30_000);
  const st = Station.open({ dataDir: tmpDir(), clock });
  cleanups.push(() => st.close());
  const events: StationEvent[] = [];
  st.events.subscribe((e) => events.push(e));
  const topic = (await callApi(st, 'topics.save', { topic: { name: '極光電信', query: '極光電信' } }, 'admin')) as { id: number };
  const source = (await callApi(st, 
    'sources.add',
    { name: 'drill feed', kind: 'replay', config: { corpus: 'demo' }, enabled: false },
    'admin',
  )) as { id: number };
  const saved = (await callApi(st, 'rules.save', { rule: { topicId: topic.id, ...rule } }, 'admin')) as LightRule;
  const call = <T>(method: MethodName, params: unknown, role: 'admin' | 'viewer' = 'admin') => callApi(st, method, params as never, role) as Promise<T>;
  return { st, clock, events, topicId: topic.id, sourceId: source.id, rule: saved, call };
}

describe('an alert an operator can act on', () => {
  it('names the rule, the value and what it was compared to, and shows the mentions that drove it', async () => {
    const { st, clock, sourceId, rule, call, events } = await station({
      metric: 'neg_share',
      windowMin: 30,
      yellow: 0.4,
      red: 0.6,
      minVolume: 5,
      severity: 'critical',
    });
    st.ingest(sourceId, calm(10, clock.now()));
    expect(st.lights.evaluate().lights[0]).toMatchObject({ color: 'green', metric: 'neg_share', unacknowledged: 0 });

    clock.advance(5 * MIN);
    st.ingest(sourceId, angry(30, clock.now()));
    st.lights.evaluate();
    const [alert] = await call<Alert[]>('alerts.list', {});
    expect(alert).toMatchObject({ ruleId: rule.id, from: 'green', to: 'red', metric: 'neg_share', severity: 'critical', notify: true });
    expect(alert!.value).toBe(0.75);
    expect(alert!.reason).toMatch(/negative 75% of 40 ≥ 60%/);
    // The renderer raises the notification from the event; the event carries the same alert.
    const ev = events.find((e) => e.type === 'alert' && e.alert.to === 'red');
    expect(ev && ev.type === 'alert' && ev.alert).toMatchObject({ id: alert!.id, notify: true, severity: 'critical' });

    const ev2 = await call<AlertEvidenceMentions>('alerts.evidence', { id: alert!.id }, 'viewer');
    expect(ev2.mostNegative).toHaveLength(5);
    for (const m of ev2.mostNegative) expect(m.label).toBe('negative');
    const reach = ev2.mostReached.map((m) => m.reach);
    expect(reach).toEqual([...reach].sort((a, b) => b - a));
    expect(reach[0]).toBe(2900);
  });

  it('compares volume with the same hour on previous days, and puts that baseline on the alert', async () => {
    const { st, clock, sourceId, call } = await station({
      metric: 'volume_baseline',
      windowMin: 60,
      yellow: 2,
      red: 4,
      minVolume: 10,
      baselineDays: 3,
      staleAfterMin: 24 * 60,
    });
    // Three ordinary days: 15 mentions in this hour each day.
    for (let d = 3; d >= 1; d--) st.ingest(sourceId, calm(15, clock.now() - d * 1440 * MIN));
    st.ingest(sourceId, calm(12, clock.now()));
    expect(st.lights.evaluate().lights[0]).toMatchObject({ color: 'green', baseline: 15, value: 0.8 });
    clock.advance(MIN);
    st.ingest(sourceId, calm(60, clock.now()));
    const light = st.lights.evaluate().lights[0]!;
    expect(light).toMatchObject({ color: 'red', baseline: 15, value: 4.8 });
    const [alert] = await call<Alert[]>('alerts.list', {});
    expect(alert).toMatchObject({ to: 'red', value: 4.8, baseline: 15, metric: 'volume_baseline' });
    expect(alert!.reason).toMatch(/usually 15/);
  });

  it('is acknowledged with a note, and the wall stops counting it as unacknowledged', async () => {
    const { st, clock, sourceId, call, events } = await station({ metric: 'count', windowMin: 10, yellow: 5, red: 20 });
    st.ingest(sourceId, calm(2, clock.now()));
    st.lights.evaluate();
    clock.advance(MIN);
    st.ingest(sourceId, angry(25, clock.now()));
    st.lights.evaluate();
    let [light] = await call<LightState[]>('lights.list', {}, 'viewer');
    expect(light).toMatchObject({ color: 'red', unacknowledged: 1 });
    const [alert] = await call<Alert[]>('alerts.list', { unacknowledged: true, color: 'red' });

    await expect(call('alerts.ack', { id: alert!.id, note: 'x' }, 'viewer')).rejects.toMatchObject({ status: 403 });
    clock.advance(2 * MIN);
    const acked = await call<Alert>('alerts.ack', { id: alert!.id, note: '已通報公關，客服加開線路' });
    expect(acked).toMatchObject({ acknowledgedAt: clock.now(), note: '已通報公關，客服加開線路' });
    [light] = await call<LightState[]>('lights.list', {}, 'viewer');
    expect(light).toMatchObject({ color: 'red', unacknowledged: 0 });
    expect(await call<Alert[]>('alerts.list', { unacknowledged: true, color: 'red' })).toEqual([]);
    // The wall hears about it at once.
    const last = events.filter((e) => e.type === 'lights').pop();
    expect(last && last.type === 'lights' && last.lights[0]!.unacknowledged).toBe(0);
    await expect(call('alerts.ack', { id: 9999 })).rejects.toMatchObject({ status: 404 });
  });

  it('filters the log and exports it as CSV a spreadsheet opens, or as JSON', async () => {
    const { st, clock, sourceId, call } = await station({ metric: 'count', windowMin: 1, yellow: 5, red: 20, staleAfterMin: 600 });
    st.ingest(sourceId, calm(1, clock.now()));
    st.lights.evaluate();
    clock.advance(MIN);
    st.ingest(sourceId, angry(8, clock.now()));
    st.lights.evaluate(); // → yellow
    clock.advance(MIN);
    st.ingest(sourceId, angry(25, clock.now()));
    st.lights.evaluate(); // → red
    const red = await call<Alert[]>('alerts.list', { color: 'red' });
    expect(red.map((a) => a.to)).toEqual(['red']);
    expect((await call<Alert[]>('alerts.list', { color: 'yellow' })).map((a) => a.to)).toEqual(['yellow']);
    expect(await call<Alert[]>('alerts.list', { from: clock.now() + 1 })).toEqual([]);
    await call('alerts.ack', { id: red[0]!.id, note: '=HYPERLINK("x"), "quoted"' });

    const csv = await call<AlertExport>('alerts.export', { format: 'csv' }, 'viewer');
    // gray → green when the first data came, green → yellow, yellow → red.
    expect(csv).toMatchObject({ format: 'csv', count: 3 });
    expect(csv.filename).toMatch(/^fenghuo-alerts-.*\.csv$/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,light,scope,metric,from,to,severity,value,baseline,volume,negative_share,reason,notified,acknowledged_at,note');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(',極光電信,topic,count,yellow,red,warning,');
    // A note that looks like a formula is defused, quotes are doubled.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);

    const zh = await call<AlertExport>('alerts.export', { format: 'csv', lang: 'zh-Hant' }, 'viewer');
    expect(zh.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^編號,時間,燈號,/);

    const json = await call<AlertExport>('alerts.export', { format: 'json', color: 'yellow' }, 'viewer');
    expect((JSON.parse(json.text) as Alert[]).map((a) => a.to)).toEqual(['yellow']);
  });

  it('notifies a red at most notifyPerHour times an hour; the rest are logged without a notification', async () => {
    const { st, clock, sourceId, call } = await station({
      metric: 'count',
      windowMin: 1,
      yellow: null,
      red: 10,
      notifyPerHour: 1,
      staleAfterMin: 600,
    });
    st.ingest(sourceId, calm(1, clock.now()));
    st.lights.evaluate();
    const burstThenCalm = () => {
      clock.advance(MIN);
      st.ingest(sourceId, angry(12, clock.now()));
      st.lights.evaluate();
      clock.advance(2 * MIN);
      st.lights.evaluate();
    };
    burstThenCalm();
    burstThenCalm();
    burstThenCalm();
    clock.advance(60 * MIN);
    burstThenCalm();
    const reds = (await call<Alert[]>('alerts.list', { color: 'red' })).reverse();
    expect(reds.map((a) => a.notify)).toEqual([true, false, false, true]);
  });
});

describe('a rise that must persist', () => {
  it('shows as pending on the wall until it has held for the rule persistence, then turns the light', async () => {
    const { st, clock, sourceId, call } = await station({ metric: 'count', windowMin: 5, yellow: 5, red: 20, persistence: 3 });
    st.ingest(sourceId, calm(2, clock.now()));
    st.lights.evaluate();
    const light = async () => (await call<LightState[]>('lights.list', {}, 'viewer'))[0]!;
    for (let i = 1; i <= 2; i++) {
      clock.advance(MIN);
      st.ingest(sourceId, angry(25, clock.now()));
      st.lights.evaluate();
      expect(await light()).toMatchObject({ color: 'green', pending: 'red', pendingCount: i });
    }
    clock.advance(MIN);
    st.ingest(sourceId, angry(25, clock.now()));
    st.lights.evaluate();
    expect(await light()).toMatchObject({ color: 'red', pending: null, pendingCount: 0 });
    expect((await call<Alert[]>('alerts.list', { color: 'red' })).length).toBe(1);
  });
});

describe('lights beyond topics', () => {
  it('watches a source for staleness: yellow after 30 quiet minutes, red after two hours', async () => {
    const { st, clock, sourceId, call } = await station({ metric: 'count', windowMin: 10, yellow: 1000 });
    st.store.sources.update(sourceId, { enabled: true });
    await call('rules.save', { rule: { scope: 'source', scopeId: sourceId, metric: 'source_stale', yellow: 30, red: 120 } });
    st.ingest(sourceId, calm(3, clock.now()), { cursor: null, etag: null, lastModified: null, nextCheckAt: clock.now() + MIN });
    const stale = () => st.lights.evaluate().lights.find((l) => l.metric === 'source_stale')!;
    expect(stale()).toMatchObject({ color: 'green', label: 'drill feed', scope: 'source', topicId: 0 });
    clock.advance(45 * MIN);
    expect(stale()).toMatchObject({ color: 'yellow', value: 45 });
    clock.advance(120 * MIN);
    expect(stale().color).toBe('red');
  });

  it('watches a gauge against its capacity: red when the venue is nearly full, gray when the counter goes silent', async () => {
    const { st, clock, call } = await station({ metric: 'count', windowMin: 10, yellow: 1000 });
    const g = st.store.gauges.record('愛河燈區人流', { unit: '人', capacity: 20_000 }, [{ at: clock.now() - MIN, value: 12_000 }]);
    await call('rules.save', {
      rule: { scope: 'gauge', scopeId: g.id, metric: 'gauge_occupancy', yellow: 0.8, red: 0.95, staleAfterMin: 15 },
    });
    const gauge = () => st.lights.evaluate().lights.find((l) => l.scope === 'gauge')!;
    expect(gauge()).toMatchObject({ color: 'green', label: '愛河燈區人流', value: 0.6, baseline: 20_000 });
    clock.advance(MIN);
    st.store.gauges.record('愛河燈區人流', {}, [{ at: clock.now(), value: 19_400 }]);
    expect(gauge()).toMatchObject({ color: 'red', value: 0.97 });
    clock.advance(20 * MIN);
    expect(gauge()).toMatchObject({ color: 'gray', reason: 'no new reading for over 15 min' });
  });

  it('refuses a rule whose metric does not fit its scope, naming the field', async () => {
    const { call } = await station({ metric: 'count', windowMin: 10, yellow: 10 });
    await expect(call('rules.save', { rule: { scope: 'station', metric: 'source_stale', yellow: 5 } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/metric: this metric does not apply to this scope/),
    });
    await expect(call('rules.save', { rule: { scope: 'source', scopeId: 77, metric: 'count', yellow: 5 } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('watches the whole station, summed over every source', async () => {
    const { st, clock, sourceId, call } = await station({ metric: 'count', windowMin: 10, yellow: 1000 });
    const other = (await call<{ id: number }>('sources.add', {
      name: 'second feed',
      kind: 'replay',
      config: { corpus: 'demo' },
      enabled: false,
    })).id;
    await call('rules.save', { rule: { scope: 'station', metric: 'count', windowMin: 10, yellow: 30, red: 60 } });
    st.ingest(sourceId, calm(20, clock.now()));
    st.ingest(other, angry(15, clock.now()));
    expect(st.lights.evaluate().lights.find((l) => l.scope === 'station')).toMatchObject({ color: 'yellow', volume: 35 });
  });
});

describe('a station file from before the new lights', () => {
  it('keeps its rules, lights and alerts: the old rules read as volume + negative share lines', () => {
    const dir = tmpDir();
    const db = new Database(path.join(dir, 'station.db'));
    db.exec(m001);
    db.pragma('user_version = 1');
    db.exec(`INSERT INTO topics (id, name, query, color, created_at) VALUES (1, '極光電信', '極光電信', '#ff6b6b', 0);
      INSERT INTO light_rules (id, topic_id, window_min, volume_yellow, volume_red, neg_yellow, neg_red, min_volume, stale_after_min)
        VALUES (1, 1, 10, 40, 120, 0.45, 0.6, 8, 30);
      INSERT INTO light_states (rule_id, color, since, volume, reason, evaluated_at) VALUES (1, 'red', 5, 130, 'burst', 6);
      INSERT INTO alerts (rule_id, topic_id, topic_name, at, from_color, to_color, reason, volume)
        VALUES (1, 1, '極光電信', 6, 'green', 'red', 'burst', 130);`);
    db.close();
    const store = Store.open(dir);
    cleanups.push(() => store.close());
    expect(store.lights.rules()[0]).toMatchObject({
      volumeYellow: 40,
      negShareRed: 0.6,
      metric: 'thresholds',
      scope: 'topic',
      scopeId: 1,
      persistence: 1,
    });
    expect(store.lights.states()[0]).toMatchObject({ color: 'red', since: 5, topicName: '極光電信', unacknowledged: 1 });
    expect(store.lights.alerts(10)[0]).toMatchObject({ label: '極光電信', to: 'red', notify: false, evidence: { mostNegative: [] } });
  });
});
