// The renderer's only way to the engine: typed calls over same-origin HTTP (cookie auth,
// set by the server when the page was opened with ?token=) and one WebSocket of
// StationEvents that reconnects with backoff and notices a silent connection.
import type { StationEvent } from '../../../shared/api';
import { createClient, errorFromBody, type Transport } from '../../../shared/client';
import { ApiError, isErrorCode, type ApiErrorBody } from '../../../shared/errors';

export { ApiError };

/**
 * Same-origin POST /api/<method>. Rejects with the api's ApiError (a stable code and its
 * params; say it with lib/errors.ts), or with a plain Error carrying the English message
 * when the station answered a code this renderer does not know (a newer station).
 */
const sameOrigin: Transport = async (method, params) => {
  let res: Response;
  try {
    res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params ?? {}),
      credentials: 'same-origin',
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ApiError('network', { detail }, detail, 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body;
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  if (e && !isErrorCode(e.code)) throw Object.assign(new Error(e.message ?? `HTTP ${res.status}`), { code: e.code, status: res.status });
  throw errorFromBody(res.status, body);
};

/** The typed client of the contract (shared/client.ts) over this page's own origin. */
export const { call } = createClient(sameOrigin);

export type LinkState = 'connecting' | 'open' | 'closed';

export interface EventLinkOptions {
  onEvent(event: StationEvent): void;
  onState(state: LinkState): void;
  /** Injected for tests; defaults to the page's own origin. */
  url?: string;
  /** No message for this long means the connection is dead (the server ticks every 5 s). */
  deadAfterMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** What the screen says of itself a few seconds after connecting (not while it first loads) and every `reportEveryMs` after (the station room lists it). */
  report?: () => Promise<unknown>;
  reportEveryMs?: number;
  firstReportMs?: number;
}

/** Next reconnect delay: doubling from min to the cap, with ±25 % jitter so many walls don't stampede. */
export function backoffDelay(attempt: number, minMs = 1000, maxMs = 30_000, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  const jittered = base * (0.75 + random() * 0.5);
  return Math.round(Math.min(maxMs, Math.max(minMs * 0.5, jittered)));
}

function eventsUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/events`;
}

/** One live connection to /events; returns a function that closes it for good. */
export function connectEvents(opts: EventLinkOptions): () => void {
  const deadAfter = opts.deadAfterMs ?? 15_000;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let reports: ReturnType<typeof setInterval> | undefined;
  let firstReport: ReturnType<typeof setTimeout> | undefined;
  const stopReports = () => {
    clearTimeout(firstReport);
    clearInterval(reports);
  };

  /** Reports on this socket while it is the open one; a failed report is skipped, not retried. */
  const startReports = (s: WebSocket) => {
    stopReports();
    if (!opts.report) return;
    const send = () => {
      void opts.report!().then(
        (r) => {
          if (socket === s && s.readyState === WebSocket.OPEN) s.send(JSON.stringify(r));
        },
        () => {},
      );
    };
    firstReport = setTimeout(() => {
      send();
      reports = setInterval(send, opts.reportEveryMs ?? 30_000);
    }, opts.firstReportMs ?? 5_000);
  };

  const armWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      // Silent for too long: treat as dead even if the socket believes it is open.
      socket?.close();
      drop();
    }, deadAfter);
  };

  const drop = () => {
    if (!socket) return;
    const s = socket;
    socket = null;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close();
    } catch {
      /* already closing */
    }
    clearTimeout(watchdog);
    stopReports();
    opts.onState('closed');
    schedule();
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, backoffDelay(attempt++, opts.minBackoffMs, opts.maxBackoffMs));
  };

  const open = () => {
    if (stopped) return;
    opts.onState('connecting');
    let s: WebSocket;
    try {
      s = new WebSocket(opts.url ?? eventsUrl());
    } catch {
      opts.onState('closed');
      schedule();
      return;
    }
    socket = s;
    armWatchdog();
    s.onmessage = (msg) => {
      armWatchdog();
      let event: StationEvent;
      try {
        event = JSON.parse(String(msg.data)) as StationEvent;
      } catch {
        return;
      }
      if (event.type === 'hello') {
        attempt = 0;
        opts.onState('open');
        startReports(s);
      }
      opts.onEvent(event);
    };
    s.onclose = drop;
    s.onerror = drop;
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(watchdog);
    stopReports();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close();
      socket = null;
    }
  };
}
