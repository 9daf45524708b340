// No single request takes the station down. A hostile page on another local port can make the
// wall's browser send a NUL in the path, an overlong segment, bad percent-encoding in the api
// method or a cookie, or an odd request target; each gets a 4xx and the station keeps
// answering. A handler that throws anyway becomes a 500 whose id is in the log. The Host check
// takes only the station's exact names with its port. A wall that stops reading its event
// stream is closed with 1013; its next connection starts with a fresh hello, which is what the
// wall's client resyncs on (its reconnecting is tested in tests/unit/renderer-events.test.ts).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { StationEvent } from '../../shared/api';
import type { Mention } from '../../shared/types';
import { CLOSE_TOO_SLOW, MAX_CLIENT_BUFFER } from '../../electron/server/index';
import { serveStation, type RunningStation } from '../../electron/server/serve';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ADMIN = 'hardening-admin-token';

async function serve(): Promise<{ r: RunningStation; logs: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-hard-'));
  const logs: string[] = [];
  // A screen of our own, so static answers do not depend on a renderer build being there.
  const web = path.join(dataDir, 'web');
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>wall</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'void 0;');
  vi.stubEnv('FENGHUO_WEB_ROOT', web);
  const r = await serveStation({ dataDir, port: 0, token: ADMIN, log: (l) => logs.push(l) });
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => r.close());
  return { r, logs };
}

/** Send bytes exactly as written (no client library tidies them) and read the status line. */
function rawStatus(port: number, request: string): Promise<number | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (d) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) {
        resolve(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on('close', () => resolve('closed'));
    socket.on('error', reject);
    socket.write(request);
  });
}

const get = (port: number, target: string, headers = '', method = 'GET') =>
  rawStatus(port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);

const upgrade = (port: number, headers: string, host = `127.0.0.1:${port}`) =>
  rawStatus(
    port,
    `GET /events HTTP/1.1\r\nHost: ${host}\r\n${headers}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );

async function healthy(r: RunningStation): Promise<boolean> {
  return (await fetch(`${r.server.url}/healthz`)).status === 200;
}

describe('one request cannot take the station down', () => {
  it('answers the requests that used to kill it with a 4xx and keeps serving', async () => {
    const { r } = await serve();
    const port = r.server.port;
    // A NUL in the path: what <img src="http://127.0.0.1:PORT/%00"> on any page sends.
    expect(await get(port, '/%00')).toBe(400);
    expect(await get(port, '/assets/%00.js')).toBe(400);
    // A segment longer than a file name may be (was ENAMETOOLONG from stat).
    expect(await get(port, `/${'a'.repeat(300)}`)).toBe(414);
    expect(await get(port, `/assets/${'%C3%A9'.repeat(200)}.js`)).toBe(414);
    // Bad percent-encoding in the api method name (was URIError).
    expect(await get(port, '/api/%E0', `Authorization: Bearer ${ADMIN}\r\n`, 'POST')).toBe(400);
    expect(await get(port, '/%E0')).toBe(400);
    // Odd request targets (were "Invalid URL").
    expect(await get(port, '//x:99999/')).toBe(200); // a path like any other: the screen
    expect(await get(port, '/assets/app.js')).toBe(200);
    expect(await get(port, 'http://[')).toBe(400);
    expect(await get(port, '*', '', 'OPTIONS')).toBe(400);
    // An absolute-form target is held to the same Host rule.
    expect(await get(port, `http://127.0.0.1:${port}/healthz`)).toBe(200);
    expect(await get(port, 'http://evil.example/healthz')).toBe(421);
    expect(await healthy(r)).toBe(true);
  });

  it('ignores a cookie that another local page set with bad percent-encoding, on the api and the stream', async () => {
    const { r } = await serve();
    const port = r.server.port;
    // document.cookie = "prefs=100%; path=/" on any localhost page reaches every port.
    const cookies = 'Cookie: prefs=100%; x=%E0\r\n';
    expect(await get(port, '/api/station.status', cookies, 'POST')).toBe(401);
    expect(await get(port, '/api/station.status', `${cookies}Authorization: Bearer ${ADMIN}\r\n`, 'POST')).toBe(200);
    expect(await get(port, '/', cookies)).toBe(200);
    expect(await upgrade(port, cookies)).toBe(401);
    expect(await upgrade(port, `${cookies}Authorization: Bearer ${ADMIN}\r\n`)).toBe(101);
    // The station's own cookie still works beside it.
    const open = await fetch(`${r.server.url}/?token=${ADMIN}`, { redirect: 'manual' });
    const own = open.headers.get('set-cookie')!.split(';')[0]!;
    expect(await get(port, '/api/station.status', `Cookie: prefs=100%; ${own}; y=%\r\n`, 'POST')).toBe(200);
    expect(await healthy(r)).toBe(true);
  });

  it('turns an exception in any handler into a 500 with an id that is in the log', async () => {
    const { r, logs } = await serve();
    const status = vi.spyOn(r.station, 'status').mockImplementation(() => {
      throw new Error('the engine tripped');
    });
    const res = await fetch(`${r.server.url}/healthz`);
    expect(res.status).toBe(500);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    const id = /error id ([0-9a-f]+)/.exec(error.message)?.[1];
    expect(id).toBeDefined();
    expect(logs.some((l) => l.includes(id!) && l.includes('the engine tripped'))).toBe(true);
    // The hello of a new event stream goes through the same guard.
    expect(await upgrade(r.server.port, `Authorization: Bearer ${ADMIN}\r\n`)).not.toBe('closed');
    status.mockRestore();
    expect(await healthy(r)).toBe(true);
  });
});

