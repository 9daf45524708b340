// How a domain declares its handlers: one per api method, typed from the shared contract.
import type { MethodName, ParsedParams, Result, Role } from '../../../shared/api';
import type { Station } from '../station';

export interface Ctx {
  station: Station;
  role: Role;
}

export type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: Ctx) => Result<M> | Promise<Result<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export function handlers<K extends MethodName>(h: { [M in K]: Handler<M> }): { [M in K]: Handler<M> } {
  return h;
}

/** An error the caller can act on; `status` is the HTTP status the server answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} does not exist`);
