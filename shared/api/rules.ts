// rules.*: light rules. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { lightRuleInput } from '../schemas';
import type { LightRule } from '../types';
import { method, none } from './method';

export const rulesApi = {
  'rules.list': method<LightRule[]>()({ params: none, role: 'viewer', doc: 'All light rules.' }),
  'rules.save': method<LightRule>()({
    params: z.object({ rule: lightRuleInput }).strict(),
    role: 'admin',
    doc: 'Create (no id) or update a light rule.',
  }),
} as const;