describe('the Host check (DNS rebinding)', () => {
  it('takes only the exact loopback names with this port', async () => {
    const { r } = await serve();
    const port = r.server.port;
    const withHost = (host: string) => rawStatus(port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    for (const ok of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) expect(await withHost(ok), ok).toBe(200);
    for (const bad of [
      `127.evil.example:${port}`,
      '127.evil.example',
      `127.0.0.1.evil.example:${port}`,
      `127.1:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `127.0.0.1:${port}@evil.example`,
      '',
    ]) {
      expect(await withHost(bad), bad).toBe(421);
    }
    expect(await upgrade(port, `Authorization: Bearer ${ADMIN}\r\n`, `127.evil.example:${port}`)).toBe(421);
    expect(await upgrade(port, `Authorization: Bearer ${ADMIN}\r\n`)).toBe(101);
  });
});

describe('a wall that stops reading its event stream', () => {
  it('is closed with 1013 before it holds more than the cap, and its next connection starts with a hello', async () => {
    const { r, logs } = await serve();
    const url = `${r.server.url.replace('http', 'ws')}/events`;
    const headers = { authorization: `Bearer ${ADMIN}` };
    const stalled = new WebSocket(url, { headers });
    const events: StationEvent[] = [];
    stalled.on('message', (d) => events.push(JSON.parse(String(d)) as StationEvent));
    const closed = new Promise<number>((resolve) => stalled.once('close', (code) => resolve(code)));
    cleanups.push(() => stalled.terminate());
    await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('hello'));

    stalled.pause(); // the wall's tab froze: nothing is read any more
    const big: Mention = { ...fakeMention(), text: '烽'.repeat(80_000) };
    for (let i = 0; i < 2000 && !logs.some((l) => l.includes('event stream closed')); i++) {
      r.station.events.emit({ type: 'mentions', now: Date.now(), storedAt: Date.now(), count: 1, newestAt: Date.now(), byTopic: {}, sample: [big] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(logs.find((l) => l.includes('event stream closed'))).toMatch(/unread/);
    stalled.resume();
    expect(await closed).toBe(CLOSE_TOO_SLOW);
    expect(MAX_CLIENT_BUFFER).toBeLessThanOrEqual(4 * 1024 * 1024);

    // Reconnecting, the wall is told the whole current state again.
    const again = new WebSocket(url, { headers });
    cleanups.push(() => again.terminate());
    const hello = await new Promise<StationEvent>((resolve) => again.once('message', (d) => resolve(JSON.parse(String(d)) as StationEvent)));
    expect(hello).toMatchObject({ type: 'hello', status: { version: expect.any(String) } });
  });
});

function fakeMention(): Mention {
  return {
    id: 1,
    sourceId: 1,
    guid: 'g',
    url: null,
    title: 'a mention',
    text: '',
    html: null,
    author: null,
    lang: 'zh-Hant',
    publishedAt: Date.now(),
    fetchedAt: Date.now(),
    sentiment: 0,
    label: 'neutral',
    emotions: {},
    topicIds: [],
  } as unknown as Mention;
}
