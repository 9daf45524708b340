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
import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { httpLib, httpsLib } from '../../node-http';
import { blockedAddressKind } from './addresses';
import { challengeBehind, contentEncodings, flattenHeaders, readBody } from './body';
import { abortable, FetchError, formatBytes, formatMs, networkError, parseRetryAfter } from './errors';

export { blockedAddressKind } from './addresses';
export { FetchError, parseRetryAfter, type FetchErrorCode } from './errors';

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
        const text = httpLib.STATUS_CODES[status] ? ` ${httpLib.STATUS_CODES[status]}` : '';
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
    const req = (u.protocol === 'https:' ? httpsLib : httpLib).request(options, resolve);
    req.on('error', reject);
    req.end(body);
  });
}
