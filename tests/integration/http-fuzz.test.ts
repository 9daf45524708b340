// The station as a hostile page, a broken client and line noise would meet it: more than
// 10,000 malformed requests (methods, targets, headers, cookies, encodings, bodies, WebSocket
// upgrades and frames) against a real `fenghuo serve` on 127.0.0.1. Every one gets an answer or
// a close, none a 500, the station never exits, and afterwards its open descriptors and memory
// are back near where they were.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../helpers/rng';

const REQUESTS = 10_500;
const LANES = 16;
const VIEWER = 'fuzz-viewer-token';
const ADMIN = 'fuzz-admin-token';

let child: ChildProcess;
let port = 0;
let exited: string | null = null;
let dataDir = '';
const stderr: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fuzz-'));
  const web = path.join(dataDir, 'web');
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>wall</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'void 0;');
  child = spawn(
    process.execPath,
    ['bin/fenghuo.mjs', 'serve', '--port', '0', '--data', path.join(dataDir, 'station'), '--token', ADMIN, '--viewer-token', VIEWER],
    { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, FENGHUO_WEB_ROOT: web }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready: http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`the station did not start: ${stderr.join('')}`)));
  });
});

afterAll(async () => {
  if (child && exited === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});


interface FuzzRequest {
  bytes: Buffer;
  /** After a 101, these frames are sent on the stream. */
  frames?: Buffer;
  /** Close our side after writing (truncated bodies end this way). */
  halfClose?: boolean;
}

function makeGenerator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  const host = () => `127.0.0.1:${port}`;

  const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'get', 'G ET', 'POST%E0', 'BREW', '%E0', 'M'.repeat(40), ''];
  const apiMethods = ['station.status', 'lights.list', 'mentions.recent', 'mentions.search', 'mentions.get', 'boards.get', 'series.volume', 'topics.save', 'tokens.create', 'tokens.revoke', 'insights.terms', 'constructor', '__proto__', 'toString', 'station.status/..', '%E0', '%00', 'a'.repeat(300)];
  const targets = () => [
    '/', '/healthz', '/%00', '/a%00b', '/%E0', '/%', '/%zz', '/%C0%AF', `/${'a'.repeat(int(200, 5000))}`, '//x:99999/', '//', '///',
    'http://[', `http://127.0.0.1:${port}/healthz`, 'http://evil.example/', `https://127.0.0.1:${port}/`, 'http://127.evil.example/',
    '*', 'x', '/api/', `/api/${pick(apiMethods)}`, '/api/../healthz', '/ingest/', '/ingest/%E0', '/ingest/1', `/ingest/${'9'.repeat(40)}`,
    '/events', '/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '/assets/app.js',
    '/?token=', '/?token=%E0', `/?token=${VIEWER}`, `/wall/1?token=${VIEWER}&a=%E0`, '/wall/1?token=nope', '/index.html',
    `/${encodeURIComponent('烽火台\u202e')}`, `/${'%F0%9F%94%A5'.repeat(int(1, 120))}`, `/${'/'.repeat(int(1, 600))}`,
  ];
  const mutate = (s: string): string => {
    const at = int(0, s.length);
    return s.slice(0, at) + pick(['%', '%0', '%00', '%E0', '%%', '\u00ff', '\\', '#', '?', ' ', '\t', '..', '\u0000']) + s.slice(at);
  };
  const hosts = () => [host(), host(), `localhost:${port}`, `[::1]:${port}`, `127.evil.example:${port}`, '', 'a'.repeat(300), '[::1', `localhost:99999`, `${host()}:${port}`, `${host()}\u0000`, `evil.example`, `127.0.0.1`];
  const cookies = () => ['x=%E0', 'prefs=100%', `fenghuo_${port}=%E0`, `fenghuo_${port}=${VIEWER}`, '__proto__=x', 'constructor=1', ';;;=;', '=x', `${'a'.repeat(int(100, 9000))}=1`, Array.from({ length: 200 }, (_, i) => `c${i}=%${i}`).join('; ')];
  const auths = () => [`Bearer ${VIEWER}`, 'Bearer ', 'Bearer %E0', 'Basic eDp5', `Bearer ${'a'.repeat(int(10, 5000))}`, 'Bearer\u0000x', `bearer ${VIEWER}`];
  const origins = () => ['null', 'http://evil.example', `http://${host()}`, '%E0', `http://127.0.0.1:${port + 1}`];
  const bodies = () => [
    '', '{', '}', 'null', '[]', '"x"', '{"limit":-1}', '{"limit":1e309}', '{"q":"\\ud800"}', '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}', '['.repeat(int(10, 20_000)) + ']'.repeat(int(0, 10)), `{"q":"${'x'.repeat(int(1000, 200_000))}"}`,
    '\u0000\u0001\u0002', '{"id":"1 OR 1=1"}', `{"id":${'9'.repeat(400)}}`, '{"topic":{"name":"<script>","query":"("}}',
  ];

  function headerBlock(extra: string[]): string {
    return extra.filter(Boolean).join('\r\n') + (extra.length ? '\r\n' : '');
  }

  const kinds: (() => FuzzRequest)[] = [
    // The request line: methods, targets, versions.
    () => {
      let target = pick(targets());
      if (r() < 0.4) target = mutate(target);
      const version = pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', 'HTTP/01.1', 'HTTP/1.1\u0000', '']);
      const line = `${pick(methods)} ${target} ${version}`;
      return { bytes: Buffer.from(`${line}\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`, 'latin1') };
    },
    // Headers: Host, cookies, tokens, origins, encodings.
    () => {
      const headers = [
        r() < 0.9 ? `Host: ${pick(hosts())}` : '',
        r() < 0.6 ? `Cookie: ${pick(cookies())}` : '',
        r() < 0.6 ? `Authorization: ${pick(auths())}` : '',
        r() < 0.3 ? `Origin: ${pick(origins())}` : '',
        r() < 0.1 ? 'X-Huge: ' + 'h'.repeat(20_000) : '',
        r() < 0.1 ? 'Broken header without colon' : '',
        r() < 0.05 ? ' folded: continuation' : '',
        r() < 0.1 ? 'Content-Length: 1\r\nContent-Length: 2' : '',
        r() < 0.1 ? 'Transfer-Encoding: chunked, identity' : '',
        'Connection: close',
      ];
      const target = pick(['/', '/healthz', '/api/station.status', '/api/lights.list', '/wall/1', `/?token=${VIEWER}`, '/assets/app.js', '/%E0']);
      const method = target.startsWith('/api/') ? 'POST' : 'GET';
      return { bytes: Buffer.from(`${method} ${target} HTTP/1.1\r\n${headerBlock(headers)}\r\n`, 'latin1') };
    },
    // Bodies: api calls and pushes with junk, cut, chunked wrongly, invalid UTF-8.
    () => {
      const target = r() < 0.7 ? `/api/${pick(apiMethods)}` : pick(['/ingest/1', '/ingest/%E0', `/ingest/${int(0, 99)}`]);
      let body = Buffer.from(pick(bodies()));
      if (r() < 0.2) body = Buffer.concat([body, randomBytes(int(1, 64))]);
      const auth = r() < 0.8 ? `Authorization: Bearer ${VIEWER}\r\n` : '';
      const type = pick(['application/json', 'application/x-ndjson', 'text/plain; charset=utf-16', '', 'multipart/form-data; boundary=x']);
      const form = int(0, 3);
      if (form === 0) {
        const head = `POST ${target} HTTP/1.1\r\nHost: ${host()}\r\n${auth}Content-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
        return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), body]) };
      }
      if (form === 1) {
        // Declares more than it sends, then hangs up.
        const head = `POST ${target} HTTP/1.1\r\nHost: ${host()}\r\n${auth}Content-Length: ${body.length + int(1, 5000)}\r\n\r\n`;
        return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), body]), halfClose: true };
      }
      if (form === 2) {
        const size = pick([body.length.toString(16), 'zz', '-1', 'ffffffffffffffff', '']);
        const head = `POST ${target} HTTP/1.1\r\nHost: ${host()}\r\n${auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${size}\r\n`;
        // A chunk that claims more than it holds is a body still coming: hang up, as a broken client would.
        return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\r\n0\r\n\r\n')]), halfClose: size !== body.length.toString(16) || r() < 0.5 };
      }
      const head = `POST ${target} HTTP/1.1\r\nHost: ${host()}\r\n${auth}Content-Length: ${2 * 1024 * 1024}\r\nConnection: close\r\n\r\n`;
      return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), randomBytes(int(0, 4096))]), halfClose: true };
    },
    // WebSocket upgrades: handshakes good and bad, then frames good and bad.
    () => {
      const good = r() < 0.5;
      const headers = [
        `Host: ${good ? host() : pick(hosts())}`,
        good || r() < 0.5 ? `Authorization: Bearer ${VIEWER}` : `Cookie: ${pick(cookies())}`,
        r() < 0.2 ? `Origin: ${pick(origins())}` : '',
        'Upgrade: websocket',
        'Connection: Upgrade',
        good || r() < 0.7 ? 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' : `Sec-WebSocket-Key: ${pick(['', '%E0', 'short', 'x'.repeat(300)])}`,
        `Sec-WebSocket-Version: ${good || r() < 0.7 ? '13' : pick(['8', '', '%E0', '99999999999'])}`,
        r() < 0.2 ? `Sec-WebSocket-Extensions: ${pick(['permessage-deflate; client_max_window_bits=99', 'x;;;', '%E0'])}` : '',
      ];
      const target = good ? '/events' : pick(['/events', '/events?x=%E0', '/%E0', '/events%00', 'http://[', '/api/station.status', `/${'e'.repeat(300)}`]);
      const frames = pick([
        Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x49, 0x67, 0x6f, 0x68, 0x6e]), // a masked "Hello"
        Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]), // unmasked: a protocol error
        Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4]), // claims 2 GiB
        Buffer.from([0x8f, 0x80, 1, 2, 3, 4]), // a reserved opcode
        Buffer.from([0x88, 0x82, 1, 2, 3, 4, 0x03, 0xe9]), // a close
        randomBytes(int(1, 300)),
      ]);
      return { bytes: Buffer.from(`GET ${target} HTTP/1.1\r\n${headerBlock(headers)}\r\n`, 'latin1'), frames };
    },
    // Line noise.
    () => ({ bytes: randomBytes(int(1, 3000)), halfClose: true }),
  ];
  return () => pick(kinds)();
}

type Outcome = { status: number } | { closed: true } | { hung: true };

function send(req: FuzzRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(o);
    };
    const timer = setTimeout(() => {
      finish({ hung: true });
      socket.destroy();
    }, 15_000);
    socket.on('data', (d) => {
      if (done) return;
      got += d.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      if (!m) return;
      const status = Number(m[1]);
      finish({ status });
      if (status === 101 && req.frames) {
        socket.write(req.frames);
        setTimeout(() => socket.destroy(), 5);
      } else {
        socket.destroy();
      }
    });
    socket.on('close', () => finish({ closed: true }));
    socket.on('error', () => finish({ closed: true }));
    socket.write(req.bytes, () => {
      if (req.halfClose) socket.end();
    });
  });
}

async function run(count: number, seed: number, tally: Map<string, number>): Promise<void> {
  const next = makeGenerator(seed);
  let left = count;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (left > 0) {
        left--;
        const o = await send(next());
        const key = 'status' in o ? String(o.status) : 'closed' in o ? 'closed' : 'hung';
        tally.set(key, (tally.get(key) ?? 0) + 1);
        if (exited) throw new Error(`the station ${exited}`);
      }
    }),
  );
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}
const openFds = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;

async function healthz(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
}

describe('an HTTP fuzz run against a running station', () => {
  it('answers or closes every malformed request, never exits, and gives back its descriptors and memory', async () => {
    const pid = child.pid!;
    // Warm up first, so the baseline includes what the first requests load once.
    await run(500, 1, new Map());
    await new Promise((r) => setTimeout(r, 500));
    const baseFds = openFds(pid);
    const baseRss = rssBytes(pid);

    const tally = new Map<string, number>();
    await run(REQUESTS, 2026, tally);
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(REQUESTS);
    expect(exited).toBeNull();
    expect(tally.get('hung') ?? 0).toBe(0);
    // Nothing a client sends is the station's fault: no 500s (and no error ids in the log).
    const fiveHundreds = [...tally].filter(([k]) => k.startsWith('5') && k !== '503');
    expect(Object.fromEntries(fiveHundreds), stderr.join('').slice(0, 2000)).toEqual({});
    expect(stderr.join('')).not.toMatch(/request [0-9a-f]{8} failed|upgrade [0-9a-f]{8} failed/);
    // A good spread of answers, not one refusal for everything.
    for (const status of ['101', '200', '400', '401', '404', '421']) expect(tally.get(status), status).toBeGreaterThan(0);

    expect(await healthz()).toBe(200);
    // Every socket the run opened is closed again (waited for, not timed).
    await expect.poll(() => openFds(pid), { timeout: 20_000, interval: 200 }).toBeLessThanOrEqual(baseFds + 2);
    expect(rssBytes(pid)).toBeLessThan(baseRss + 100 * 1024 * 1024);
    expect(exited).toBeNull();
  }, 240_000); // ~10 s on an idle machine; CI shares its cores
});
