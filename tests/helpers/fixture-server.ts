// A real HTTP server on 127.0.0.1 that serves feeds and misbehaves on demand: slow, hung,
// huge, compressed bombs, redirect chains, error statuses, conditional GET. Every engine
// test that touches the network talks to one of these, never to the internet.
//
//   const server = await startFixtureServer();
//   server.route('/feed.xml', { body: rssFeed([{ guid: '1', title: 'Hello', text: 'World' }]) });
//   ... poll `${server.url}/feed.xml` (guardedFetch needs allowPrivate: 'loopback' or true) ...
//   server.route('/feed.xml', { body: rssFeed([...more]) });   // the feed "publishes"
//   await server.close();
//
// Routes match the request path exactly (query included), else the path without its query.
// Unknown paths answer 404. A route can be replaced at any time; the next request sees it.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export type FixtureRoute = {
  /** Default 200 (302 with redirectTo). */
  status?: number;
  headers?: Record<string, string>;
  /** A function is called on every request, so a route can count or vary. */
  body?: string | Buffer | (() => string | Buffer);
  /** Compress the body and send Content-Encoding: gzip / br. */
  gzip?: boolean;
  brotli?: boolean;
  /** With etag / lastModified set, matching If-None-Match / If-Modified-Since get a 304. */
  etag?: string;
  lastModified?: string;
  /** Wait before sending the status line. */
  delayMs?: number;
  /** Send the body slowly, in ten slices a second. */
  dripBytesPerSec?: number;
  /** Answer with a redirect (status default 302) to this Location, relative or absolute. */
  redirectTo?: string;
  /** Accept the request and never answer (until the server closes). */
  hangForever?: boolean;
};

export interface FixtureServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  route(path: string, handler: FixtureRoute): void;
  /** Requests received on this path (any outcome, 404 included). */
  hits(path: string): number;
  /** Headers of the latest request on this path, lower-cased names. */
  lastHeaders(path: string): http.IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureRoute>();
  const hitCounts = new Map<string, number>();
  const headersSeen = new Map<string, http.IncomingHttpHeaders>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = http.createServer((req, res) => {
    const full = req.url ?? '/';
    const bare = full.split('?')[0]!;
    const key = routes.has(full) ? full : bare;
    hitCounts.set(key, (hitCounts.get(key) ?? 0) + 1);
    headersSeen.set(key, req.headers);
    const r = routes.get(key);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (r.hangForever) return;
    later(r.delayMs ?? 0, () => respond(req, res, r));
  });

  function respond(req: http.IncomingMessage, res: http.ServerResponse, r: FixtureRoute): void {
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...r.headers };
    if (r.etag) headers['etag'] = r.etag;
    if (r.lastModified) headers['last-modified'] = r.lastModified;

    if (r.redirectTo !== undefined) {
      res.writeHead(r.status ?? 302, { ...headers, location: r.redirectTo }).end();
      return;
    }
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if ((r.etag && inm === r.etag) || (r.lastModified && !r.etag && ims === r.lastModified)) {
      res.writeHead(304, headers).end();
      return;
    }

    const raw = typeof r.body === 'function' ? r.body() : (r.body ?? '');
    let body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (r.gzip) {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    } else if (r.brotli) {
      body = zlib.brotliCompressSync(body);
      headers['content-encoding'] = 'br';
    }
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/xml; charset=utf-8';
    }

    if (!r.dripBytesPerSec) {
      res.writeHead(r.status ?? 200, { ...headers, 'content-length': String(body.length) }).end(body);
      return;
    }
    res.writeHead(r.status ?? 200, headers);
    const slice = Math.max(1, Math.floor(r.dripBytesPerSec / 10));
    let offset = 0;
    const drip = (): void => {
      if (res.destroyed) return;
      if (offset >= body.length) {
        res.end();
        return;
      }
      res.write(body.subarray(offset, offset + slice));
      offset += slice;
      later(100, drip);
    };
    drip();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    route(path, handler) {
      routes.set(path, handler);
    },
    hits: (path) => hitCounts.get(path) ?? 0,
    lastHeaders: (path) => headersSeen.get(path),
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Feed builders for tests: small, valid, predictable documents.

export interface FixtureItem {
  guid: string;
  title: string;
  text: string;
  date?: Date;
  author?: string;
  link?: string;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS 2.0 document; `text` goes into <description> (escaped, so it may hold HTML). */
export function rssFeed(items: FixtureItem[], opts: { title?: string } = {}): string {
  const entries = items.map((it) =>
    [
      '    <item>',
      `      <guid isPermaLink="false">${escapeXml(it.guid)}</guid>`,
      `      <title>${escapeXml(it.title)}</title>`,
      it.link ? `      <link>${escapeXml(it.link)}</link>` : '',
      `      <description>${escapeXml(it.text)}</description>`,
      it.author ? `      <dc:creator>${escapeXml(it.author)}</dc:creator>` : '',
      it.date ? `      <pubDate>${it.date.toUTCString()}</pubDate>` : '',
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${escapeXml(opts.title ?? 'Fixture feed')}</title>`,
    '    <link>http://127.0.0.1/</link>',
    '    <description>Served by the test fixture server</description>',
    ...entries,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** An Atom 1.0 document; `text` goes into <content type="html">. */
export function atomFeed(items: FixtureItem[], opts: { title?: string } = {}): string {
  const updated = new Date(
    Math.max(0, ...items.map((it) => it.date?.getTime() ?? 0)),
  ).toISOString();
  const entries = items.map((it) =>
    [
      '  <entry>',
      `    <id>${escapeXml(it.guid)}</id>`,
      `    <title>${escapeXml(it.title)}</title>`,
      it.link ? `    <link rel="alternate" href="${escapeXml(it.link)}"/>` : '',
      `    <updated>${(it.date ?? new Date(0)).toISOString()}</updated>`,
      it.date ? `    <published>${it.date.toISOString()}</published>` : '',
      it.author ? `    <author><name>${escapeXml(it.author)}</name></author>` : '',
      `    <content type="html">${escapeXml(it.text)}</content>`,
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(opts.title ?? 'Fixture feed')}</title>`,
    '  <id>urn:fenghuo:fixture</id>',
    `  <updated>${updated}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
