// Making a station your own: the api methods of the rules room's backtest, removing a rule, and
// a setup (topics + light rules) shared as one file in the drill's rules format. Declared here
// and merged into the one api table in api.ts.
import { z } from 'zod';
import type { MethodDef, Role } from './api';
import type { LightColor, LightMetric, LightScope, Topic } from './types';
import { lightRuleInput } from './schemas';

function method<R>() {
  return <P extends z.ZodType>(def: { params: P; role: Role; doc: string }): MethodDef<P, R> => def;
}

const id = z.number().int().positive();

export interface BacktestChange {
  at: number;
  from: LightColor;
  to: LightColor;
  value: number | null;
  reason: string;
  /** A red the rule's hourly cap would have let through as a notification. */
  notify: boolean;
}

export interface BacktestDay {
  /** Start of the day (midnight at the offset asked for), epoch ms. */
  day: number;
  yellow: number;
  red: number;
  /** Every change logged that day (falls back to green and to gray too). */
  alerts: number;
}

export interface BacktestReport {
  from: number;
  to: number;
  stepMin: number;
  evaluations: number;
  /** The metric over the range, thinned for a chart: each point is its stretch's worst value and colour. */
  points: { at: number; value: number | null; color: LightColor }[];
  changes: BacktestChange[];
  days: BacktestDay[];
  firstYellowAt: number | null;
  firstRedAt: number | null;
  /** Minutes the light would have shown each colour. */
  minutes: Record<LightColor, number>;
  /** Changes to yellow or red per day of the range, on average. */
  raisesPerDay: number;
  /** The rule's lines in the metric's unit, for the chart's bands. */
  yellow: number | null;
  red: number | null;
  /** 'down' when a lower value is worse (net sentiment). */
  direction: 'up' | 'down';
}

/** A setup file: the drill's rules format. */
export interface SetupFile {
  topics: { name: string; query: string; color: string }[];
  rules: Record<string, unknown>[];
}

export interface SetupImportResult {
  topicsAdded: string[];
  topicsUpdated: string[];
  rulesAdded: number;
  rulesUpdated: number;
  /** Topics whose query is new or changed: re-tag their history (topics.retag). */
  retag: number[];
  dryRun: boolean;
}

/** One problem of a setup file, where it is and of what kind (the api error's issues carry these). */
export interface SetupIssue {
  path: string;
  message: string;
  kind: 'shape' | 'query' | 'lines' | 'unknown-topic' | 'unknown-source' | 'unknown-gauge' | 'duplicate-topic';
  name?: string;
  position?: number;
}

export type PresetId = 'spike' | 'negative' | 'silent' | 'occupancy';

export interface Preset {
  id: PresetId;
  scope: LightScope;
  metric: LightMetric;
  /** The rule's fields besides its subject. */
  rule: Record<string, unknown>;
}

/** The presets of the rules room and `fenghuo rules`: a sensible start an operator then tunes with the backtest. */
export const PRESETS: Preset[] = [
  {
    id: 'spike',
    scope: 'topic',
    metric: 'volume_baseline',
    rule: { metric: 'volume_baseline', baseline: 'same_hour', baselineDays: 7, windowMin: 30, yellow: 2, red: 3, minVolume: 10, persistence: 2, hysteresis: 0.2, cooldownMin: 15, staleAfterMin: 180 },
  },
  {
    id: 'negative',
    scope: 'topic',
    metric: 'neg_share',
    rule: { metric: 'neg_share', windowMin: 60, yellow: 0.4, red: 0.6, minVolume: 20, persistence: 3, hysteresis: 0.15, cooldownMin: 30, staleAfterMin: 180 },
  },
  {
    id: 'silent',
    scope: 'source',
    metric: 'source_stale',
    rule: { metric: 'source_stale', yellow: 60, red: 180, persistence: 1, hysteresis: 0, cooldownMin: 0, severity: 'warning' },
  },
  {
    id: 'occupancy',
    scope: 'gauge',
    metric: 'gauge_occupancy',
    rule: { metric: 'gauge_occupancy', yellow: 0.6, red: 0.85, staleAfterMin: 15, persistence: 1, hysteresis: 0.05, cooldownMin: 5 },
  },
];

export const setupApi = {
  'rules.backtest': method<BacktestReport>()({
    params: z
      .object({
        rule: lightRuleInput,
        days: z.number().int().min(1).max(28).default(14),
        stepMin: z.number().int().min(1).max(60).optional(),
        tzOffsetMin: z.number().int().min(-840).max(840).default(0).describe('minutes east of UTC where a day starts'),
      })
      .strict(),
    role: 'viewer',
    doc: "Replay a rule (saved or not) over the last N days of stored history, as a drill does: when it would have gone yellow and red, alerts per day, and the metric against its lines. Stores nothing.",
  }),
  'topics.archive': method<Topic>()({
    params: z.object({ id, archived: z.boolean() }).strict(),
    role: 'admin',
    doc: 'Archive a topic (it tags no new mentions and leaves the wall and the lights; its history, links and rules stay) or bring it back.',
  }),
  'rules.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove a light rule and its light. Its alerts stay in the log.',
  }),
  'setup.export': method<{ filename: string; text: string; file: SetupFile }>()({
    params: z.object({}).strict(),
    role: 'viewer',
    doc: "The station's topics and light rules as one JSON file in the drill's rules format.",
  }),
  'setup.import': method<SetupImportResult>()({
    params: z.object({ file: z.unknown(), dryRun: z.boolean().default(false) }).strict(),
    role: 'admin',
    doc: 'Import topics and light rules from a setup file (the drill rules format). The whole file is checked first; a bad one is refused with every problem listed and nothing changes.',
  }),
} as const;
