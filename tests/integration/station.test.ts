// The station end to end under plain Node: a real feed on a real HTTP server on 127.0.0.1,
// a real SQLite file, the real server and WebSocket.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StationEvent } from '../../shared/api';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { integrityCheck } from '../../electron/engine/store/db';
import { serveStation, type RunningStation } from '../../electron/server/serve';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-int-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

async function fixture(): Promise<FixtureServer> {
  const s = await startFixtureServer();
  cleanups.push(() => s.close());
  return s;
}

const T0 = Date.UTC(2026, 10, 25, 6, 0);

const calm = (n: number, at: number) =>
  Array.from({ length: n }, (_, i) => ({
    guid: `calm-${i}`,
    title: `極光電信 門市服務不錯 ${i}`,
    text: `今天去極光電信門市辦手機，店員很親切，效率也很好，推薦 ${i}`,
    date: new Date(at - i * 60_000),
  }));

const angry = (n: number, at: number) =>
  Array.from({ length: n }, (_, i) => ({
    guid: `angry-${i}`,
    title: `極光電信又斷訊 ${i}`,
    text: `極光電信整個下午斷訊，客服打不通，超爛，完全無法接受，要求賠償 #${i}`,
    date: new Date(at - i * 20_000),
  }));

async function station(dataDir: string, clock: ManualClock, feedUrl: string) {
  const st = Station.open({ dataDir, clock });
  cleanups.push(() => st.close());
  const topic = (await callApi(st, 'topics.save', { topic: { name: '極光電信', query: '極光電信 OR "Aurora Mobile"' } }, 'admin')) as {
    id: number;
  };
  await callApi(st, 
    'rules.save',
    { rule: { topicId: topic.id, windowMin: 30, volumeYellow: 40, volumeRed: 80, negShareYellow: 0.45, negShareRed: 0.6, minVolume: 8 } },
    'admin',
  );
  const src = (await callApi(st, 
    'sources.add',
    { name: 'fixture feed', kind: 'feed', config: { url: feedUrl, allowPrivate: true }, intervalSec: 60 },
    'admin',
  )) as { id: number };
  return { st, topicId: topic.id, sourceId: src.id };
}

describe('a station listening to a feed', () => {
  it('polls the feed, stores its items with rollups, and turns the light red when a negative burst is published', async () => {
    const feed = await fixture();
    feed.route('/feed.xml', { body: rssFeed(calm(10, T0)) });
    const clock = new ManualClock(T0 + 60_000);
    const { st, topicId, sourceId } = await station(tmpDir(), clock, `${feed.url}/feed.xml`);

    await st.sources.poll(sourceId);
    expect(st.store.mentions.count()).toBe(10);
    expect(st.lights.evaluate().lights.find((l) => l.topicId === topicId)?.color).toBe('green');

    feed.route('/feed.xml', { body: rssFeed([...angry(30, T0 + 5 * 60_000), ...calm(10, T0)]) });
    clock.advance(5 * 60_000);
    await st.sources.poll(sourceId);
    expect(st.store.mentions.count()).toBe(40);
    const run = st.lights.evaluate();
    const light = run.lights.find((l) => l.topicId === topicId)!;
    expect(light.color).toBe('red');
    expect(light.reason).toMatch(/negative/);
    const alerts = st.store.lights.alerts(10);
    expect(alerts[0]).toMatchObject({ from: 'green', to: 'red', topicName: '極光電信' });
    expect(st.store.mentions.rollupDiff()).toEqual([]);
  });

  it('asks again with ETag / Last-Modified, and a 304 stores nothing new', async () => {
    const feed = await fixture();
    feed.route('/feed.xml', { body: rssFeed(calm(3, T0)), etag: '"v1"' });
    const clock = new ManualClock(T0 + 60_000);
    const { st, sourceId } = await station(tmpDir(), clock, `${feed.url}/feed.xml`);
    await st.sources.poll(sourceId);
    await st.sources.poll(sourceId);
    expect(feed.lastHeaders('/feed.xml')?.['if-none-match']).toBe('"v1"');
    expect(st.store.mentions.count()).toBe(3);
    expect(st.store.sources.get(sourceId)!.health).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
  });

  it('records a broken feed as a plain-words error and keeps what it already stored', async () => {
    const feed = await fixture();
    feed.route('/feed.xml', { body: rssFeed(calm(5, T0)) });
    const clock = new ManualClock(T0 + 60_000);
    const { st, sourceId } = await station(tmpDir(), clock, `${feed.url}/feed.xml`);
    await st.sources.poll(sourceId);
    feed.route('/feed.xml', { body: '<html><body><h1>Welcome</h1></body></html>', headers: { 'content-type': 'text/html' } });
    await st.sources.poll(sourceId);
    const s = st.store.sources.get(sourceId)!;
    expect(s.health.state).toBe('error');
    expect(s.health.lastError).toMatch(/HTML page/i);
    expect(st.store.mentions.count()).toBe(5);
  });

  it('keeps mentions, lights and poll state across a restart, and does not store the feed twice', async () => {
    const feed = await fixture();
    feed.route('/feed.xml', { body: rssFeed([...angry(30, T0), ...calm(10, T0)]) });
    const dir = tmpDir();
    const clock = new ManualClock(T0 + 60_000);
    const first = await station(dir, clock, `${feed.url}/feed.xml`);
    await first.st.sources.poll(first.sourceId);
    first.st.lights.evaluate();
    await first.st.close();

    const again = Station.open({ dataDir: dir, clock });
    cleanups.push(() => again.close());
    expect(again.store.mentions.count()).toBe(40);
    expect(again.store.lights.states()[0]?.color).toBe('red');
    await again.sources.poll(first.sourceId);
    expect(again.store.mentions.count()).toBe(40);
    expect(integrityCheck(again.store.db)).toBe('ok');
  });
});

