// What the guarded HTTP client fails with, in words an operator can act on, and the small
// formatting those words need.

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

export function networkError(requested: string, where: string, e: unknown): FetchError {
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

export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
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

export function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
