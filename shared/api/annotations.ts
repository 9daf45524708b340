// annotations.*: notes pinned to moments. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { Annotation } from '../types';
import { id, method, time } from './method';

export const annotationsApi = {
  'annotations.list': method<Annotation[]>()({
    params: z.object({ from: time, to: time }).strict(),
    role: 'viewer',
    doc: 'Annotations pinned within [from, to), oldest first.',
  }),
  'annotations.add': method<Annotation>()({
    params: z
      .object({ at: time, text: z.string().trim().min(1, 'must not be empty').max(200), topicId: id.optional() })
      .strict(),
    role: 'admin',
    doc: 'Pin a note to a moment (shown on volume charts).',
  }),
  'annotations.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove an annotation.',
  }),
} as const;
