// topics.*: topics, a query's preview on stored mentions, re-tagging. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { topicInput } from '../schemas';
import type { Lang, Mention, Topic } from '../types';
import { id, method, none } from './method';

export interface TopicPreview {
  matched: number;
  scanned: number;
  days: number;
  examples: Mention[];
  /** Matched mentions per language: a query in 繁體 counting 简体 posts shows the folding at work. */
  byLang?: Partial<Record<Lang, number>>;
  /** Per example (by id): [start, end) of each matched word in its title + "\n" + text, as written. */
  marks?: Record<string, [number, number][]>;
}

export const topicsApi = {
  'topics.list': method<Topic[]>()({ params: none, role: 'viewer', doc: 'All topics.' }),
  'topics.save': method<Topic>()({
    params: z.object({ topic: topicInput }).strict(),
    role: 'admin',
    doc: 'Create (no id) or update a topic. The query is checked; a bad one is refused with the position of the problem.',
  }),
  'topics.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove a topic and its rules. Mentions stay.',
  }),
  'topics.preview': method<TopicPreview>()({
    params: z
      .object({
        query: z.string().trim().min(1).max(4000),
        days: z.number().int().min(1).max(90).default(7),
      })
      .strict(),
    role: 'viewer',
    doc: 'How many stored mentions of the last N days a query would match, with a few examples, before saving it.',
  }),
  'topics.retag': method<{ topicId: number; tagged: number; scanned: number; from: number }>()({
    params: z
      .object({
        id,
        days: z.number().int().min(1).max(3650).optional(),
        /** Only mentions published before this (ms): the `from` a re-tag of a nearer stretch answered. */
        before: z.number().int().optional(),
      })
      .strict(),
    role: 'admin',
    doc: "Re-match a topic's query against stored mentions (all, or those of the last N days; with `before`, only those published before it — the `from` of the nearer stretch re-tagged just before), archived months included, and recount its rollups where its links changed. Written in turns, with `retag` events saying how far it is; `tagged` is how many mentions of the stretch the topic holds, `from` where the stretch began.",
  }),
} as const;
