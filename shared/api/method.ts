// How the contract declares a method: its params schema, the role it needs, a doc line and
// (as a phantom) its result type; and the small schemas every domain uses.
import { z } from 'zod';

/**
 * public: a page the public sees (the crowd lights at /public/places) — places only, never a
 * mention, topic, alert or the station's paths; viewer: read-only wall browsers; admin: the
 * desktop app and analysts. Each role may call what the ones before it may.
 */
export const ROLES = ['public', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** May a token of `role` call a method that needs `needed`? */
export const mayCall = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

export interface MethodDef<P extends z.ZodType = z.ZodType, R = unknown> {
  params: P;
  role: Role;
  doc: string;
  /** Phantom: carries the result type; never set at runtime. */
  readonly result?: R;
}

export function method<R>() {
  return <P extends z.ZodType>(def: { params: P; role: Role; doc: string }): MethodDef<P, R> => def;
}

export const id = z.number().int().positive();
export const time = z.number().int().nonnegative().describe('epoch milliseconds, UTC');
export const none = z.object({}).strict();
