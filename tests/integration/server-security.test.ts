// The station server lets no one in uninvited: a token on every call and stream, Host and
// Origin checked (DNS rebinding, cross-site pages), loopback unless the LAN is switched on,
// read-only viewer tokens for wall browsers, places-only public tokens for a public page, and
// tokens made in the app that can be revoked —
// a revoked token fails at once and its open event stream is closed.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AccessToken } from '../../shared/types';
import { serveStation, type RunningStation } from '../../electron/server/serve';
import { callApi } from '../helpers/api';
import type { MethodName } from '../../shared/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ADMIN = 'launch-admin-token';

async function serve(host = '127.0.0.1'): Promise<RunningStation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-sec-'));
  const running = await serveStation({ dataDir, host, port: 0, token: ADMIN, viewerTokens: ['cli-wall-token'] });
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => running.close());
  return running;
}

/** A raw api request, so a test can send no token, a wrong one or a foreign Origin and read the HTTP status. */
function call(r: RunningStation, method: MethodName, params: unknown, token: string | null, headers: Record<string, string> = {}) {
  return fetch(`${r.server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(params),
  });
}

/** A raw request, so Host can be anything (fetch will not let a page or test forge it). */
function rawStatus(url: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Open the event stream; resolves with the socket once open, or the HTTP status it was refused with. */
function openStream(r: RunningStation, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${r.server.url.replace('http', 'ws')}/events`, { headers });
    ws.once('open', () => {
      cleanups.push(() => ws.terminate());
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('the station server', () => {
  it('answers no api call and opens no stream without a valid token', async () => {
    const r = await serve();
    expect((await call(r, 'station.status', {}, null)).status).toBe(401);
    expect((await call(r, 'station.status', {}, 'guess')).status).toBe(401);
    expect(await openStream(r, {})).toBe(401);
    expect(await openStream(r, { authorization: 'Bearer guess' })).toBe(401);
    expect(await openStream(r, { authorization: `Bearer ${ADMIN}` })).toBeInstanceOf(WebSocket);
  });

  it('refuses DNS-rebound host names on every route, the stream included', async () => {
    const r = await serve();
    for (const p of ['/healthz', '/', '/wall/1']) {
      expect(await rawStatus(`${r.server.url}${p}`, { host: 'evil.example' }), p).toBe(421);
    }
    expect(await rawStatus(`${r.server.url}/api/station.status`, { host: 'evil.example', authorization: `Bearer ${ADMIN}` }, 'POST')).toBe(421);
    expect(await openStream(r, { host: `evil.example:${r.server.port}`, authorization: `Bearer ${ADMIN}` })).toBe(421);
    // The names the station is really reached by still work.
    expect(await rawStatus(`${r.server.url}/healthz`, { host: `localhost:${r.server.port}` })).toBe(200);
    expect(await rawStatus(`${r.server.url}/healthz`, { host: `127.0.0.1:${r.server.port}` })).toBe(200);
  });

  it('refuses calls and streams from another site, even with a valid token', async () => {
    const r = await serve();
    expect((await call(r, 'station.status', {}, ADMIN, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await openStream(r, { origin: 'http://evil.example', authorization: `Bearer ${ADMIN}` })).toBe(403);
    // A look-alike: same host name but another port is another origin.
    expect(await openStream(r, { origin: `http://127.0.0.1:${r.server.port + 1}`, authorization: `Bearer ${ADMIN}` })).toBe(403);
    expect(await openStream(r, { origin: r.server.url, authorization: `Bearer ${ADMIN}` })).toBeInstanceOf(WebSocket);
  });

  it('listens on loopback only unless the LAN is switched on', async () => {
    const local = await serve();
    expect(local.server.host).toBe('127.0.0.1');
    const lan = await serve('0.0.0.0');
    expect(lan.server.host).toBe('0.0.0.0');
    // On the LAN the station answers to its addresses, never to a foreign name.
    expect(await rawStatus(`${lan.server.url}/healthz`, { host: `192.168.1.20:${lan.server.port}` })).toBe(200);
    expect(await rawStatus(`${lan.server.url}/healthz`, { host: `wall.evil.example:${lan.server.port}` })).toBe(421);
    // ...while the loopback station refuses even a LAN address as Host.
    expect(await rawStatus(`${local.server.url}/healthz`, { host: `192.168.1.20:${local.server.port}` })).toBe(421);
  });

  it('gives a viewer token reads only; changes need an admin token', async () => {
    const r = await serve();
    expect((await call(r, 'lights.list', {}, 'cli-wall-token')).status).toBe(200);
    const change = await call(r, 'topics.save', { topic: { name: 'x', query: 'x' } }, 'cli-wall-token');
    expect(change.status).toBe(403);
    expect((await call(r, 'tokens.list', {}, 'cli-wall-token')).status).toBe(403);
    expect((await call(r, 'tokens.create', { name: 'sneaky', role: 'admin' }, 'cli-wall-token')).status).toBe(403);
  });

  it('gives a public token the places and nothing else, on the api and on its event stream', async () => {
    const r = await serve();
    const made = (await (await call(r, 'tokens.create', { name: 'city page', role: 'public' }, ADMIN)).json()) as { token: AccessToken; secret: string };
    expect(made.token.role).toBe('public');
    const pub = made.secret;
    await callApi(r.station, 'gauges.add', { name: '駁二', lat: 22.62, lon: 120.28, capacity: 1000, unit: '人' });
    const counters = await callApi(r.station, 'sources.add', { name: 'counters', kind: 'webhook', config: { gauges: ['駁二'] } });
    const crm = await callApi(r.station, 'sources.add', { name: 'crm', kind: 'webhook', config: {} });
    const push = (target: string, secret: unknown, body: unknown) =>
      fetch(`${r.server.url}/ingest/${target}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const TEXT = '客戶投訴內容不可公開 private-complaint-5521';
    expect((await push('crm', crm.config.secret, { guid: 'c0', text: TEXT })).status).toBe(200);

    // The api: places only.
    const places = await call(r, 'gauges.list', {}, pub);
    expect(places.status).toBe(200);
    expect(((await places.json()) as { name: string }[]).map((p) => p.name)).toEqual(['駁二']);
    for (const [method, params] of [
      ['mentions.search', { q: '投訴' }],
      ['mentions.recent', { limit: 5 }],
      ['topics.list', {}],
      ['lights.list', {}],
      ['alerts.list', {}],
      ['boards.list', {}],
      ['sources.list', {}],
      ['station.status', {}],
    ] as const) {
      const res = await call(r, method, params, pub);
      expect(res.status, method).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain('private-complaint');
    }
    // Any address it opens leads to the public page.
    const open = await fetch(`${r.server.url}/?token=${encodeURIComponent(pub)}`, { redirect: 'manual' });
    expect(open.headers.get('location')).toBe('/public/places');

    // The stream: the place's new reading arrives; the mention, its counts and the paths do not.
    // (Listening from the start: the hello can come in the same packet as the handshake.)
    const listen = (token: string) => {
      const ws = new WebSocket(`${r.server.url.replace('http', 'ws')}/events`, { headers: { authorization: `Bearer ${token}` } });
      cleanups.push(() => ws.terminate());
      const got: string[] = [];
      ws.on('message', (d) => got.push(d.toString()));
      return got;
    };
    const [publicGot, viewerGot] = [listen(pub), listen('cli-wall-token')];
    await expect.poll(() => Math.min(publicGot.length, viewerGot.length)).toBeGreaterThan(0);
    expect((await push('crm', crm.config.secret, { guid: 'c1', text: `${TEXT} again` })).status).toBe(200);
    expect((await push(`gauge/${encodeURIComponent('駁二')}`, counters.config.secret, { value: 420 })).status).toBe(200);
    const types = (got: string[]) => got.map((m) => (JSON.parse(m) as { type: string }).type);
    await expect.poll(() => types(viewerGot)).toContain('mentions');
    await expect.poll(() => types(publicGot)).toContain('gauge');
    expect(types(publicGot).every((t) => ['hello', 'gauge', 'tick', 'station'].includes(t)), types(publicGot).join()).toBe(true);
    expect(publicGot.join('\n')).not.toContain('private-complaint');
    expect(publicGot.join('\n')).not.toContain(r.station.dataDir);
    expect(viewerGot.join('\n')).toContain('private-complaint');
  });

  it('lets the operator make a viewer token for a wall browser, then revoke it', async () => {
    const r = await serve();
    const made = await call(r, 'tokens.create', { name: 'Lobby wall 2', role: 'viewer' }, ADMIN);
    expect(made.status).toBe(200);
    const { token, secret } = (await made.json()) as { token: AccessToken; secret: string };
    expect(token).toMatchObject({ name: 'Lobby wall 2', role: 'viewer', revokedAt: null });

    // Only a hash is stored: the secret appears nowhere in the station file.
    r.station.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(r.station.dataDir, 'station.db'));
    expect(file.includes(Buffer.from(secret))).toBe(false);
    const listed = (await (await call(r, 'tokens.list', {}, ADMIN)).json()) as AccessToken[];
    expect(JSON.stringify(listed)).not.toContain(secret);

    // The wall address works with it: the token becomes a cookie, the wall reads with the cookie.
    const open = await fetch(`${r.server.url}/wall/1?token=${encodeURIComponent(secret)}`, { redirect: 'manual' });
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toBe('/wall/1');
    const cookie = open.headers.get('set-cookie')!.split(';')[0]!;
    const viaCookie = () => fetch(`${r.server.url}/api/lights.list`, { method: 'POST', headers: { cookie } });
    expect((await viaCookie()).status).toBe(200);
    expect((await call(r, 'topics.save', { topic: { name: 'x', query: 'x' } }, secret)).status).toBe(403);

    const stream = await openStream(r, { cookie });
    if (!(stream instanceof WebSocket)) throw new Error(`the wall's stream was refused (${stream})`);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      stream.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );

    const revoked = await call(r, 'tokens.revoke', { id: token.id }, ADMIN);
    expect(((await revoked.json()) as AccessToken).revokedAt).toEqual(expect.any(Number));
    expect(await closed).toEqual({ code: 1008, reason: 'token revoked' });
    expect((await viaCookie()).status).toBe(401);
    expect((await call(r, 'lights.list', {}, secret)).status).toBe(401);
    expect(await openStream(r, { cookie })).toBe(401);
    expect((await fetch(`${r.server.url}/wall/1?token=${encodeURIComponent(secret)}`, { redirect: 'manual' })).status).toBe(401);
    // Other streams stay open.
    const admin = await openStream(r, { authorization: `Bearer ${ADMIN}` });
    expect(admin).toBeInstanceOf(WebSocket);
  });

  it('makes admin tokens that can change things, and revoking one is immediate', async () => {
    const r = await serve();
    const { token, secret } = (await (await call(r, 'tokens.create', { name: 'analyst laptop', role: 'admin' }, ADMIN)).json()) as {
      token: AccessToken;
      secret: string;
    };
    expect((await call(r, 'topics.save', { topic: { name: '颱風', query: '颱風' } }, secret)).status).toBe(200);
    await call(r, 'tokens.revoke', { id: token.id }, ADMIN);
    expect((await call(r, 'topics.save', { topic: { name: '地震', query: '地震' } }, secret)).status).toBe(401);
    expect((await call(r, 'tokens.revoke', { id: 'no-such-token' }, ADMIN)).status).toBe(404);
  });

  it('survives a restart: made tokens keep working, revoked ones stay revoked', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-sec-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await serveStation({ dataDir, port: 0, token: ADMIN });
    const keep = (await callApi(first.station, 'tokens.create', { name: 'keep' }, 'admin')) as { secret: string };
    const drop = (await callApi(first.station, 'tokens.create', { name: 'drop' }, 'admin')) as { token: AccessToken; secret: string };
    await callApi(first.station, 'tokens.revoke', { id: drop.token.id }, 'admin');
    await first.close();
    const second = await serveStation({ dataDir, port: 0, token: 'a-new-launch-token' });
    cleanups.push(() => second.close());
    expect((await call(second, 'station.status', {}, keep.secret)).status).toBe(200);
    expect((await call(second, 'station.status', {}, drop.secret)).status).toBe(401);
    expect((await call(second, 'station.status', {}, ADMIN)).status).toBe(401);
  });

  it('sends the security headers, the CSP first, on every kind of answer', async () => {
    const r = await serve();
    const answers = [
      await fetch(`${r.server.url}/healthz`),
      await fetch(`${r.server.url}/`),
      await fetch(`${r.server.url}/no-such.js`),
      await call(r, 'station.status', {}, ADMIN),
      await call(r, 'station.status', {}, null),
      await fetch(`${r.server.url}/?token=wrong`),
    ];
    for (const res of answers) {
      expect(res.headers.get('content-security-policy'), res.url).toMatch(/script-src 'self'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
