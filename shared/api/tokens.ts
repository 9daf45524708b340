// tokens.*: access tokens for this station. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { AccessToken } from '../types';
import { id, method, none, ROLES } from './method';

export const tokensApi = {
  'tokens.list': method<AccessToken[]>()({
    params: none,
    role: 'admin',
    doc: 'Access tokens handed out for this station (never their secrets), revoked ones included.',
  }),
  'tokens.create': method<{ token: AccessToken; secret: string }>()({
    params: z
      .object({ name: z.string().trim().min(1, 'must not be empty').max(120), role: z.enum(ROLES).default('viewer') })
      .strict(),
    role: 'admin',
    doc: 'Create a token: public (places only, for a public crowd-lights page: open /public/places?token=<secret>), viewer (read-only, for wall browsers: open /wall/<board>?token=<secret>) or admin. The secret is shown this once; only its hash is kept.',
  }),
  'tokens.revoke': method<AccessToken>()({
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    role: 'admin',
    doc: 'Revoke a token: it stops working at once and its open event streams are closed.',
  }),
} as const;
