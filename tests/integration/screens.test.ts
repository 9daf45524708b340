// The station room's "who is watching": a served station, real event streams opened with the
// station's own token and with tokens made in the app, and station.screens asked over HTTP —
// each open stream listed with its token's name, a closed one gone and its token's last-seen
// time kept, and the process's load read from inside.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StationScreens } from '../../shared/api/station';
import type { AccessToken } from '../../shared/types';
import { serveStation, type RunningStation } from '../../electron/server/serve';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ADMIN = 'screens-admin-token';

async function serve(darkScreenAfterMs?: number): Promise<RunningStation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-screens-'));
  const running = await serveStation({ dataDir, host: '127.0.0.1', port: 0, token: ADMIN, darkScreenAfterMs });
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => running.close());
  return running;
}

async function call<T>(r: RunningStation, method: string, params: unknown, token = ADMIN): Promise<{ status: number; body: T }> {
  const res = await fetch(`${r.server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** An event stream as a wall opens it; resolves once its hello arrived. */
function stream(r: RunningStation, token: string, agent: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${r.server.url.replace('http', 'ws')}/events`, { headers: { authorization: `Bearer ${token}`, 'user-agent': agent } });
    cleanups.push(() => ws.terminate());
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket) => new Promise<void>((resolve) => (ws.once('close', () => resolve()), ws.close()));

async function screens(r: RunningStation): Promise<StationScreens> {
  const { status, body } = await call<StationScreens>(r, 'station.screens', {});
  expect(status).toBe(200);
  return body;
}

