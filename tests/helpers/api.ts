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
