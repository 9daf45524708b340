// The station's HTTP + WebSocket face: `POST /api/<method>` (JSON in, JSON out), one
// WebSocket at /events, `GET /healthz`, and the renderer build. Everything but /healthz and the
// static screen needs a token (Bearer header, or the cookie set when a browser opens
// `/?token=T`). Host and Origin are checked so other sites and DNS rebinding cannot reach in.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role, StationEvent } from '../../shared/api';
import type { StationStatus } from '../../shared/types';
import { screenReport } from '../../shared/api/station';
import { ApiError } from '../../shared/errors';
import { dispatch } from '../engine/api';
import { httpLib } from '../engine/node-http';
import { MAX_PUSH_BYTES } from '../engine/sources/push';
import type { Station } from '../engine/station';
import {
  BodyError,
  parseCookies,
  parseTarget,
  readBody,
  RepeatedLog,
  RequestError,
  sameSecret,
  securityHeaders,
  sendError,
  sendJson,
  serveStatic,
} from './http-util';

export interface ServerOptions {
  station: Station;
  host: string;
  port: number;
  /** Admin token: everything. */
  token: string;
  /** Read-only tokens for wall browsers. */
  viewerTokens?: string[];
  /** Places-only tokens for a public crowd-lights page (/public/places). */
  publicTokens?: string[];
  /** Admin tokens for programs on this machine (`fenghuo import` through <data>/serving.json). */
  localTokens?: string[];
  /** The renderer build (out/renderer). */
  webRoot: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
/**
 * A WebSocket client with more than this waiting to be sent is not reading: it is closed with
 * CLOSE_TOO_SLOW and reconnects (its hello resyncs the wall), so 50 stalled walls cannot hold
 * the station's memory. A healthy wall drains each event in milliseconds.
 */
export const MAX_CLIENT_BUFFER = 1024 * 1024;
/** A screen's report of itself (screenReport): at most this large, at most one this often. */
const MAX_REPORT_BYTES = 2048;
const REPORT_MIN_GAP_MS = 1000;
/** "Try again later" (RFC 6455): the client was too slow to keep up. */
export const CLOSE_TOO_SLOW = 1013;
/** How long a closed slow client may take to finish the closing handshake before it is cut. */
const SLOW_CLOSE_GRACE_MS = 2000;

function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
}

function isWildcardBind(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** `name` and `port` of a Host header (`127.0.0.1:4870`, `[::1]:4870`, `localhost`), or null. */
function splitHost(hostHeader: string | undefined): { name: string; port: number | null } | null {
  if (!hostHeader) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostHeader.toLowerCase());
  if (!m) return null;
  return { name: m[1]!, port: m[2] === undefined ? null : Number(m[2]) };
}

