// The one HTTP client every source uses. It owns the guards a station polling strangers'
// servers needs: a deadline on the whole exchange, a byte cap counted after decompression
// (so gzip/deflate/brotli bombs stop early), a redirect cap, conditional GET, and refusal of
// addresses a feed URL should never reach (private nets, loopback, cloud metadata, ...).
//
// DNS is resolved here, every address is checked, and the socket is connected to the
// checked addresses only (the lookup is pinned) while Host, SNI and certificate checks still
// use the name — so a DNS answer that changes between check and connect (rebinding) cannot
// slip through. Every redirect hop is checked the same way before it is connected.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { detectChallenge } from '../feed/sniff';

export const USER_AGENT = 'Fenghuo/0.1 (+offline social-listening station; feed reader)';

export interface FetchOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Whole exchange: DNS, every redirect hop, headers and body. Default 20 000. */
  timeoutMs?: number;
  /** Cap on the body after decompression, counted while streaming. Default 10 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /**
   * Default false: refuse private, loopback, link-local, CGNAT, multicast, reserved and
   * unspecified addresses. 'loopback' allows 127/8 and ::1 only (a bridge on this machine,
   * the test fixture server); true allows every address (explicit operator choice).
   */
  allowPrivate?: boolean | 'loopback';
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
}

export interface FetchResult {
  status: number;
  /** Final URL after redirects. */
  url: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
}

export type FetchErrorCode =
  | 'timeout'
  | 'too-large'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'http-status'
  | 'network'
  | 'bad-url'
  | 'dns';

