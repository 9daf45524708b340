// Calling the api from a test, typed from the contract: in-process against a Station (params
// checked and roles enforced exactly as over HTTP), or over HTTP against a running server.
import type { MethodName, Params, Result, Role } from '../../shared/api';
import { httpClient, type Client } from '../../shared/client';
import { localClient } from '../../electron/engine/api';
import type { Station } from '../../electron/engine/station';

/** One api call as `role` (admin unless told), in-process. */
export function callApi<M extends MethodName>(station: Station, method: M, params: Params<M>, role: Role = 'admin'): Promise<Result<M>> {
  return localClient(station, role).call(method, params);
}

/** A client over HTTP with a bearer token (a running `serveStation`). */
export function clientFor(server: { url: string }, token: string): Client {
  return httpClient({ fetch, baseUrl: server.url, token });
}

/**
 * Starts a call, and on the event loop's next turn a wall's call (`lights.list`); returns the
 * first call's answer and whether the wall was answered before it — true when the call lets
 * the station's other work through while it runs, false when it holds the thread to the end.
 */
export async function wallServedDuring<T>(station: Station, call: Promise<T>): Promise<{ result: T; wallFirst: boolean }> {
  let done = false;
  let wallFirst = false;
  const wall = new Promise<void>((resolve) =>
    setImmediate(() => void callApi(station, 'lights.list', {}, 'viewer').then(() => ((wallFirst = !done), resolve()))),
  );
  const result = await call.then((r) => ((done = true), r));
  await wall;
  return { result, wallFirst };
}
