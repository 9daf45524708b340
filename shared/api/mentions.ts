// mentions.*: stored mentions read, searched, corrected, tagged and exported. Part of the
// api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { Mention, MentionDetail } from '../types';
import { exportLang } from '../export-columns';
import { id, method, time } from './method';

/** Filters of stored mentions, shared by `mentions.search` and `mentions.export`. */
const mentionFilter = {
  q: z.string().max(500).optional().describe('a query in the topic language: words, "phrases", AND / OR / NOT, -exclusions, #tags, @authors, lang:, source:; 繁 and 简 match each other'),
  topicId: id.optional(),
  sourceId: id.optional(),
  lang: z.enum(['zh-Hant', 'zh-Hans', 'en', 'other']).optional(),
  label: z.enum(['negative', 'neutral', 'positive']).optional(),
  from: time.optional(),
  to: time.optional(),
  scanAll: z
    .boolean()
    .optional()
    .describe('with q: search every stored mention (archives too), not only the newest 2,000,000 — seconds at ten million; answered in turns'),
};

export interface SearchResult {
  /** Every match; when `capped`, every match among the newest mentions searched. */
  total: number;
  items: Mention[];
  /** Set when a query (`q`) stopped at the engine's scan cap: only the newest `scanned` mentions were searched (ask with `scanAll` for every one). */
  capped?: { scanned: number };
  /** Asked with `count: false`: the page is exact, `total` only what was found so far (ask again with `count` for all). */
  counting?: true;
}

export interface MentionExport {
  filename: string;
  mime: string;
  /** The file's bytes, base64. */
  base64: string;
  rows: number;
}

export const mentionsApi = {
  'mentions.recent': method<Mention[]>()({
    params: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        topicId: id.optional(),
        before: time.optional(),
      })
      .strict(),
    role: 'viewer',
    doc: 'Newest mentions first, optionally for one topic and before a time.',
  }),
  'mentions.search': method<SearchResult>()({
    params: z
      .object({
        ...mentionFilter,
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
        count: z
          .boolean()
          .default(true)
          .describe('false: the page at once (with a query, read newest first until it is full); the total is then counted by a second call'),
      })
      .strict(),
    role: 'viewer',
    doc: 'Search every stored mention with filters; newest first.',
  }),
  'mentions.get': method<MentionDetail>()({
    params: z.object({ id }).strict(),
    role: 'viewer',
    doc: 'One mention with its stored (sanitized) HTML, for the detail view.',
  }),
  'mentions.correct': method<Mention>()({
    params: z
      .object({
        id,
        label: z.enum(['negative', 'neutral', 'positive']),
        /** false: the label is set back without being a hand correction (undoing a first correction). */
        corrected: z.boolean().optional(),
      })
      .strict(),
    role: 'admin',
    doc: "Correct a mention's sentiment label by hand; its rollup counts move in the same transaction. With corrected: false the label is set back as the analyzer's (an undo), and the mention is no longer a training sample.",
  }),
  'mentions.tag': method<Mention>()({
    params: z
      .object({
        id,
        add: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
        remove: z.array(z.string().max(60)).max(20).default([]),
      })
      .strict(),
    role: 'admin',
    doc: 'Add and remove tags on a mention.',
  }),
  'mentions.export': method<MentionExport>()({
    params: z
      .object({
        format: z.enum(['csv', 'xlsx']),
        ...mentionFilter,
        limit: z.number().int().min(1).max(100_000).default(10_000),
        lang: exportLang,
      })
      .strict(),
    role: 'viewer',
    doc: 'Search results as a file: CSV (UTF-8 with BOM) or XLSX, base64-encoded, newest first.',
  }),
} as const;
