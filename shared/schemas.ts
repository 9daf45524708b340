// Runtime schemas of the inputs that cross a boundary: api params, source configs, boards,
// topics, rules. Errors name the field and the reason (zod paths), see formatIssues().
import { z } from 'zod';
import { LIGHT_METRICS, LIGHT_SCOPES, PANEL_KINDS, SEVERITIES, type LightMetric, type LightScope } from './types';
import {
  folderConfig,
  hackernewsConfig,
  jsonConfig,
  mastodonConfig,
  redditConfig,
  replayRange,
  webhookConfig,
} from './source-configs';
import { describeLineProblem, lineProblems } from './rule-lines';

const name = z.string().trim().min(1, 'must not be empty').max(120);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ff6b6b');

export const feedConfig = z
  .object({
    url: z
      .string()
      .url('must be a full http(s) URL')
      .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://'),
    /** Allow private/loopback addresses (a feed on the LAN or this machine). */
    allowPrivate: z.boolean().default(false),
  })
  .strict();

export const replayConfig = z
  .object({
    /** 'demo' for the bundled demo corpus, or a path to a corpus JSONL file. */
    corpus: z.string().min(1).optional(),
    /** Or: a stored stretch of this station, replayed for a drill. */
    range: replayRange.optional(),
    /** 1 = real time; 60 = an hour a minute. */
    speed: z.number().min(0.1).max(100_000).default(1),
    /** Only replay items of this corpus source name (demo sources are one per name). */
    only: z.string().optional(),
    /** Or: recorded crowd readings of places (JSON lines of { gauge, t, value }; 'demo' for the demo's festival places). */
    places: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => [c.corpus, c.range, c.places].filter((x) => x !== undefined).length === 1, 'give either corpus or range (or places): exactly one of them');

export const sourceConfigs = {
  feed: feedConfig,
  replay: replayConfig,
  mastodon: mastodonConfig,
  hackernews: hackernewsConfig,
  reddit: redditConfig,
  json: jsonConfig,
  folder: folderConfig,
  webhook: webhookConfig,
} as const;

export const sourceKind = z.enum(['feed', 'replay', 'mastodon', 'hackernews', 'reddit', 'json', 'folder', 'webhook']);

/** Sources whose kind is polled over HTTP: same interval limits as feeds. */
const polled = (kind: 'mastodon' | 'hackernews' | 'reddit' | 'json', config: z.ZodType) =>
  z
    .object({
      name,
      kind: z.literal(kind),
      config,
      intervalSec: z.number().int().min(10).max(86_400).default(300),
      enabled: z.boolean().default(true),
    })
    .strict();
/** Sources that are watched or pushed to: no interval of their own. */
const unpolled = (kind: 'folder' | 'webhook', config: z.ZodType) =>
  z
    .object({
      name,
      kind: z.literal(kind),
      config,
      intervalSec: z.number().int().min(1).max(86_400).default(300),
      enabled: z.boolean().default(true),
    })
    .strict();

export const sourceInput = z.discriminatedUnion('kind', [
  z
    .object({
      name,
      kind: z.literal('feed'),
      config: feedConfig,
      intervalSec: z.number().int().min(10).max(86_400).default(300),
      enabled: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      name,
      kind: z.literal('replay'),
      config: replayConfig,
      intervalSec: z.number().int().min(1).max(86_400).default(2),
      enabled: z.boolean().default(true),
    })
    .strict(),
  polled('mastodon', mastodonConfig),
  polled('hackernews', hackernewsConfig),
  polled('reddit', redditConfig),
  polled('json', jsonConfig),
  unpolled('folder', folderConfig),
  unpolled('webhook', webhookConfig),
]);
export type SourceInput = z.output<typeof sourceInput>;

export const sourcePatch = z
  .object({
    id: z.number().int().positive(),
    name: name.optional(),
    enabled: z.boolean().optional(),
    intervalSec: z.number().int().min(1).max(86_400).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const topicInput = z
  .object({
    id: z.number().int().positive().optional(),
    name,
    query: z.string().trim().min(1, 'must not be empty').max(4000),
    color: color.default('#4cc9f0'),
  })
  .strict();
export type TopicInput = z.output<typeof topicInput>;

const share = z.number().min(0).max(1);
/** Which scopes each light metric can watch. */
export const METRIC_SCOPES: Record<LightMetric, readonly LightScope[]> = {
  thresholds: ['topic'],
  count: ['topic', 'source', 'station'],
  volume_baseline: ['topic', 'source', 'station'],
  spike: ['topic', 'source', 'station'],
  neg_share: ['topic', 'source', 'station'],
  net_sentiment: ['topic', 'source', 'station'],
  gauge_occupancy: ['gauge'],
  source_stale: ['source'],
};
export const lightRuleInput = z
  .object({
    id: z.number().int().positive().optional(),
    /** Required for topic rules (the default scope). */
    topicId: z.number().int().positive().optional(),
    name: z.string().trim().max(120).default(''),
    windowMin: z.number().int().min(1).max(10_080).default(60),
    volumeYellow: z.number().int().min(1).nullable().default(null),
    volumeRed: z.number().int().min(1).nullable().default(null),
    negShareYellow: share.nullable().default(null),
    negShareRed: share.nullable().default(null),
    minVolume: z.number().int().min(0).default(5),
    staleAfterMin: z.number().int().min(1).max(10_080).default(60),
    enabled: z.boolean().default(true),
    metric: z.enum(LIGHT_METRICS).default('thresholds'),
    scope: z.enum(LIGHT_SCOPES).default('topic'),
    scopeId: z.number().int().positive().nullable().default(null),
    yellow: z.number().nullable().default(null),
    red: z.number().nullable().default(null),
    baseline: z.enum(['same_hour', 'moving_avg']).default('same_hour'),
    baselineDays: z.number().int().min(1).max(28).default(7),
    baselineHours: z.number().int().min(1).max(168).default(24),
    persistence: z.number().int().min(1).max(60).default(1),
    hysteresis: z.number().min(0).max(0.9).default(0.1),
    cooldownMin: z.number().int().min(0).max(1440).default(0),
    severity: z.enum(SEVERITIES).default('warning'),
    notifyPerHour: z.number().int().min(0).max(60).default(4),
  })
  .strict()
  .refine((r) => (r.scope === 'topic' ? r.topicId != null : r.scope === 'station' || r.scopeId != null), {
    message: 'a topic rule needs topicId; a source or gauge rule needs scopeId',
    path: ['scopeId'],
  })
  .refine((r) => METRIC_SCOPES[r.metric].includes(r.scope), {
    message: 'this metric does not apply to this scope',
    path: ['metric'],
  })
  .superRefine((r, ctx) => {
    // Lines out of the metric's range, inverted, or missing (see shared/rule-lines.ts).
    for (const p of lineProblems(r)) ctx.addIssue({ code: 'custom', path: [p.path], message: describeLineProblem(p) });
  });
export type LightRuleInput = z.output<typeof lightRuleInput>;

export const panelInput = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(PANEL_KINDS),
    title: z.string().max(120).optional(),
    topicIds: z.array(z.number().int().positive()).max(200).default([]),
    windowMin: z.number().int().min(5).max(43_200).default(360),
    x: z.number().int().min(0).max(11),
    y: z.number().int().min(0).max(100),
    w: z.number().int().min(1).max(12),
    h: z.number().int().min(1).max(24),
  })
  .strict();

export const boardInput = z
  .object({
    id: z.number().int().positive().optional(),
    name,
    panels: z.array(panelInput).max(48),
  })
  .strict();
export type BoardInput = z.output<typeof boardInput>;

/** Zod issues as plain "field: reason" pairs. */
export function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

export function describeIssues(error: z.ZodError): string {
  return formatIssues(error)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}