export class FetchError extends Error {
  override name = 'FetchError';
  /** The URL that was asked for (a failing redirect hop is named in the message). */
  url: string;
  status?: number;
  /** From Retry-After on 429/503; null when absent or unreadable. */
  retryAfterMs?: number | null;
  constructor(
    public code: FetchErrorCode,
    url: string,
    reason: string,
    extra: { status?: number; retryAfterMs?: number | null } = {},
  ) {
    super(`${url}: ${reason}`);
    this.url = url;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function guardedFetch(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allow = opts.allowPrivate ?? false;

  let current = parseHttpUrl(url, url);
  let method = opts.method ?? 'GET';
  let body = opts.body;
  let headers = requestHeaders(opts);

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const timedOut = (): FetchError =>
    new FetchError('timeout', url, `timed out after ${formatMs(timeoutMs)}`);

  try {
    for (let hop = 0; ; hop++) {
      const where = hop === 0 ? '' : `redirect to ${current.href} `;
      const addresses = await resolveChecked(current, allow, deadline.signal, url, where);
      if (deadline.signal.aborted) throw timedOut();
      const res = await send(current, method, headers, body, addresses, deadline.signal).catch((e: unknown) => {
        throw deadline.signal.aborted ? timedOut() : networkError(url, where, e);
      });
      const status = res.statusCode ?? 0;
      const resHeaders = flattenHeaders(res.headers);

      if (REDIRECTS.has(status) && resHeaders['location']) {
        res.destroy();
        if (hop >= maxRedirects) {
          throw new FetchError('too-many-redirects', url, `more than ${maxRedirects} redirects (last to ${resHeaders['location']})`);
        }
        const next = parseHttpUrl(resHeaders['location'], url, current);
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        if (next.origin !== current.origin) headers = withoutCredentials(headers);
        current = next;
        continue;
      }

      const etag = resHeaders['etag'] ?? null;
      const lastModified = resHeaders['last-modified'] ?? null;
      if (status === 304) {
        res.destroy();
        return {
          status,
          url: current.href,
          headers: resHeaders,
          body: Buffer.alloc(0),
          notModified: true,
          etag: etag ?? opts.etag ?? null,
          lastModified: lastModified ?? opts.lastModified ?? null,
        };
      }
      if (status < 200 || status > 299) {
        const who = await challengeBehind(res, resHeaders);
        res.destroy();
        const retryAfterMs =
          status === 429 || status === 503 ? parseRetryAfter(resHeaders['retry-after'], Date.now()) : undefined;
        const wait = retryAfterMs != null ? ` (retry after ${formatMs(retryAfterMs)})` : '';
        const text = http.STATUS_CODES[status] ? ` ${http.STATUS_CODES[status]}` : '';
        const challenge = who ? `: a ${who} bot-challenge page (the site blocks automated readers)` : '';
        throw new FetchError('http-status', url, `${where}HTTP ${status}${text}${challenge}${wait}`, { status, retryAfterMs });
      }

      const encodings = contentEncodings(resHeaders['content-encoding']);
      const declared = Number(resHeaders['content-length']);
      if (encodings.length === 0 && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw new FetchError('too-large', url, `response is ${formatBytes(declared)}, over the ${formatBytes(maxBytes)} cap`);
      }
      const bytes = await readBody(res, encodings, maxBytes, url).catch((e: unknown) => {
        if (deadline.signal.aborted) throw timedOut();
        throw e instanceof FetchError ? e : networkError(url, where, e);
      });
      return { status, url: current.href, headers: resHeaders, body: bytes, notModified: false, etag, lastModified };
    }
  } catch (e) {
    if (deadline.signal.aborted && !(e instanceof FetchError && e.code !== 'network')) throw timedOut();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------
// Request

function requestHeaders(opts: FetchOptions): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': opts.userAgent ?? USER_AGENT, accept: '*/*' };
  for (const [k, v] of Object.entries(opts.headers ?? {})) h[k.toLowerCase()] = v;
  // We decode the body ourselves (and count it), so the encodings offered are ours to pick.
  h['accept-encoding'] = 'gzip, deflate, br';
  if (opts.etag) h['if-none-match'] = opts.etag;
  if (opts.lastModified) h['if-modified-since'] = opts.lastModified;
  return h;
}

function withoutCredentials(h: Record<string, string>): Record<string, string> {
  const { authorization: _a, cookie: _c, ...rest } = h;
  return rest;
}

function parseHttpUrl(raw: string, requested: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new FetchError('bad-url', requested, base ? `redirect to an invalid URL "${raw}"` : 'not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    const what = base ? `redirect to ${u.protocol} URL refused` : `only http and https URLs are fetched, not ${u.protocol}`;
    throw new FetchError('bad-url', requested, what);
  }
  return u;
}

type Address = { address: string; family: 4 | 6 };

async function resolveChecked(
  u: URL,
  allow: boolean | 'loopback',
  signal: AbortSignal,
  requested: string,
  where: string,
): Promise<Address[]> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: Address[];
  const literal = net.isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      const found = await abortable(dns.promises.lookup(host, { all: true, verbatim: true }), signal);
      addresses = found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    } catch (e) {
      if (signal.aborted) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new FetchError('dns', requested, `${where}host ${host} not found (${code})`);
    }
    if (addresses.length === 0) throw new FetchError('dns', requested, `${where}host ${host} has no address`);
  }
  if (allow === true) return addresses;
  // Any refused address refuses the host: a name that mixes public and private answers is
  // not one a feed should have.
  for (const a of addresses) {
    const kind = blockedAddressKind(a.address);
    if (kind && !(allow === 'loopback' && kind === 'loopback')) {
      throw new FetchError('blocked-address', requested, `${where}refused: resolves to a ${kind} address ${a.address}`);
    }
  }
  return addresses;
}

function send(
  u: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  addresses: Address[],
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const options: https.RequestOptions = {
      method,
      hostname: host,
      port: u.port || undefined,
      path: u.pathname + u.search,
      headers: h,
      signal,
      agent: false, // one socket per request: no pooled socket from an earlier pin is reused
      // Connect only to the addresses checked above, whatever DNS says now.
      lookup: ((_name: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
        if (o?.all) cb(null, addresses);
        else cb(null, addresses[0]!.address, addresses[0]!.family);
      }) as unknown as net.LookupFunction,
    };
    if (u.protocol === 'https:' && !net.isIP(host)) options.servername = host;
    const req = (u.protocol === 'https:' ? https : http).request(options, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------
// Response body

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function contentEncodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity');
}

function decoderFor(encoding: string, url: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new FetchError('network', url, `unsupported content-encoding "${encoding}"`);
  }
}

/** "deflate" should be zlib-wrapped, but some servers send raw deflate; look at the header. */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on('data', (d: Buffer) => this.push(d));
      this.inner.on('error', (e) => this.destroy(e));
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

/**
 * Anti-bot services answer 403/429/503 with a challenge page; naming the service tells the
 * operator why the source fails. Reads at most 64 KiB of an HTML error body to look.
 */
async function challengeBehind(res: http.IncomingMessage, headers: Record<string, string>): Promise<string | null> {
  const status = res.statusCode ?? 0;
  if (![403, 429, 503].includes(status) || !/html|text\/plain/i.test(headers['content-type'] ?? '')) return null;
  try {
    const head = await readBody(res, contentEncodings(headers['content-encoding']), 64 * 1024, '', true);
    return detectChallenge(head.toString('utf8'));
  } catch {
    return null;
  }
}

/** The body, decoded; over maxBytes it fails (too-large), or with `truncate` ends there. */
function readBody(res: http.IncomingMessage, encodings: string[], maxBytes: number, url: string, truncate = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      res.destroy();
      reject(e);
    };
    const tooLarge = (after: string): FetchError =>
      new FetchError('too-large', url, `response exceeded ${formatBytes(maxBytes)}${after}`);

    const finish = (): void => {
      if (settled) return;
      settled = true;
      res.destroy();
      resolve(Buffer.concat(chunks));
    };
    res.on('data', (c: Buffer) => {
      raw += c.length;
      if (raw <= maxBytes) return;
      if (truncate) finish();
      else fail(tooLarge(''));
    });
    let decoders: Transform[];
    try {
      decoders = encodings.reverse().map((e) => decoderFor(e, url));
    } catch (e) {
      fail(e);
      return;
    }
    const last: Readable = decoders.length ? decoders[decoders.length - 1]! : res;
    last.on('data', (c: Buffer) => {
      if (settled) return;
      decoded += c.length;
      if (decoded <= maxBytes) chunks.push(c);
      else if (truncate) {
        chunks.push(c.subarray(0, c.length - (decoded - maxBytes)));
        finish();
      } else fail(tooLarge(decoders.length ? ' after decompression' : ''));
    });
    const done = (err: Error | null | undefined): void => {
      if (err) {
        const corrupt = (err as NodeJS.ErrnoException).code?.startsWith('Z_') || err.message.includes('Decompression');
        fail(corrupt ? new FetchError('network', url, `corrupt ${encodings.join('/')} body (${err.message})`) : err);
        return;
      }
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    if (decoders.length) pipeline([res, ...decoders] as unknown as [Readable, ...Transform[]], done);
    else {
      res.on('end', () => done(null));
      res.on('error', (e) => done(e));
      res.on('close', () => {
        if (!res.complete) done(new Error('connection closed mid-body'));
      });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Errors and small helpers

function networkError(requested: string, where: string, e: unknown): FetchError {
  if (e instanceof FetchError) return e;
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EPIPE: 'connection closed',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  };
  const reason = (err.code && reasons[err.code]) ?? err.message ?? String(e);
  return new FetchError('network', requested, `${where}${reason}`);
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Retry-After is either delta-seconds or an HTTP date; null when neither. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

// ---------------------------------------------------------------------------------------
// Address classification

/**
 * Why an address must not be fetched ("private", "loopback", "link-local", ...), or null
 * when it is an ordinary public address. IPv4 embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4) is judged by the IPv4 inside.
 */
export function blockedAddressKind(address: string): string | null {
  const v = net.isIP(address);
  if (v === 4) return ipv4Kind(address.split('.').map(Number));
  if (v === 6) return ipv6Kind(parseIPv6(address));
  return 'invalid';
}

function ipv4Kind(b: number[]): string | null {
  const [a = 0, c = 0, d = 0] = b;
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 172 && c >= 16 && c <= 31) return 'private';
  if (a === 192 && c === 168) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'carrier-grade NAT';
  if (a === 192 && c === 0 && (d === 0 || d === 2)) return 'reserved'; // IETF protocol, TEST-NET-1
  if (a === 198 && (c === 18 || c === 19)) return 'reserved'; // benchmarking
  if ((a === 198 && c === 51 && d === 100) || (a === 203 && c === 0 && d === 113)) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // includes 255.255.255.255 broadcast
  return null;
}

function ipv6Kind(w: number[]): string | null {
  const zeroUpTo = (n: number): boolean => w.slice(0, n).every((x) => x === 0);
  const v4 = (i: number): number[] => [w[i]! >> 8, w[i]! & 0xff, w[i + 1]! >> 8, w[i + 1]! & 0xff];
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && w[7] === 1) return 'loopback';
  if (zeroUpTo(5) && w[5] === 0xffff) return ipv4Kind(v4(6)) ?? null; // ::ffff:a.b.c.d mapped
  if (zeroUpTo(6)) return ipv4Kind(v4(6)) ?? 'reserved'; // ::a.b.c.d compatible (deprecated)
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0) {
    return ipv4Kind(v4(6)); // NAT64 well-known prefix
  }
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return 'private'; // local-use NAT64
  if (w[0] === 0x2002) return ipv4Kind(v4(1)); // 6to4
  if (w[0] === 0x2001 && w[1] === 0) return 'reserved'; // Teredo: tunnel endpoint hidden
  if (w[0] === 0x2001 && w[1] === 0xdb8) return 'reserved'; // documentation
  if (w[0] === 0x100 && w[1] === 0 && w[2] === 0 && w[3] === 0) return 'reserved'; // discard
  const top = w[0]!;
  if ((top & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((top & 0xffc0) === 0xfe80) return 'link-local';
  if ((top & 0xffc0) === 0xfec0) return 'private'; // old site-local
  if ((top & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Eight 16-bit words of a valid IPv6 address (zone index ignored). */
function parseIPv6(address: string): number[] {
  let s = address.split('%')[0]!.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = dotted[1]!.split('.').map(Number);
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
    s = s.slice(0, -dotted[1]!.length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const [head = '', rest] = s.split('::');
  const parse = (part: string): number[] => (part ? part.split(':').map((x) => parseInt(x, 16)) : []);
  const left = parse(head);
  const right = [...parse(rest ?? ''), ...tail];
  if (rest === undefined) return [...left, ...tail];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
