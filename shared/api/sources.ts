// sources.*: listening sources, their health, a dry run, a file read in. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { sourceInput, sourceKind, sourcePatch } from '../schemas';
import { importPreset } from '../source-configs';
import type { ImportProgress, Source, SourceTestResult } from '../types';
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
  'sources.importFile': method<ImportProgress>()({
    params: z
      .object({
        path: z.string().min(1).max(4096),
        source: z.string().trim().min(1).max(120).default('import'),
        preset: importPreset.optional(),
        gauges: z.boolean().default(false),
      })
      .strict(),
    role: 'admin',
    doc: 'Read a CSV/TSV/JSON/JSONL file on this machine into a source (made, disabled, when missing), as `fenghuo import` does; answers once every row is stored. `fenghuo import` hands its file to a running station this way.',
  }),
} as const;
