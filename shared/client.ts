// The one api client, typed from the contract: `client.call('topics.list', {})` takes that
// method's params and resolves to its result, or rejects with the api's ApiError (code,
// params, English message). How a call travels is injected: over HTTP with any fetch (the
// renderer, tests against a running server), or in-process (the engine's own callers).
import type { MethodName, Params, Result } from './api';
import { ApiError, isErrorCode, type ApiErrorBody, type ErrorCode, type ErrorParams } from './errors';

/** Carries one call; rejects with an ApiError. */
export type Transport = (method: MethodName, params: unknown) => Promise<unknown>;

export interface Client {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
}

export function createClient(transport: Transport): Client {
  return {
    call: <M extends MethodName>(method: M, params: Params<M>) => transport(method, params ?? {}) as Promise<Result<M>>,
  };
}

export interface HttpOptions {
  /** The fetch to use (the page's own, Node's, a test double). */
  fetch: typeof globalThis.fetch;
  /** Where the station answers, e.g. "http://127.0.0.1:4870"; "" for the page's own origin. */
  baseUrl?: string;
  /** A bearer token; a browser opened with ?token= sends its cookie instead. */
  token?: string;
  headers?: Record<string, string>;
}

/** The ApiError an HTTP answer carries (a body without one becomes `internal`). */
export function errorFromBody(status: number, body: unknown): ApiError {
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  const code: ErrorCode = isErrorCode(e?.code) ? e.code : 'internal';
  const message = e?.message ?? `HTTP ${status}`;
  const params = (e?.params ?? (code === 'internal' ? { detail: message } : {})) as ErrorParams[ErrorCode];
  // Older servers sent field problems beside the params.
  const withIssues = e?.issues && !(params as { issues?: unknown }).issues ? { ...params, issues: e.issues } : params;
  return new ApiError(code, withIssues as ErrorParams[ErrorCode], message, status);
}

/** `POST <baseUrl>/api/<method>` with a JSON body. */
export function httpTransport(opts: HttpOptions): Transport {
  return async (method, params) => {
    let res: Response;
    try {
      res = await opts.fetch(`${opts.baseUrl ?? ''}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify(params ?? {}),
        credentials: 'same-origin',
      });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new ApiError('network', { detail }, detail);
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw errorFromBody(res.status, body);
    return body;
  };
}

/** A client over HTTP. */
export function httpClient(opts: HttpOptions): Client {
  return createClient(httpTransport(opts));
}
