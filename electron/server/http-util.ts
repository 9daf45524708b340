// Small HTTP helpers for the station server: security headers, JSON answers, bodies with a
// size cap, cookies, constant-time token comparison, static files.
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

export function sendError(res: http.ServerResponse, status: number, code: string, message: string, issues?: unknown): void {
  sendJson(res, status, { error: { code, message, ...(issues ? { issues } : {}) } });
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyError(413, `request body is ${declared} bytes; the limit is ${maxBytes}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new BodyError(413, `request body exceeds the limit of ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Cookies by name. A value that is not valid percent-encoding is kept as sent: another page on
 * localhost may set any cookie (`prefs=100%`) and the browser sends it to every port.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    out.set(name, decodeOrNull(raw) ?? raw);
  }
  return out;
}

/** decodeURIComponent that answers null instead of throwing on bad percent-encoding. */
export function decodeOrNull(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Where a request target goes: its decoded path and its query. */
export interface Target {
  pathname: string;
  /** The path as sent (still percent-encoded). */
  rawPath: string;
  searchParams: URLSearchParams;
  /** host[:port] of an absolute-form target (`GET http://host/ HTTP/1.1`), checked like Host. */
  authority: string | null;
}

const MAX_SEGMENT_BYTES = 255;
const MAX_PATH_BYTES = 2048;

/**
 * Parse a request target without trusting it: origin-form (`/a/b?c`) or absolute-form
 * (`http://host/a`). Anything else, a path that is not valid percent-encoding, a NUL or other
 * control character, a segment longer than a file name may be or an overlong path is a
 * `RequestError` (400), so no handler ever sees such a path.
 */
export function parseTarget(raw: string | undefined): Target {
  const target = raw ?? '/';
  let url: URL;
  let authority: string | null = null;
  try {
    if (target.startsWith('/')) {
      url = new URL(`http://station.invalid${target}`);
    } else if (/^https?:\/\//i.test(target)) {
      url = new URL(target);
      authority = url.host;
    } else {
      throw new RequestError(400, 'bad-target', 'the request target must be a path');
    }
  } catch (e) {
    if (e instanceof RequestError) throw e;
    throw new RequestError(400, 'bad-target', 'the request target is not a valid URL');
  }
  const rawPath = url.pathname;
  if (rawPath.length > MAX_PATH_BYTES) throw new RequestError(414, 'path-too-long', `the path is longer than ${MAX_PATH_BYTES} bytes`);
  const pathname = decodeOrNull(rawPath);
  if (pathname === null) throw new RequestError(400, 'bad-path', 'the path is not valid percent-encoding');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(pathname)) throw new RequestError(400, 'bad-path', 'the path holds a control character');
  for (const segment of pathname.split('/')) {
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
      throw new RequestError(414, 'path-too-long', `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
    }
  }
  return { pathname, rawPath, searchParams: url.searchParams, authority };
}

/** A request the station refuses to handle: answered with its status, code and message. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/**
 * Serve a file under `root`; app routes without an extension get index.html. `pathname` is
 * already decoded and checked by parseTarget. A file that vanishes or cannot be read between
 * the stat and the read ends that answer, never the station.
 */
export function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + path.posix.normalize('/' + pathname));
  if (!file.startsWith(base + path.sep) && file !== base) {
    sendError(res, 404, 'not-found', 'no such file');
    return;
  }
  let target = file;
  let stat = statOrNull(target);
  if (!stat || !stat.isFile()) {
    if (path.extname(pathname)) {
      sendError(res, 404, 'not-found', `no such file: ${pathname}`);
      return;
    }
    target = path.join(base, 'index.html');
    stat = statOrNull(target);
    if (!stat || !stat.isFile()) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The screen is not built yet: run `npm run build:web` (serve does it for you when it can).');
      return;
    }
  }
  const ext = path.extname(target);
  const size = stat.size;
  const stream = fs.createReadStream(target);
  stream.once('error', () => {
    if (res.headersSent) res.destroy();
    else sendError(res, 404, 'not-found', 'the file could not be read');
  });
  stream.once('open', () => {
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    stream.pipe(res);
  });
  res.once('close', () => stream.destroy());
}

/** stat that answers null for anything unreadable (missing, too long, not allowed, a loop). */
function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/**
 * A log that writes an error once, however often it repeats: the same key again within the
 * window only counts, and the count is written when another error comes or the window ends
 * ("… 2,968 more times"). A full disk must not fill the log with stacks. Each distinct error
 * keeps one id, so an answer's error id is always findable in the log.
 */
export class RepeatedLog {
  private current: { key: string; id: string; count: number; since: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly windowMs = 60_000,
  ) {}

  /** Log `line(id)` unless this key was just logged; returns the id of the key's first line. */
  record(key: string, newId: () => string, line: (id: string) => string): string {
    const now = Date.now();
    if (this.current && this.current.key === key && now - this.current.since < this.windowMs) {
      this.current.count++;
      return this.current.id;
    }
    this.flush();
    const id = newId();
    this.current = { key, id, count: 0, since: now };
    this.log(line(id));
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref();
    return id;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.current;
    this.current = null;
    if (c && c.count > 0) this.log(`error ${c.id} happened ${c.count.toLocaleString('en')} more times: ${c.key}`);
  }
}
