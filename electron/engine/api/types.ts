// How a domain declares its handlers: one per api method, typed from the shared contract.
import type { MethodName, ParsedParams, Result, Role } from '../../../shared/api';
import type { Station } from '../station';

export { ApiError, notFound } from '../../../shared/errors';

export interface Ctx {
  station: Station;
  role: Role;
}

export type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: Ctx) => Result<M> | Promise<Result<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export function handlers<K extends MethodName>(h: { [M in K]: Handler<M> }): { [M in K]: Handler<M> } {
  return h;
}
