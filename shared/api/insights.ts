// insights.*: trending terms, top authors, share of voice. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { Emotions } from '../types';
import { id, method } from './method';

export interface TermsInsight {
  from: number;
  to: number;
  mentions: number;
  baselineMentions: number;
  terms: { term: string; count: number; baselineCount: number; score: number; change: number | null }[];
}

export interface AuthorsInsight {
  from: number;
  to: number;
  authors: { author: string; mentions: number; reach: number; negative: number; sources: string[] }[];
}

export interface ShareOfVoice {
  from: number;
  to: number;
  total: number;
  topics: { id: number; name: string; color: string; count: number; share: number; net: number | null; emotions: Emotions }[];
}

/** The window's end: now by default, or a moment in the past (presenter mode looks back). */
const windowEnd = z.number().int().nonnegative().optional().describe('end of the window, epoch ms (default: now)');

const insightWindow = z.object({
  topicId: z.number().int().positive().optional(),
  windowMin: z.number().int().min(5).max(43_200).default(60),
  to: windowEnd,
});

export const insightsApi = {
  'insights.terms': method<TermsInsight>()({
    params: insightWindow.extend({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    role: 'viewer',
    doc: 'Trending terms (word segmentation, stopwords removed) in the window against the preceding baseline.',
  }),
  'insights.authors': method<AuthorsInsight>()({
    params: insightWindow
      .extend({ by: z.enum(['mentions', 'reach']).default('mentions'), limit: z.number().int().min(1).max(100).default(10) })
      .strict(),
    role: 'viewer',
    doc: 'Top authors in the window, by number of mentions or by reach.',
  }),
  'insights.shareOfVoice': method<ShareOfVoice>()({
    params: z
      .object({ topicIds: z.array(id).max(50).optional(), windowMin: z.number().int().min(5).max(43_200).default(1440), to: windowEnd })
      .strict(),
    role: 'viewer',
    doc: "Each topic's share of all topic mentions in the window (a brand against its competitors), with its tone and emotions.",
  }),
} as const;
