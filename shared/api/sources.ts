// sources.*: listening sources, their health, a dry run. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { sourceInput, sourceKind, sourcePatch } from '../schemas';
import type { Source, SourceTestResult } from '../types';
import { id, method, none } from './method';

export const sourcesApi = {
  'sources.test': method<SourceTestResult>()({
    params: z.union([
      z.object({ id }).strict(),
      z.object({ kind: sourceKind, config: z.record(z.string(), z.unknown()) }).strict(),
    ]),
    role: 'admin',
    doc: 'Dry run: poll a source (stored, by id, or not yet added, by kind and config) once, store nothing, and show the first 20 items as they would be stored.',
  }),
  'sources.list': method<Source[]>()({ params: none, role: 'viewer', doc: 'Sources with their health.' }),
  'sources.add': method<Source>()({
    params: sourceInput,
    role: 'admin',
    doc: 'Add a source; its config is validated for its kind. It is polled at once.',
  }),
  'sources.update': method<Source>()({
    params: sourcePatch,
    role: 'admin',
    doc: 'Change a source: name, enabled, interval, config.',
  }),
  'sources.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove a source. Its mentions stay.',
  }),
  'sources.pollNow': method<Source>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Poll a source now (also un-pauses it).',
  }),
} as const;