/** An IP address literal as it appears in a Host header (IPv6 in brackets). */
function isIpLiteral(name: string): boolean {
  return name.startsWith('[') ? net.isIPv6(name.slice(1, -1)) : net.isIPv4(name);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { station } = opts;
  const log = opts.log ?? (() => {});
  let port = opts.port;
  const cookieName = () => `fenghuo_${port}`;

  /**
   * DNS rebinding: the Host must name this very station — 127.0.0.1, localhost or [::1], or the
   * address it was told to bind (on a wildcard LAN bind, any IP literal: a rebound page always
   * sends its own name) — with this station's port.
   */
  function hostAllowed(hostHeader: string | undefined): boolean {
    const h = splitHost(hostHeader);
    if (!h) return false;
    if (h.port === null ? port !== 80 : h.port !== port) return false;
    if (h.name === '127.0.0.1' || h.name === 'localhost' || h.name === '[::1]') return true;
    const bound = opts.host.toLowerCase();
    if (isWildcardBind(bound)) return isIpLiteral(h.name);
    return h.name === (net.isIPv6(bound) ? `[${bound}]` : bound);
  }

  /** Cross-site requests: a browser's Origin must be this very station. */
  function originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser (curl, scripts): the token decides
    return origin === `http://${req.headers.host}`;
  }

  const tokens = station.tokens;

  function roleOf(req: http.IncomingMessage): Role | null {
    return grantOf(req)?.role ?? null;
  }

  /** The role of the token a request carries, and the id of an app-made token (revocable). */
  function grantOf(req: http.IncomingMessage): { role: Role; tokenId: string | null } | null {
    const auth = req.headers.authorization;
    const presented = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : parseCookies(req.headers.cookie).get(cookieName());
    return presented ? tokenGrant(presented) : null;
  }

  function tokenGrant(token: string): { role: Role; tokenId: string | null } | null {
    if (sameSecret(token, opts.token)) return { role: 'admin', tokenId: null };
    if ((opts.localTokens ?? []).some((t) => sameSecret(token, t))) return { role: 'admin', tokenId: null };
    if ((opts.viewerTokens ?? []).some((t) => sameSecret(token, t))) return { role: 'viewer', tokenId: null };
    if ((opts.publicTokens ?? []).some((t) => sameSecret(token, t))) return { role: 'public', tokenId: null };
    const made = tokens.verify(token);
    return made ? { role: made.role, tokenId: made.id } : null;
  }

  function tokenRole(token: string): Role | null {
    return tokenGrant(token)?.role ?? null;
  }

  /** `method` is the decoded path after /api/ (parseTarget refused bad percent-encoding). */
  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'method-not-allowed', 'api calls are POST with a JSON body');
    }
    const role = roleOf(req);
    if (!role) return sendError(res, 401, 'unauthorized', 'a valid token is required (Authorization: Bearer <token>)');
    let params: unknown = {};
    try {
      const body = await readBody(req, MAX_BODY);
      if (body.length > 0) params = JSON.parse(body.toString('utf8'));
    } catch (e) {
      if (e instanceof BodyError) return sendError(res, e.status, 'body-too-large', e.message);
      return sendError(res, 400, 'bad-json', `the body is not valid JSON: ${(e as Error).message}`);
    }
    try {
      const result = await dispatch(station, method, params, role);
      sendJson(res, 200, result ?? null);
    } catch (e) {
      if (e instanceof ApiError) return sendJson(res, e.status, e.toBody());
      const id = repeated.record(`api ${method}: ${(e as Error).message}`, newId, (id) => `api ${method} ${id} failed: ${(e as Error).stack ?? e}`);
      sendError(res, 500, 'internal', `${method} failed: ${(e as Error).message} (error id ${id})`);
    }
  }

  /** Webhook pushes: the source's own secret decides (electron/engine/core/push.ts). */
  async function handleIngest(req: http.IncomingMessage, res: http.ServerResponse, target: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'method-not-allowed', 'pushes are POST with a JSON or NDJSON body');
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_PUSH_BYTES);
    } catch (e) {
      if (e instanceof BodyError) return sendError(res, e.status, 'body-too-large', e.message);
      return sendError(res, 400, 'bad-body', (e as Error).message);
    }
    // A big push is stored in slices (electron/engine/sources/slices.ts): other requests are
    // answered meanwhile. Failures go to the guard at the top (a 500 with an id, logged once).
    const answer = await station.receivePush({
      target,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
      admin: roleOf(req) === 'admin',
    });
    if (answer.status >= 500) repeated.record(`push to ${target}: ${JSON.stringify(answer.body)}`, newId, (id) => `push ${id} to ${target} refused: ${JSON.stringify(answer.body)}`);
    sendJson(res, answer.status, answer.body);
  }

  /**
   * The one guard at the top: whatever a handler throws (or rejects with) becomes an answer —
   * the refusal a RequestError names, else 500 with an id that is also in the log — and never
   * reaches the process. An answer already under way is cut off instead.
   */
  const repeated = new RepeatedLog(log);
  const newId = () => randomBytes(4).toString('hex');
  function failure(where: string, req: http.IncomingMessage, e: unknown): { status: number; code: string; message: string } {
    if (e instanceof RequestError) return { status: e.status, code: e.code, message: e.message };
    const target = JSON.stringify((req.url ?? '').slice(0, 200));
    const what = (e as Error)?.message ?? String(e);
    const id = repeated.record(`${where}: ${what}`, newId, (id) => `${where} ${id} failed (${String(req.method).slice(0, 20)} ${target}): ${(e as Error)?.stack ?? String(e)}`);
    return { status: 500, code: 'internal', message: `the station could not answer this request (error id ${id})` };
  }

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!hostAllowed(req.headers.host)) return sendError(res, 421, 'bad-host', `Host "${req.headers.host ?? ''}" is not served here`);
    const url = parseTarget(req.url);
    if (url.authority !== null && !hostAllowed(url.authority)) {
      return sendError(res, 421, 'bad-host', `"${url.authority}" is not served here`);
    }
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, { ok: true, name: 'fenghuo', version: station.status().version });
    }
    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(req)) return sendError(res, 403, 'bad-origin', `Origin "${req.headers.origin}" may not call this station`);
      return handleApi(req, res, url.pathname.slice(5));
    }
    if (url.pathname.startsWith('/ingest/')) {
      if (!originAllowed(req)) return sendError(res, 403, 'bad-origin', `Origin "${req.headers.origin}" may not push to this station`);
      // The push router decodes the name itself (a source may be called "100%").
      return handleIngest(req, res, url.rawPath.slice('/ingest/'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`);
    }
    const token = url.searchParams.get('token');
    if (token !== null) {
      // The token leaves the address bar: it becomes an HttpOnly cookie for this port.
      const role = tokenRole(token);
      if (!role) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('That token is not valid for this station. Open the address printed by `fenghuo serve`.');
        return;
      }
      url.searchParams.delete('token');
      const query = url.searchParams.toString();
      // A places-only token has one page to see: any other address leads there.
      const to = role === 'public' && !url.pathname.startsWith('/public/') ? '/public/places' : url.rawPath.replace(/^\/+/, '/');
      res.writeHead(302, {
        'Set-Cookie': `${cookieName()}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        // The path as it came (still encoded) and never `//host`, which a browser reads as another site.
        Location: to + (query ? `?${query}` : ''),
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    serveStatic(opts.webRoot, url.pathname, res);
  }

  const server = httpLib.createServer((req, res) => {
    const fail = (e: unknown) => {
      const f = failure('request', req, e);
      if (res.headersSent || res.destroyed) return void res.destroy();
      sendError(res, f.status, f.code, f.message);
    };
    try {
      handleRequest(req, res).catch(fail);
    } catch (e) {
      fail(e);
    }
  });
  // A client that sends its headers a byte a minute, or a body that never ends, is cut off
  // rather than held open for Node's default five minutes (the answer may take as long as it
  // needs: a big push is not cut while it is stored).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  // Requests Node cannot even parse (a bad method, header or chunk): 400 and close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, why: string) => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = parseTarget(req.url);
    if (url.pathname !== '/events') return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host) || (url.authority !== null && !hostAllowed(url.authority))) return refuse(421, 'Misdirected Request');
    if (!originAllowed(req)) return refuse(403, 'Forbidden');
    const grant = grantOf(req);
    if (!grant) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws, grant.role, grant.tokenId, req));
  }
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // A socket reset mid-handshake must not become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (e) {
      const f = failure('upgrade', req, e);
      if (socket.writable) socket.end(`HTTP/1.1 ${f.status} ${httpLib.STATUS_CODES[f.status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    }
  });

  // Every client gets the same bytes: serialize each event once, not once per wall.
  let lastEvent: StationEvent | null = null;
  let lastJson = '';
  function serialized(e: StationEvent): string {
    if (e !== lastEvent) {
      lastEvent = e;
      lastJson = JSON.stringify(e);
    }
    return lastJson;
  }
  // The same for the public pages' streams, which get their own (smaller) version of an event.
  let lastPublic: StationEvent | null = null;
  let lastPublicJson: string | null = null;
  function serializedForPublic(e: StationEvent): string | null {
    if (e !== lastPublic) {
      lastPublic = e;
      const shown = forPublic(e);
      lastPublicJson = shown && JSON.stringify(shown);
    }
    return lastPublicJson;
  }

  // A revoked token's open streams end now, not at their next reconnect.
  const streamsByToken = new Map<string, Set<WebSocket>>();
  const stopRevokeWatch = tokens.onRevoke((id) => {
    for (const ws of streamsByToken.get(id) ?? []) ws.close(1008, 'token revoked');
  });

  function onClient(ws: WebSocket, role: Role, tokenId: string | null, req: http.IncomingMessage): void {
    // The station room lists it (station.screens) until it closes.
    const screen = station.screens.open({
      role,
      tokenId,
      address: req.socket.remoteAddress,
      agent: req.headers['user-agent'],
      behind: () => ws.bufferedAmount,
    });
    ws.once('close', () => screen.close());
    if (tokenId) {
      if (!streamsByToken.has(tokenId)) streamsByToken.set(tokenId, new Set());
      streamsByToken.get(tokenId)!.add(ws);
      ws.once('close', () => streamsByToken.get(tokenId)?.delete(ws));
    }
    let alive = true;
    let tooSlow = false;
    const send = (e: StationEvent) => {
      if (ws.readyState !== ws.OPEN || tooSlow) return;
      const json = role === 'public' ? serializedForPublic(e) : serialized(e);
      if (json === null) return;
      if (ws.bufferedAmount > MAX_CLIENT_BUFFER) {
        // Not reading: close with a code the wall understands (it reconnects and resyncs on
        // its hello); cut the socket if even the close cannot get through.
        tooSlow = true;
        log(`event stream closed: the client had ${ws.bufferedAmount} bytes unread (limit ${MAX_CLIENT_BUFFER})`);
        ws.close(CLOSE_TOO_SLOW, 'too slow: reconnect and resync');
        setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
        return;
      }
      ws.send(json);
      screen.sent();
    };
    send({ type: 'hello', now: station.clock.now(), status: station.status(), role });
    const unsubscribe = station.events.subscribe(send);
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 20_000);
    ws.on('pong', () => (alive = true));
    // The stream is the station's to send on; a screen may only say what it is showing and
    // whether it is drawing (a report, for the station room), at most one a second. Anything
    // else, larger or more often is dropped unread: clients call the api for everything else.
    let reportedAt = -Infinity;
    ws.on('message', (data, isBinary) => {
      const now = performance.now();
      if (isBinary || now - reportedAt < REPORT_MIN_GAP_MS) return;
      const raw = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (raw.length > MAX_REPORT_BYTES) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        return;
      }
      const report = screenReport.safeParse(parsed);
      if (!report.success) return;
      reportedAt = now;
      const { type: _t, ...rest } = report.data;
      screen.report(rest);
    });
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`,
    port,
    host: opts.host,
    async close() {
      repeated.flush();
      stopRevokeWatch();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * What a public page's stream may carry: places, the clock and the station's name and demo
 * flag. Mentions, topics, lights, alerts, sources and imports never go out; the status keeps
 * no counts, paths or errors, and the ticks no time of the newest mention.
 */
export function forPublic(e: StationEvent): StationEvent | null {
  switch (e.type) {
    case 'gauge':
      return e;
    case 'tick':
      return { ...e, newestMentionAt: null };
    case 'hello':
    case 'station':
      return { ...e, status: publicStatus(e.status) };
    default:
      return null;
  }
}

function publicStatus(s: StationStatus): StationStatus {
  return {
    name: s.name,
    version: s.version,
    demo: s.demo,
    startedAt: s.startedAt,
    now: s.now,
    mentionCount: 0,
    newestMentionAt: null,
    sources: { total: 0, ok: 0, error: 0, paused: 0 },
    dataDir: '',
    storage: { ok: s.storage.ok, error: null, since: s.storage.since },
    recovery: null,
    darkScreens: 0,
  };
}
