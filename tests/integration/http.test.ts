// The guarded HTTP client against a real server on 127.0.0.1 that misbehaves on purpose.
// Addresses other than loopback are only ever named in redirects and URLs: the client must
// refuse them before connecting, so no test touches a non-loopback host.

import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '../../electron/engine/sources/feed/parse';
import { blockedAddressKind, FetchError, guardedFetch, parseRetryAfter, USER_AGENT } from '../../electron/engine/sources/http/fetch';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

const local = { allowPrivate: 'loopback' as const };

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return e as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('a well-behaved feed', () => {
  it('is fetched with an honest user agent and its validators are returned', async () => {
    server.route('/ok.xml', { body: rssFeed([{ guid: '1', title: 'Hi', text: 'there' }]), etag: '"v1"', lastModified: 'Tue, 02 Jan 2024 03:04:05 GMT' });
    const r = await guardedFetch(`${server.url}/ok.xml`, local);
    expect(r.status).toBe(200);
    expect(r.notModified).toBe(false);
    expect(r.body.toString('utf8')).toContain('<title>Hi</title>');
    expect(r.etag).toBe('"v1"');
    expect(r.lastModified).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(r.headers['content-type']).toContain('xml');
    expect(server.lastHeaders('/ok.xml')?.['user-agent']).toBe(USER_AGENT);
    expect(server.lastHeaders('/ok.xml')?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('answers 304 to a conditional GET and reports notModified', async () => {
    server.route('/cond.xml', { body: 'x', etag: '"abc"' });
    const r = await guardedFetch(`${server.url}/cond.xml`, { ...local, etag: '"abc"' });
    expect(r.status).toBe(304);
    expect(r.notModified).toBe(true);
    expect(r.body.length).toBe(0);
    expect(r.etag).toBe('"abc"');
    expect(server.lastHeaders('/cond.xml')?.['if-none-match']).toBe('"abc"');

    server.route('/since.xml', { body: 'x', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    const r2 = await guardedFetch(`${server.url}/since.xml`, { ...local, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(r2.notModified).toBe(true);
    expect(r2.lastModified).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
  });

  it('sees a new version when the feed publishes (route replaced)', async () => {
    server.route('/pub.xml', { body: rssFeed([{ guid: 'a', title: 'First', text: '' }]), etag: '"1"' });
    const first = await guardedFetch(`${server.url}/pub.xml`, local);
    server.route('/pub.xml', { body: rssFeed([{ guid: 'b', title: 'Second', text: '' }]), etag: '"2"' });
    const second = await guardedFetch(`${server.url}/pub.xml`, { ...local, etag: first.etag });
    expect(second.notModified).toBe(false);
    expect(second.body.toString()).toContain('Second');
    expect(server.hits('/pub.xml')).toBe(2);
  });

  it('decodes gzip, brotli and deflate bodies', async () => {
    const text = 'hello 烽火 '.repeat(1000);
    server.route('/gz', { body: text, gzip: true });
    server.route('/br', { body: text, brotli: true });
    server.route('/deflate', { body: zlib.deflateSync(Buffer.from(text)), headers: { 'content-encoding': 'deflate' } });
    server.route('/rawdeflate', { body: zlib.deflateRawSync(Buffer.from(text)), headers: { 'content-encoding': 'deflate' } });
    for (const path of ['/gz', '/br', '/deflate', '/rawdeflate']) {
      const r = await guardedFetch(server.url + path, local);
      expect(r.body.toString('utf8'), path).toBe(text);
    }
  });

  it('hands a compressed Big5 feed with a wrong charset header to the parser intact', async () => {
    const big5 = readFileSync(join(import.meta.dirname, '../fixtures/feeds/big5-rss.xml'));
    server.route('/big5.xml', { body: big5, gzip: true, headers: { 'content-type': 'text/xml; charset=utf-8' } });
    const r = await guardedFetch(`${server.url}/big5.xml`, local);
    expect(r.body.equals(big5)).toBe(true);
    const feed = parseFeed(r.body, { contentType: r.headers['content-type'], url: r.url });
    expect(feed.items[0]!.title).toBe('颱風過後 旗津渡輪恢復正常營運');
  });

  it('follows a relative redirect and reports the final URL', async () => {
    server.route('/old', { redirectTo: '/new', status: 301 });
    server.route('/new', { body: 'moved here' });
    const r = await guardedFetch(`${server.url}/old`, local);
    expect(r.url).toBe(`${server.url}/new`);
    expect(r.body.toString()).toBe('moved here');
  });

  it('pins the connection to the checked address while keeping the name in Host', async () => {
    server.route('/host', { body: 'ok' });
    const r = await guardedFetch(`http://localhost:${server.port}/host`, local);
    expect(r.body.toString()).toBe('ok');
    expect(server.lastHeaders('/host')?.host).toBe(`localhost:${server.port}`);
  });
});

describe('a misbehaving server', () => {
  it('turns a 500 into an http-status error naming the URL', async () => {
    server.route('/500', { status: 500, body: 'boom' });
    const e = await failure(guardedFetch(`${server.url}/500`, local));
    expect(e.code).toBe('http-status');
    expect(e.status).toBe(500);
    expect(e.message).toBe(`${server.url}/500: HTTP 500 Internal Server Error`);
  });

  it('reads Retry-After on 429 as seconds and on 503 as an HTTP date', async () => {
    server.route('/429', { status: 429, headers: { 'retry-after': '120' } });
    const e = await failure(guardedFetch(`${server.url}/429`, local));
    expect(e.code).toBe('http-status');
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBe(120_000);
    expect(e.message).toContain('retry after 120 s');

    const at = new Date(Date.now() + 60_000).toUTCString();
    server.route('/503', { status: 503, headers: { 'retry-after': at } });
    const e2 = await failure(guardedFetch(`${server.url}/503`, local));
    expect(e2.retryAfterMs).toBeGreaterThan(55_000);
    expect(e2.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  it('names the anti-bot service when an error status carries a challenge page', async () => {
    const page = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={}</script></body></html>';
    server.route('/cf', { status: 403, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: page, gzip: true });
    const e = await failure(guardedFetch(`${server.url}/cf`, local));
    expect(e.code).toBe('http-status');
    expect(e.status).toBe(403);
    expect(e.message).toBe(`${server.url}/cf: HTTP 403 Forbidden: a Cloudflare bot-challenge page (the site blocks automated readers)`);
  });

  it('gives up on a server that never answers', async () => {
    server.route('/hang', { hangForever: true });
    const started = Date.now();
    const e = await failure(guardedFetch(`${server.url}/hang`, { ...local, timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toBe(`${server.url}/hang: timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the body in the deadline: a slow drip past the timeout fails', async () => {
    server.route('/drip', { body: 'x'.repeat(5000), dripBytesPerSec: 1000 });
    const started = Date.now();
    const e = await failure(guardedFetch(`${server.url}/drip`, { ...local, timeoutMs: 600 }));
    expect(e.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    server.route('/huge', { body: Buffer.alloc(3 * 1024 * 1024, 0x61) });
    const e = await failure(guardedFetch(`${server.url}/huge`, { ...local, maxBytes: 1024 * 1024 }));
    expect(e.code).toBe('too-large');

    server.route('/huge-drip', { body: Buffer.alloc(300_000, 0x61), dripBytesPerSec: 2_000_000 });
    const e2 = await failure(guardedFetch(`${server.url}/huge-drip`, { ...local, maxBytes: 100_000 }));
    expect(e2.code).toBe('too-large');
    expect(e2.message).toBe(`${server.url}/huge-drip: response exceeded 97.7 KiB`);
  });

  it('stops a gzip bomb after the cap of decoded bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    server.route('/gzbomb', { body: bomb, headers: { 'content-encoding': 'gzip' } });
    const e = await failure(guardedFetch(`${server.url}/gzbomb`, local));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe(`${server.url}/gzbomb: response exceeded 10 MiB after decompression`);
  });

  it('stops a brotli bomb after the cap of decoded bytes', async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(32 * 1024 * 1024), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 },
    });
    expect(bomb.length).toBeLessThan(64 * 1024);
    server.route('/brbomb', { body: bomb, headers: { 'content-encoding': 'br' } });
    const e = await failure(guardedFetch(`${server.url}/brbomb`, { ...local, maxBytes: 2 * 1024 * 1024 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('after decompression');
  });

  it('stops following a redirect chain over the cap', async () => {
    for (let i = 0; i < 8; i++) server.route(`/loop${i}`, { redirectTo: `/loop${i + 1}` });
    const e = await failure(guardedFetch(`${server.url}/loop0`, local));
    expect(e.code).toBe('too-many-redirects');
    expect(server.hits('/loop5')).toBe(1);
    expect(server.hits('/loop6')).toBe(0);
    const e2 = await failure(guardedFetch(`${server.url}/loop0`, { ...local, maxRedirects: 2 }));
    expect(e2.message).toContain('more than 2 redirects');
  });

  it('reports a closed port as a network error', async () => {
    const other = await startFixtureServer();
    const url = `${other.url}/gone`;
    await other.close();
    const e = await failure(guardedFetch(url, local));
    expect(e.code).toBe('network');
    expect(e.message).toBe(`${url}: connection refused`);
  });
});

describe('addresses a feed must never reach', () => {
  it('refuses 127.0.0.1 itself unless private addresses are allowed', async () => {
    server.route('/private', { body: 'secret' });
    const e = await failure(guardedFetch(`${server.url}/private`));
    expect(e.code).toBe('blocked-address');
    expect(e.message).toBe(`${server.url}/private: refused: resolves to a loopback address 127.0.0.1`);
    expect(server.hits('/private')).toBe(0);
    const r = await guardedFetch(`${server.url}/private`, { allowPrivate: true });
    expect(r.body.toString()).toBe('secret');
  });

  it('refuses localhost by name (resolved, then checked)', async () => {
    const e = await failure(guardedFetch(`http://localhost:${server.port}/private`));
    expect(e.code).toBe('blocked-address');
  });

  it.each([
    ['http://10.0.0.1/feed', 'private address 10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local address 169.254.169.254'],
    ['http://[::ffff:10.0.0.5]/', 'private address ::ffff:a00:5'], // URL normalizes the literal
  ])('refuses a redirect to %s before connecting', async (target, reason) => {
    server.route('/to-private', { redirectTo: target });
    const e = await failure(guardedFetch(`${server.url}/to-private`, local));
    expect(e.code).toBe('blocked-address');
    expect(e.message).toBe(`${server.url}/to-private: redirect to ${new URL(target).href} refused: resolves to a ${reason}`);
  });

  it('refuses schemes other than http and https, also in redirects', async () => {
    expect((await failure(guardedFetch('file:///etc/passwd'))).code).toBe('bad-url');
    expect((await failure(guardedFetch('not a url'))).code).toBe('bad-url');
    server.route('/to-file', { redirectTo: 'file:///etc/passwd' });
    expect((await failure(guardedFetch(`${server.url}/to-file`, local))).code).toBe('bad-url');
  });

  it('reports an unknown host as a dns error', async () => {
    const e = await failure(guardedFetch('http://no-such-host.invalid/feed'));
    expect(e.code).toBe('dns');
  });

  it('classifies addresses, including IPv4 hidden inside IPv6', () => {
    const cases: [string, string | null][] = [
      ['8.8.8.8', null],
      ['93.184.216.34', null],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.32.0.1', null],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['127.0.0.53', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:8.8.8.8', null],
      ['64:ff9b::10.0.0.1', 'private'],
      ['64:ff9b::a9fe:a9fe', 'link-local'],
      ['2002:c0a8:0101::1', 'private'],
      ['fc00::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['fe80::1%eth0', 'link-local'],
      ['ff02::1', 'multicast'],
      ['2001:4860:4860::8888', null],
    ];
    for (const [ip, kind] of cases) expect(blockedAddressKind(ip), ip).toBe(kind);
  });
});
