// The API kinds against a real HTTP server on 127.0.0.1, polled into a real station: Mastodon
// hashtag timelines, Hacker News search, Reddit search, a generic JSON API; and what the
// operator sees when one misbehaves (nothing already stored is lost).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Params } from '../../shared/api';
import type { Source, SourceKind, SourceTestResult } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { REDDIT_USER_AGENT } from '../../electron/engine/sources/kinds/reddit';
import { Station } from '../../electron/engine/station';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);

async function setUp(pollTimeoutMs?: number): Promise<{ st: Station; clock: ManualClock; server: FixtureServer }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-src-'));
  const server = await startFixtureServer();
  const clock = new ManualClock(T0);
  const st = Station.open({ dataDir: dir, clock, ...(pollTimeoutMs ? { pollTimeoutMs } : {}) });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => server.close());
  cleanups.push(() => st.close());
  return { st, clock, server };
}

async function add(st: Station, kind: SourceKind, config: Record<string, unknown>, name = kind): Promise<number> {
  const s = (await callApi(st, 'sources.add', { name, kind, config } as Params<'sources.add'>, 'admin')) as Source;
  return s.id;
}

const json = (v: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(v),
  headers: { 'content-type': 'application/json', ...headers },
});

function status(id: string, at: number, html: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    uri: `https://masto.example/users/ann/statuses/${id}`,
    url: `https://masto.example/@ann/${id}`,
    created_at: new Date(at).toISOString(),
    content: html,
    language: 'zh-Hant',
    account: { acct: 'ann@masto.example', followers_count: 1234 },
    tags: [{ name: '颱風' }],
    ...extra,
  };
}

describe('a Mastodon hashtag timeline', () => {
  it('stores statuses as text with author, reach and tags, then asks only for newer ones (min_id)', async () => {
    const { st, server } = await setUp();
    const tag = '/api/v1/timelines/tag/%E9%A2%B1%E9%A2%A8';
    server.route(tag, json([status('101', T0 - 60_000, '<p>颱風<br>停班停課 &amp; 注意安全</p>'), status('100', T0 - 120_000, '<p>風雨很大</p>')]));
    const id = await add(st, 'mastodon', { instance: server.url, tag: '#颱風', accessToken: 'tok-123', allowPrivate: true });
    await st.sources.poll(id);
    const { items } = st.store.mentions.find({ sourceId: id }, 10);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ author: 'ann@masto.example', reach: 1234, tags: ['颱風'], url: 'https://masto.example/@ann/101' });
    expect(items[0]!.text).toBe('颱風\n停班停課 & 注意安全');
    expect(server.lastHeaders(tag)?.authorization).toBe('Bearer tok-123');

    server.route(`${tag}?limit=40&min_id=101`, json([status('102', T0, '<p>雨停了</p>')]));
    await st.sources.poll(id);
    expect(st.store.mentions.count()).toBe(3);
    expect(server.hits(`${tag}?limit=40&min_id=101`)).toBe(1);
  });

  it('asks for any / all / none of other tags as the instance expects', async () => {
    const { st, server } = await setUp();
    const asked = '/api/v1/timelines/tag/taipei?limit=20&any%5B%5D=typhoon&all%5B%5D=2026&none%5B%5D=ad';
    server.route(asked, json([status('5', T0, '<p>Taipei typhoon 2026</p>')]));
    const id = await add(st, 'mastodon', { instance: server.url, tag: 'taipei', any: ['#typhoon'], all: ['2026'], none: ['ad'], limit: 20, allowPrivate: true });
    await st.sources.poll(id);
    expect(server.hits(asked)).toBe(1);
    expect(st.store.mentions.count()).toBe(1);
  });

  it('waits until the rate limit resets when the instance says none are left', async () => {
    const { st, clock, server } = await setUp();
    const reset = new Date(clock.now() + 7 * 60_000).toISOString();
    server.route('/api/v1/timelines/tag/taipei', json([status('1', T0, '<p>Taipei</p>')], { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }));
    const id = await add(st, 'mastodon', { instance: server.url, tag: 'taipei', allowPrivate: true });
    const r = await st.sources.poll(id);
    expect(r.delayMs).toBe(7 * 60_000);
    expect(st.store.sources.get(id)!.health.nextCheckAt).toBe(T0 + 7 * 60_000);
  });
});

