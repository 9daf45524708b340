// lights.*: the current lights. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import type { LightState } from '../types';
import { method, none } from './method';

export const lightsApi = {
  'lights.list': method<LightState[]>()({
    params: none,
    role: 'viewer',
    doc: 'Current light of every enabled rule.',
  }),
} as const;