describe('station.screens', () => {
  it('lists every open stream with its token, keeps when a wall was last seen, and reads the load', async () => {
    const r = await serve();
    const made = async (name: string, role: string) => (await call<{ token: AccessToken; secret: string }>(r, 'tokens.create', { name, role })).body;
    const lobby = await made('Lobby wall 2', 'viewer');
    const city = await made('City page', 'public');

    const before = await screens(r);
    expect(before.screens).toEqual([]);
    expect(before.lastSeen).toEqual([]);

    const desk = await stream(r, ADMIN, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Electron/38.0');
    const wall = await stream(r, lobby.secret, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36');
    await stream(r, city.secret, 'Mozilla/5.0 (iPad) Safari/605.1');

    const open = await screens(r);
    expect(open.screens.map((s) => [s.role, s.tokenName])).toEqual([
      ['admin', null],
      ['viewer', 'Lobby wall 2'],
      ['public', 'City page'],
    ]);
    const lobbyScreen = open.screens[1]!;
    expect(lobbyScreen).toMatchObject({ tokenId: lobby.token.id, address: '127.0.0.1', behindBytes: 0 });
    expect(lobbyScreen.agent).toContain('Chrome/140.0');
    // Each got its hello; the since times are the station's wall clock, before the answer.
    expect(lobbyScreen.events).toBeGreaterThanOrEqual(1);
    expect(lobbyScreen.since).toBeLessThanOrEqual(open.at);
    expect(lobbyScreen.lastEventAt).toBeGreaterThanOrEqual(lobbyScreen.since);

    // The wall goes dark: it leaves the list, and its token says when it was last seen.
    await closed(wall);
    await closed(desk);
    let after = await screens(r);
    for (let i = 0; i < 50 && after.screens.length > 1; i++) {
      await new Promise((t) => setTimeout(t, 20));
      after = await screens(r);
    }
    expect(after.screens.map((s) => s.tokenName)).toEqual(['City page']);
    expect(after.lastSeen).toEqual([{ tokenId: lobby.token.id, at: expect.any(Number) }]);
    expect(after.lastSeen[0]!.at).toBeGreaterThanOrEqual(lobbyScreen.since);
    expect(after.startedAt).toBeLessThanOrEqual(lobbyScreen.since);

    // Back on: listed again, no longer "last seen".
    await stream(r, lobby.secret, 'wall');
    const again = await screens(r);
    // Walls before public pages (a city's page may draw a crowd; the list stops at 500).
    expect(again.screens.map((s) => s.tokenName)).toEqual(['Lobby wall 2', 'City page']);
    expect(again.open).toEqual({ admin: 0, viewer: 1, public: 1 });
    expect(again.lastSeen).toEqual([]);

    // The process's own figures are there and sane.
    const load = again.load;
    expect(load.cores).toBeGreaterThanOrEqual(1);
    expect(load.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(load.heapUsedBytes).toBeGreaterThan(0);
    expect(load.uptimeSec).toBeGreaterThanOrEqual(0);
  });

  it('still knows after a restart when each wall was last on: closed before, or connected until the stop', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-screens-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await serveStation({ dataDir, host: '127.0.0.1', port: 0, token: ADMIN });
    const made = async (name: string) => (await call<{ token: AccessToken; secret: string }>(first, 'tokens.create', { name, role: 'viewer' })).body;
    const lobby = await made('Lobby wall 2');
    const hall = await made('Hall wall');
    const never = await made('Spare wall');
    const t0 = Date.now();
    await closed(await stream(first, lobby.secret, 'lobby'));
    const t1 = Date.now();
    await stream(first, hall.secret, 'hall');
    await first.close();
    const t2 = Date.now();

    const again = await serveStation({ dataDir, host: '127.0.0.1', port: 0, token: ADMIN });
    cleanups.push(() => again.close());
    const seen = new Map((await screens(again)).lastSeen.map((l) => [l.tokenId, l.at]));
    expect(seen.get(lobby.token.id)).toBeGreaterThanOrEqual(t0);
    expect(seen.get(lobby.token.id)).toBeLessThanOrEqual(t1);
    expect(seen.get(hall.token.id)).toBeGreaterThanOrEqual(t1);
    expect(seen.get(hall.token.id)).toBeLessThanOrEqual(t2);
    expect(seen.has(never.token.id)).toBe(false);
    // The token list says it too.
    const listed = (await call<AccessToken[]>(again, 'tokens.list', {})).body;
    expect(listed.find((t) => t.id === lobby.token.id)?.lastSeenAt).toBe(seen.get(lobby.token.id));

    // Seen again in this run: this run's time wins.
    await closed(await stream(again, lobby.secret, 'lobby'));
    const now = new Map((await screens(again)).lastSeen.map((l) => [l.tokenId, l.at]));
    expect(now.get(lobby.token.id)).toBeGreaterThanOrEqual(t2);
  });

  it('tells every screen when a wall has gone dark, and stops counting it once its token is revoked', async () => {
    // Dark after 0.8 s here (30 s in use), long enough for a reconnect on a busy machine.
    const r = await serve(800);
    const lobby = (await call<{ token: AccessToken; secret: string }>(r, 'tokens.create', { name: 'Lobby wall 2', role: 'viewer' })).body;
    const desk = await stream(r, ADMIN, 'desk');
    const statuses: number[] = [];
    desk.on('message', (raw) => {
      const e = JSON.parse(String(raw)) as { type: string; status?: { darkScreens: number } };
      if (e.type === 'station') statuses.push(e.status!.darkScreens);
    });
    const status = async () => (await call<{ darkScreens: number }>(r, 'station.status', {})).body.darkScreens;

    // A reload is not a wall gone dark.
    await closed(await stream(r, lobby.secret, 'wall'));
    const wall = await stream(r, lobby.secret, 'wall');
    await new Promise((t) => setTimeout(t, 1200));
    expect(await status()).toBe(0);
    expect(statuses).toEqual([]);

    await closed(wall);
    await expect.poll(() => statuses, { timeout: 10_000 }).toEqual([1]);
    expect(await status()).toBe(1);
    // Back on, then off again: the screens hear each change.
    const back = await stream(r, lobby.secret, 'wall');
    await expect.poll(() => statuses, { timeout: 10_000 }).toEqual([1, 0]);
    await closed(back);
    await expect.poll(() => statuses, { timeout: 10_000 }).toEqual([1, 0, 1]);
    // Revoked: nobody is waiting for that wall any more.
    await call(r, 'tokens.revoke', { id: lobby.token.id });
    expect(await status()).toBe(0);
  });

  it('keeps what a screen reports of itself, and drops anything else it sends', async () => {
    const r = await serve();
    const wall = await stream(r, ADMIN, 'wall');
    const report = { type: 'report', view: 'wall', board: '戰情室 War room', fps: 58, visible: true, heapMb: 14.2, width: 3840, height: 2160, lang: 'zh-Hant' };
    const shown = async () => (await screens(r)).screens[0]!;
    wall.send(JSON.stringify(report));
    await expect.poll(async () => (await shown()).report, { timeout: 10_000 }).toEqual({ ...report, type: undefined });
    const first = await shown();
    expect(first.reportAt).toBeGreaterThanOrEqual(first.since);

    // Hostile or malformed: an unknown field, a board name of 10,000 characters, not JSON,
    // binary, an api call; and a second report within the second. None of it is kept.
    await new Promise((t) => setTimeout(t, 1100));
    wall.send(JSON.stringify({ ...report, fps: 1, extra: '<img src=x onerror=alert(1)>' }));
    wall.send(JSON.stringify({ ...report, fps: 2, board: 'x'.repeat(10_000) }));
    wall.send('{"type":"report",');
    wall.send(Buffer.from(JSON.stringify({ ...report, fps: 3 })), { binary: true });
    wall.send(JSON.stringify({ method: 'tokens.create', params: { name: 'x', role: 'admin' } }));
    wall.send(JSON.stringify({ ...report, fps: 4, visible: false }));
    wall.send(JSON.stringify({ ...report, fps: 5 }));
    await new Promise((t) => setTimeout(t, 300));
    const after = await shown();
    // fps 4 is the first valid one after the gap; fps 5 came within the second after it.
    expect(after.report).toMatchObject({ fps: 4, visible: false });
    expect((await call<unknown[]>(r, 'tokens.list', {})).body).toEqual([]);
    // The stream is still open and still served.
    expect(wall.readyState).toBe(WebSocket.OPEN);
  });

  it('is for admins only: a wall token cannot see who else is watching', async () => {
    const r = await serve();
    const { body } = await call<{ secret: string }>(r, 'tokens.create', { name: 'Lobby', role: 'viewer' });
    expect((await call(r, 'station.screens', {}, body.secret)).status).toBe(403);
  });

  it('counts the mentions stored in the last minute and the CPU they took', async () => {
    const r = await serve();
    const source = (await call<{ id: number; config: { secret: string } }>(r, 'sources.add', { name: 'hook', kind: 'webhook', config: {} })).body;
    const items = Array.from({ length: 300 }, (_, i) => ({
      guid: `s${i}`,
      text: `screens test mention ${i} 客服 斷訊`,
      publishedAt: new Date(Date.now() - i * 1000).toISOString(),
    }));
    const pushed = await fetch(`${r.server.url}/ingest/${source.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.config.secret}` },
      body: JSON.stringify(items),
    });
    expect(await pushed.json()).toMatchObject({ new: 300 });
    // A reading needs a second of history: wait for it (the meter samples at start, then every 5 s).
    let load = (await screens(r)).load;
    for (let i = 0; i < 100 && load.cpu === null; i++) {
      await new Promise((t) => setTimeout(t, 50));
      load = (await screens(r)).load;
    }
    expect(load.windowSec).toBeGreaterThanOrEqual(1);
    expect(load.cpu).toBeGreaterThan(0);
    expect(load.mentionsStored).toBe(300);
    expect(load.loopDelayMaxMs).toEqual(expect.any(Number));
  });
});
