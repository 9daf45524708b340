// The station's HTTP + WebSocket face: `POST /api/<method>` (JSON in, JSON out), one
// WebSocket at /events, `GET /healthz`, and the renderer build. Everything but /healthz and the
// static screen needs a token (Bearer header, or the cookie set when a browser opens
// `/?token=T`). Host and Origin are checked so other sites and DNS rebinding cannot reach in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role, StationEvent } from '../../shared/api';
import { ApiError } from '../engine/api';
import { MAX_PUSH_BYTES, receivePush } from '../engine/sources/kinds/webhook';
import type { Station } from '../engine/station';
import {
  BodyError,
  parseCookies,
  readBody,
  sameSecret,
  securityHeaders,
  sendError,
  sendJson,
  serveStatic,
} from './http-util';
import { tokensOf } from './tokens';

export interface ServerOptions {
  station: Station;
  host: string;
  port: number;
  /** Admin token: everything. */
  token: string;
  /** Read-only tokens for wall browsers. */
  viewerTokens?: string[];
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
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopbackBind(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return m ? m[1]! : null;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { station } = opts;
  const log = opts.log ?? (() => {});
  let port = opts.port;
  const cookieName = () => `fenghuo_${port}`;

  /** DNS rebinding: on loopback only loopback names; on a LAN bind, IP literals and the bound name. */
  function hostAllowed(req: http.IncomingMessage): boolean {
    const h = hostnameOf(req.headers.host);
    if (!h) return false;
    if (LOOPBACK_NAMES.has(h) || h.startsWith('127.')) return true;
    if (isLoopbackBind(opts.host)) return false;
    return h === opts.host.toLowerCase() || /^[\d.]+$/.test(h) || h.startsWith('[');
  }

  /** Cross-site requests: a browser's Origin must be this very station. */
  function originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser (curl, scripts): the token decides
    return origin === `http://${req.headers.host}`;
  }

  const tokens = tokensOf(station);

  function roleOf(req: http.IncomingMessage): Role | null {
    return grantOf(req)?.role ?? null;
  }

  /** The role of the token a request carries, and the id of an app-made token (revocable). */
  function grantOf(req: http.IncomingMessage): { role: Role; tokenId: string | null } | null {
    const auth = req.headers.authorization;
    const presented = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : parseCookies(req.headers.cookie)[cookieName()];
    return presented ? tokenGrant(presented) : null;
  }

  function tokenGrant(token: string): { role: Role; tokenId: string | null } | null {
    if (sameSecret(token, opts.token)) return { role: 'admin', tokenId: null };
    if ((opts.viewerTokens ?? []).some((t) => sameSecret(token, t))) return { role: 'viewer', tokenId: null };
    const made = tokens.verify(token);
    return made ? { role: made.role, tokenId: made.id } : null;
  }

  function tokenRole(token: string): Role | null {
    return tokenGrant(token)?.role ?? null;
  }

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
      const result = await station.call(method, params, role);
      sendJson(res, 200, result ?? null);
    } catch (e) {
      if (e instanceof ApiError) return sendError(res, e.status, e.code, e.message, e.issues);
      log(`api ${method} failed: ${(e as Error).stack ?? e}`);
      sendError(res, 500, 'internal', `${method} failed: ${(e as Error).message}`);
    }
  }

  /** Webhook pushes: the source's own secret decides (electron/engine/sources/kinds/webhook.ts). */
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
    try {
      const answer = receivePush(station, {
        target,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
        admin: roleOf(req) === 'admin',
      });
      sendJson(res, answer.status, answer.body);
    } catch (e) {
      log(`push to ${target} failed: ${(e as Error).stack ?? e}`);
      sendError(res, 500, 'internal', `the push failed: ${(e as Error).message}`);
    }
  }

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    if (!hostAllowed(req)) return sendError(res, 421, 'bad-host', `Host "${req.headers.host ?? ''}" is not served here`);
    const url = new URL(req.url ?? '/', 'http://station.invalid');
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, { ok: true, name: 'fenghuo', version: station.status().version });
    }
    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(req)) return sendError(res, 403, 'bad-origin', `Origin "${req.headers.origin}" may not call this station`);
      void handleApi(req, res, decodeURIComponent(url.pathname.slice(5)));
      return;
    }
    if (url.pathname.startsWith('/ingest/')) {
      if (!originAllowed(req)) return sendError(res, 403, 'bad-origin', `Origin "${req.headers.origin}" may not push to this station`);
      void handleIngest(req, res, url.pathname.slice('/ingest/'.length));
      return;
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
      res.writeHead(302, {
        'Set-Cookie': `${cookieName()}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + (url.search || ''),
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    serveStatic(opts.webRoot, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://station.invalid');
    const refuse = (status: number, why: string) => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/events') return refuse(404, 'Not Found');
    if (!hostAllowed(req)) return refuse(421, 'Misdirected Request');
    if (!originAllowed(req)) return refuse(403, 'Forbidden');
    const grant = grantOf(req);
    if (!grant) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws, grant.role, grant.tokenId));
  });

  // A revoked token's open streams end now, not at their next reconnect.
  const streamsByToken = new Map<string, Set<WebSocket>>();
  const stopRevokeWatch = tokens.onRevoke((id) => {
    for (const ws of streamsByToken.get(id) ?? []) ws.close(1008, 'token revoked');
  });

  function onClient(ws: WebSocket, role: Role, tokenId: string | null): void {
    if (tokenId) {
      if (!streamsByToken.has(tokenId)) streamsByToken.set(tokenId, new Set());
      streamsByToken.get(tokenId)!.add(ws);
      ws.once('close', () => streamsByToken.get(tokenId)?.delete(ws));
    }
    let alive = true;
    const send = (e: StationEvent) => {
      if (ws.readyState !== ws.OPEN) return;
      // A client that cannot keep up loses samples, never the station's memory.
      if (ws.bufferedAmount > 8 * 1024 * 1024) {
        if (e.type === 'mentions') return;
        if (ws.bufferedAmount > 32 * 1024 * 1024) return ws.terminate();
      }
      ws.send(JSON.stringify(e));
    };
    send({ type: 'hello', now: station.clock.now(), status: station.status(), role });
    const unsubscribe = station.events.subscribe(send);
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 20_000);
    ws.on('pong', () => (alive = true));
    ws.on('message', () => {
      // The stream is one-way; clients call the api for everything else.
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
      stopRevokeWatch();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