describe('Hacker News search', () => {
  const hit = (id: string, at: number, extra: Record<string, unknown> = {}) => ({
    objectID: id,
    title: `Show HN: Fenghuo ${id}`,
    url: `https://example.org/${id}`,
    author: 'pg',
    points: 42,
    created_at_i: Math.floor(at / 1000),
    _tags: ['story', `author_pg`, `story_${id}`],
    ...extra,
  });

  it('stores hits and pages by time: the next poll asks for created_at_i after the newest seen', async () => {
    const { st, server } = await setUp();
    server.route('/api/v1/search_by_date', json({ hits: [hit('2', T0 - 60_000), hit('1', T0 - 120_000)], nbPages: 1 }));
    const id = await add(st, 'hackernews', { query: 'fenghuo', baseUrl: server.url, allowPrivate: true });
    await st.sources.poll(id);
    const items = st.store.mentions.find({ sourceId: id }, 10).items;
    expect(items.map((m) => m.title)).toEqual(['Show HN: Fenghuo 2', 'Show HN: Fenghuo 1']);
    expect(items[0]).toMatchObject({ author: 'pg', reach: 42, tags: ['story'] });

    const q = new URLSearchParams({ query: 'fenghuo', hitsPerPage: '100', numericFilters: `created_at_i>${Math.floor((T0 - 60_000) / 1000)}` });
    server.route(`/api/v1/search_by_date?${q}`, json({ hits: [hit('3', T0, { title: null, story_title: 'Fenghuo', comment_text: '<p>Nice <i>work</i></p>' })], nbPages: 1 }));
    await st.sources.poll(id);
    const newest = st.store.mentions.find({ sourceId: id }, 1).items[0]!;
    expect(newest).toMatchObject({ title: 'Re: Fenghuo', text: 'Nice work' });
    expect(st.store.sources.get(id)!.health.itemsTotal).toBe(3);
  });
});

describe('Reddit search', () => {
  const listing = (...posts: Record<string, unknown>[]) => ({ kind: 'Listing', data: { children: posts.map((data) => ({ kind: 't3', data })) } });
  const post = (id: string, at: number) => ({
    name: `t3_${id}`,
    title: `Typhoon day off ${id}`,
    selftext: 'Is the office open tomorrow?',
    permalink: `/r/taiwan/comments/${id}/typhoon/`,
    author: 'u1',
    created_utc: at / 1000,
    subreddit: 'taiwan',
    subreddit_subscribers: 250000,
  });

  it('says who is asking, stores posts, and on 429 waits as long as Retry-After says, keeping what it stored', async () => {
    const { st, clock, server } = await setUp();
    server.route('/r/taiwan/search.json', json(listing(post('a1', T0 - 60_000), post('a2', T0 - 30_000))));
    const id = await add(st, 'reddit', { query: 'typhoon', subreddit: 'taiwan', baseUrl: server.url, allowPrivate: true });
    await st.sources.poll(id);
    expect(server.lastHeaders('/r/taiwan/search.json')?.['user-agent']).toBe(REDDIT_USER_AGENT);
    const first = st.store.mentions.find({ sourceId: id }, 10).items;
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({ url: 'https://www.reddit.com/r/taiwan/comments/a2/typhoon/', tags: ['taiwan'], reach: 250000 });

    server.route('/r/taiwan/search.json', { status: 429, body: 'slow down', headers: { 'retry-after': '3600', 'content-type': 'text/plain' } });
    const r = await st.sources.poll(id);
    const s = st.store.sources.get(id)!;
    expect(s.health.state).toBe('error');
    expect(s.health.lastError).toMatch(/HTTP 429/);
    expect(r.delayMs).toBeGreaterThanOrEqual(3600_000);
    expect(s.health.nextCheckAt).toBeGreaterThanOrEqual(clock.now() + 3600_000);
    expect(st.store.mentions.count()).toBe(2);
  });
});

