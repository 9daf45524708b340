// Runtime schemas of the inputs that cross a boundary: api params, source configs, boards,
// topics, rules. Errors name the field and the reason (zod paths), see formatIssues().
import { z } from 'zod';
import { LIGHT_METRICS, LIGHT_SCOPES, PANEL_KINDS, SEVERITIES, type LightMetric, type LightScope, type RuleInput } from './types';
import { SOURCE_KIND_NAMES, SOURCE_KINDS, type SourceKind } from './source-configs';
import { describeLineProblem, lineProblems } from './rule-lines';

const name = z.string().trim().min(1, 'must not be empty').max(120);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ff6b6b');

export { feedConfig, replayConfig } from './source-configs';

/** Each kind's config schema, by kind. */
export const sourceConfigs = Object.fromEntries(Object.entries(SOURCE_KINDS).map(([k, e]) => [k, e.config])) as {
  [K in SourceKind]: (typeof SOURCE_KINDS)[K]['config'];
};

export const sourceKind = z.enum(SOURCE_KIND_NAMES);

/** What sources.add takes for one kind: its config, and an interval within the kind's bounds. */
const sourceInputOf = <K extends SourceKind>(kind: K) =>
  z
    .object({
      name,
      kind: z.literal(kind),
      config: SOURCE_KINDS[kind].config,
      intervalSec: z.number().int().min(SOURCE_KINDS[kind].minIntervalSec).max(86_400).default(SOURCE_KINDS[kind].defaultIntervalSec),
      enabled: z.boolean().default(true),
    })
    .strict();
type SourceInputSchema = ReturnType<typeof sourceInputOf>;

export const sourceInput = z.discriminatedUnion('kind', SOURCE_KIND_NAMES.map(sourceInputOf) as [SourceInputSchema, ...SourceInputSchema[]]);
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
    /** The topic of a topic rule (the default scope); `scopeId` may carry it instead. */
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
  .refine((r) => (r.scope === 'topic' ? (r.topicId ?? r.scopeId) != null : r.scope === 'station' || r.scopeId != null), {
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
  })
  .transform(toRuleInput);
/** What `rules.save` stores: a rule of one shape (see LightRule), its scope's id in `scopeId`. */
export type LightRuleInput = RuleInput;

/**
 * The flat input as the rule it describes. Both ways of naming a topic stay accepted: `topicId`
 * (wins when both are given, as before) or `scope: 'topic'` with `scopeId`; `topicId` on any
 * other scope is ignored, as it always was. Lines the metric does not use are dropped (null).
 */
function toRuleInput(r: {
  id?: number | undefined;
  topicId?: number | undefined;
  metric: LightMetric;
  scope: LightScope;
  scopeId: number | null;
  volumeYellow: number | null;
  volumeRed: number | null;
  negShareYellow: number | null;
  negShareRed: number | null;
  yellow: number | null;
  red: number | null;
}): RuleInput {
  const { topicId, ...rest } = r;
  const scopeId = r.scope === 'topic' ? (topicId ?? r.scopeId) : r.scope === 'station' ? null : r.scopeId;
  const lines =
    r.metric === 'thresholds'
      ? { yellow: null, red: null }
      : { volumeYellow: null, volumeRed: null, negShareYellow: null, negShareRed: null };
  return { ...rest, ...lines, scopeId } as unknown as RuleInput;
}

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