describe('a station started and closed', () => {
  it('started twice, still leaves no timer running once closed', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const st = Station.open({ dataDir: tmpDir(), clock: new ManualClock(T0) });
    st.start();
    st.start();
    expect(timers()).toBeGreaterThan(before);
    await st.close();
    expect(timers()).toBe(before);
  });
});

describe('the station server', () => {
  async function serve(): Promise<RunningStation> {
    const running = await serveStation({ dataDir: tmpDir(), port: 0, token: 'admin-token', viewerTokens: ['wall-token'] });
    cleanups.push(() => running.close());
    return running;
  }
  const post = (r: RunningStation, method: string, body: unknown, token = 'admin-token', headers: Record<string, string> = {}) =>
    fetch(`${r.server.url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers /healthz without a token and everything else only with one', async () => {
    const r = await serve();
    expect(await (await fetch(`${r.server.url}/healthz`)).json()).toMatchObject({ ok: true });
    expect((await fetch(`${r.server.url}/api/station.status`, { method: 'POST' })).status).toBe(401);
    expect((await post(r, 'station.status', {}, 'wrong')).status).toBe(401);
    expect((await post(r, 'station.status', {})).status).toBe(200);
  });

  it('names the field and the reason when params are wrong', async () => {
    const r = await serve();
    const res = await post(r, 'sources.add', { name: 'x', kind: 'feed', config: { url: 'ftp://nope' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; issues: { path: string }[] } };
    expect(body.error.message).toMatch(/config\.url/);
    expect(body.error.issues[0]!.path).toBe('config.url');
    const bad = await fetch(`${r.server.url}/api/station.status`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad-json');
  });

  it('points at the position of a mistake in a topic query', async () => {
    const r = await serve();
    const res = await post(r, 'topics.save', { topic: { name: 't', query: '(台積電 OR TSMC' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/position \d+/);
  });

  it('lets a viewer token read but not change anything', async () => {
    const r = await serve();
    expect((await post(r, 'lights.list', {}, 'wall-token')).status).toBe(200);
    const res = await post(r, 'topics.save', { topic: { name: 'x', query: 'x' } }, 'wall-token');
    expect(res.status).toBe(403);
  });

  it('refuses other sites and DNS-rebound host names', async () => {
    const r = await serve();
    expect((await post(r, 'station.status', {}, 'admin-token', { origin: 'http://evil.example' })).status).toBe(403);
    const rebound = await new Promise<number>((resolve) => {
      const req = http.request(
        `${r.server.url}/healthz`,
        { headers: { host: 'evil.example' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(rebound).toBe(421);
  });

  it('moves the token from the address bar into a cookie', async () => {
    const r = await serve();
    const res = await fetch(`${r.server.url}/wall/1?token=admin-token`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/wall/1');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const status = await fetch(`${r.server.url}/api/station.status`, { method: 'POST', headers: { cookie: cookie.split(';')[0]! } });
    expect(status.status).toBe(200);
  });

  it('streams the items of a feed added through the api as live events', async () => {
    const feed = await fixture();
    feed.route('/news.xml', { body: rssFeed(calm(4, Date.now())) });
    const r = await serve();
    const events: StationEvent[] = [];
    const ws = new WebSocket(`${r.server.url.replace('http', 'ws')}/events`, { headers: { authorization: 'Bearer admin-token' } });
    cleanups.push(() => ws.close());
    ws.on('message', (d) => events.push(JSON.parse(String(d)) as StationEvent));
    await new Promise((resolve) => ws.once('open', resolve));
    const added = await post(r, 'sources.add', {
      name: 'news',
      kind: 'feed',
      config: { url: `${feed.url}/news.xml`, allowPrivate: true },
    });
    expect(added.status).toBe(200);
    await expect
      .poll(() => events.find((e) => e.type === 'mentions'), { timeout: 15_000 })
      .toMatchObject({ type: 'mentions', count: 4 });
    const m = events.find((e) => e.type === 'mentions');
    if (m?.type !== 'mentions') throw new Error('no mentions event');
    expect(m.sample.map((x) => x.title)).toContain('極光電信 門市服務不錯 0');
    expect(events[0]!.type).toBe('hello');
  });
});