describe('a generic JSON API', () => {
  const config = (url: string) => ({
    url,
    itemsPath: 'data.items',
    map: { guid: 'id', title: 'headline', html: 'body.html', author: 'by.name', publishedAt: 'when', reach: 'stats.views', tags: 'labels' },
    dateFormat: 'YYYY/MM/DD HH:mm',
    zone: '+08:00',
    headers: { Authorization: 'Bearer api-key' },
    allowPrivate: true,
  });
  const items = [
    { id: 'n1', headline: '捷運延誤', body: { html: '<p>板南線<b>延誤</b>二十分鐘</p>' }, by: { name: '小王' }, when: '2026/11/25 13:55', stats: { views: 900 }, labels: ['交通'] },
    { id: 'n2', headline: '恢復通車', body: { html: '<p>已恢復</p>' }, by: { name: '小李' }, when: '2026/11/25 13:58', stats: { views: 10 }, labels: [] },
  ];

  it('maps nested fields and dates in a pattern and zone, and hides its auth header from lists', async () => {
    const { st, server } = await setUp();
    server.route('/api/news', json({ data: { items } }));
    const id = await add(st, 'json', config(`${server.url}/api/news`));
    await st.sources.poll(id);
    const stored = st.store.mentions.find({ sourceId: id }, 10).items;
    expect(stored.map((m) => m.guid)).toEqual(['n2', 'n1']);
    expect(stored[1]).toMatchObject({ title: '捷運延誤', text: '板南線延誤二十分鐘', author: '小王', reach: 900, tags: ['交通'], publishedAt: Date.UTC(2026, 10, 25, 5, 55) });
    expect(server.lastHeaders('/api/news')?.authorization).toBe('Bearer api-key');
    const listed = (await callApi(st, 'sources.list', {}, 'viewer')) as Source[];
    expect((listed[0]!.config.headers as Record<string, string>).Authorization).toBe('(hidden)');
  });

  it('shows a dry run without storing anything (sources.test)', async () => {
    const { st, server } = await setUp();
    server.route('/api/news', json({ data: { items } }));
    const r = (await callApi(st, 'sources.test', { kind: 'json', config: config(`${server.url}/api/news`) }, 'admin')) as SourceTestResult;
    expect(r.found).toBe(2);
    expect(r.items[0]).toMatchObject({ guid: 'n1', text: '板南線延誤二十分鐘', lang: 'zh-Hant', label: expect.any(String) });
    expect(st.store.mentions.count()).toBe(0);
    await expect(callApi(st, 'sources.test', { kind: 'json', config: { url: 'nope' } }, 'admin')).rejects.toThrow(/config: url/);
  });

  it('records each misbehaviour in plain words and keeps what was stored before', async () => {
    const { st, server } = await setUp();
    server.route('/api/news', json({ data: { items } }));
    const id = await add(st, 'json', config(`${server.url}/api/news`));
    await st.sources.poll(id);
    const lastError = async (): Promise<string> => {
      await st.sources.poll(id);
      return st.store.sources.get(id)!.health.lastError ?? '';
    };

    server.route('/api/news', { status: 500, body: 'oops', headers: { 'content-type': 'text/plain' } });
    expect(await lastError()).toMatch(/HTTP 500 Internal Server Error/);
    server.route('/api/news', { body: '{"data": {"items": [', headers: { 'content-type': 'application/json' } });
    expect(await lastError()).toMatch(/expected JSON, got malformed JSON/);
    server.route('/api/news', { body: '<html><body>Login</body></html>', headers: { 'content-type': 'text/html' } });
    expect(await lastError()).toMatch(/got an HTML\/XML page/);
    server.route('/api/news', json({ data: { list: [] } }));
    expect(await lastError()).toMatch(/itemsPath "data.items" is not an array \(found nothing\)/);
    server.route('/api/news', json({ data: { items: [{ id: 'x', headline: 'ok', when: 'tomorrow' }] } }));
    expect(await lastError()).toMatch(/none of the 1 items fit the mapping \(item 0: date "tomorrow"/);
    server.route('/api/news', { body: Buffer.alloc(11 * 1024 * 1024, 0x20), headers: { 'content-type': 'application/json' } });
    expect(await lastError()).toMatch(/over the 10 MiB cap/);

    const s = st.store.sources.get(id)!;
    expect(s.health).toMatchObject({ state: 'error', consecutiveFailures: 6 });
    expect(st.store.mentions.count()).toBe(2);
  });

  it('gives up on a server that never answers, as a timeout', async () => {
    // The station's limit is 20 s; this station is told a shorter one, as an operator's would be.
    const { st, server } = await setUp(500);
    server.route('/api/slow', { hangForever: true });
    const id = await add(st, 'json', config(`${server.url}/api/slow`));
    await st.sources.poll(id);
    expect(st.store.sources.get(id)!.health.lastError).toMatch(/timed out after 500 ms/);
  });
});
