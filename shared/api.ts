// The api contract: every method the engine answers, declared once with its params schema,
// the role it needs and its result type, plus the events on the stream. The server's routes,
// the renderer's client and docs/api.md are all derived from this table.
import { z } from 'zod';
import type {
  Lang,
  AccessToken,
  Alert,
  Emotions,
  Annotation,
  Board,
  LightRule,
  LearnedModelInfo,
  LightState,
  Mention,
  MentionDetail,
  Source,
  StationStatus,
  Topic,
  GaugeSeries,
  ImportProgress,
  SourceTestResult,
} from './types';
import { placeInput, placePatch, placesQuery, type Place } from './gauges';
import { boardInput, lightRuleInput, sourceInput, sourceKind, sourcePatch, topicInput } from './schemas';
import { setupApi } from './setup';

/** viewer: read-only wall browsers; admin: the desktop app and analysts. */
export type Role = 'viewer' | 'admin';

export interface MethodDef<P extends z.ZodType = z.ZodType, R = unknown> {
  params: P;
  role: Role;
  doc: string;
  /** Phantom: carries the result type; never set at runtime. */
  readonly result?: R;
}

function method<R>() {
  return <P extends z.ZodType>(def: { params: P; role: Role; doc: string }): MethodDef<P, R> => def;
}

const id = z.number().int().positive();
const time = z.number().int().nonnegative().describe('epoch milliseconds, UTC');
const none = z.object({}).strict();

export interface VolumeSeries {
  from: number;
  to: number;
  bucketMs: number;
  /** Start time of each bucket. */
  buckets: number[];
  series: { topicId: number; name: string; color: string; counts: number[]; negative: number[] }[];
}

export interface HeatSeries {
  from: number;
  to: number;
  bucketMs: number;
  buckets: number[];
  topics: { id: number; name: string; color: string }[];
  /** [bucket index, topic index, net sentiment (pos-neg)/count in [-1,1], count] for non-empty cells. */
  cells: [number, number, number, number][];
}

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

const insightWindow = z.object({
  topicId: z.number().int().positive().optional(),
  windowMin: z.number().int().min(5).max(43_200).default(60),
});

/** Filters of stored mentions, shared by `mentions.search` and `mentions.export`. */
const mentionFilter = {
  q: z.string().max(500).optional().describe('a query in the topic language: words, "phrases", AND / OR / NOT, -exclusions, #tags, @authors, lang:, source:; 繁 and 简 match each other'),
  topicId: id.optional(),
  sourceId: id.optional(),
  lang: z.enum(['zh-Hant', 'zh-Hans', 'en', 'other']).optional(),
  label: z.enum(['negative', 'neutral', 'positive']).optional(),
  from: time.optional(),
  to: time.optional(),
};

/** Filters of the alert log, shared by `alerts.list` and `alerts.export`. */
const alertFilter = {
  unacknowledged: z.boolean().optional(),
  ruleId: id.optional(),
  topicId: id.optional(),
  color: z.enum(['green', 'yellow', 'red', 'gray']).optional().describe('the colour the light changed to'),
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  from: time.optional(),
  to: time.optional(),
};

export interface AlertEvidenceMentions {
  alert: Alert;
  mostNegative: Mention[];
  mostReached: Mention[];
}

export interface AlertExport {
  format: 'csv' | 'json';
  filename: string;
  /** The file's text. */
  text: string;
  count: number;
}

export interface SearchResult {
  total: number;
  items: Mention[];
}

export interface MentionExport {
  filename: string;
  mime: string;
  /** The file's bytes, base64. */
  base64: string;
  rows: number;
}

const seriesParams = z
  .object({
    from: time,
    to: time,
    bucketMin: z.number().int().min(1).max(1440),
    topicIds: z.array(id).max(200).optional(),
  })
  .strict()
  .refine((p) => p.to > p.from, { message: '"to" must be after "from"' })
  .refine((p) => (p.to - p.from) / (p.bucketMin * 60_000) <= 5000, {
    message: 'too many buckets: widen bucketMin or narrow the range (at most 5000)',
  });

export const api = {
  'station.status': method<StationStatus>()({
    params: none,
    role: 'viewer',
    doc: 'Station name, demo flag, counts, newest data time and source health summary.',
  }),
  'boards.list': method<Board[]>()({ params: none, role: 'viewer', doc: 'All boards.' }),
  'boards.get': method<Board>()({
    params: z.object({ id: id.optional() }).strict(),
    role: 'viewer',
    doc: 'One board; without an id, the default war-room board.',
  }),
  'boards.save': method<Board>()({
    params: z.object({ board: boardInput }).strict(),
    role: 'admin',
    doc: 'Create a board (no id) or replace one (with id).',
  }),
  'series.volume': method<VolumeSeries>()({
    params: seriesParams,
    role: 'viewer',
    doc: 'Mention counts per topic per time bucket, from the per-minute rollups.',
  }),
  'series.heat': method<HeatSeries>()({
    params: seriesParams,
    role: 'viewer',
    doc: 'Net sentiment per topic per time bucket (topics × time), from the rollups.',
  }),
  'lights.list': method<LightState[]>()({
    params: none,
    role: 'viewer',
    doc: 'Current light of every enabled rule.',
  }),
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
    params: z.object({ id, label: z.enum(['negative', 'neutral', 'positive']) }).strict(),
    role: 'admin',
    doc: "Correct a mention's sentiment label by hand; its rollup counts move in the same transaction.",
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
      })
      .strict(),
    role: 'viewer',
    doc: 'Search results as a file: CSV (UTF-8 with BOM) or XLSX, base64-encoded, newest first.',
  }),
  'analysis.model': method<LearnedModelInfo>()({
    params: none,
    role: 'viewer',
    doc: 'The model learned from corrections: how many, and its cross-validated accuracy.',
  }),
  'analysis.retrain': method<LearnedModelInfo>()({
    params: none,
    role: 'admin',
    doc: 'Retrain the learned model from every corrected mention; later mentions are scored with it.',
  }),
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
  'sources.test': method<SourceTestResult>()({
    params: z.union([
      z.object({ id }).strict(),
      z.object({ kind: sourceKind, config: z.record(z.string(), z.unknown()) }).strict(),
    ]),
    role: 'admin',
    doc: 'Dry run: poll a source (stored, by id, or not yet added, by kind and config) once, store nothing, and show the first 20 items as they would be stored.',
  }),
  'gauges.list': method<Place[]>()({
    params: placesQuery,
    role: 'viewer',
    doc: "Places (gauges) as of `at` (default now): latest reading, share of capacity, lamp (gray when silent); with trendMin, each place's readings over the last trendMin minutes.",
  }),
  'gauges.add': method<Place>()({
    params: placeInput,
    role: 'admin',
    doc: 'Add a place: name, coordinates, capacity, the shares of capacity for yellow and red (presets 60% / 85%) and minutes of silence before its lamp is gray.',
  }),
  'gauges.update': method<Place>()({ params: placePatch, role: 'admin', doc: 'Change a place; its readings are kept.' }),
  'gauges.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove a place and its readings.',
  }),
  'gauges.series': method<GaugeSeries>()({
    params: z
      .object({
        id: id.optional(),
        name: z.string().min(1).max(120).optional(),
        from: time,
        to: time,
        bucketMin: z.number().int().min(1).max(1440).optional(),
      })
      .strict()
      .refine((p) => (p.id === undefined) !== (p.name === undefined), { message: 'give the gauge id or its name' })
      .refine((p) => p.to > p.from, { message: '"to" must be after "from"' }),
    role: 'viewer',
    doc: "A gauge's readings in [from, to): every reading, or with bucketMin the last, min and max per bucket.",
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
  'rules.list': method<LightRule[]>()({ params: none, role: 'viewer', doc: 'All light rules.' }),
  'rules.save': method<LightRule>()({
    params: z.object({ rule: lightRuleInput }).strict(),
    role: 'admin',
    doc: 'Create (no id) or update a light rule.',
  }),
  'alerts.list': method<Alert[]>()({
    params: z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
        ...alertFilter,
      })
      .strict(),
    role: 'viewer',
    doc: 'Light changes, newest first, filtered by rule, topic, colour changed to, severity, time or acknowledgement.',
  }),
  'alerts.ack': method<Alert>()({
    params: z.object({ id, note: z.string().max(2000).optional() }).strict(),
    role: 'admin',
    doc: 'Acknowledge an alert with an optional note.',
  }),
  'alerts.evidence': method<AlertEvidenceMentions>()({
    params: z.object({ id }).strict(),
    role: 'viewer',
    doc: "The mentions that drove an alert: the window's most negative and most reached, as they were stored.",
  }),
  'alerts.export': method<AlertExport>()({
    params: z
      .object({
        format: z.enum(['csv', 'json']).default('csv'),
        limit: z.number().int().min(1).max(100_000).default(10_000),
        ...alertFilter,
      })
      .strict(),
    role: 'viewer',
    doc: 'The filtered alert log as CSV (UTF-8 with BOM, for spreadsheets) or JSON text, with a file name to save it as.',
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
  'topics.retag': method<{ topicId: number; tagged: number; scanned: number }>()({
    params: z.object({ id, days: z.number().int().min(1).max(3650).optional() }).strict(),
    role: 'admin',
    doc: "Re-match a topic's query against stored mentions (all, or the last N days) and rebuild its rollups.",
  }),
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
      .object({ topicIds: z.array(id).max(50).optional(), windowMin: z.number().int().min(5).max(43_200).default(1440) })
      .strict(),
    role: 'viewer',
    doc: "Each topic's share of all topic mentions in the window (a brand against its competitors), with its tone and emotions.",
  }),
  'tokens.list': method<AccessToken[]>()({
    params: none,
    role: 'admin',
    doc: 'Access tokens handed out for this station (never their secrets), revoked ones included.',
  }),
  'tokens.create': method<{ token: AccessToken; secret: string }>()({
    params: z
      .object({ name: z.string().trim().min(1, 'must not be empty').max(120), role: z.enum(['viewer', 'admin']).default('viewer') })
      .strict(),
    role: 'admin',
    doc: 'Create a token: viewer (read-only, for wall browsers: open /wall/<board>?token=<secret>) or admin. The secret is shown this once; only its hash is kept.',
  }),
  'tokens.revoke': method<AccessToken>()({
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    role: 'admin',
    doc: 'Revoke a token: it stops working at once and its open event streams are closed.',
  }),
  ...setupApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type Params<M extends MethodName> = z.input<Api[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Api[M]['params']>;
export type Result<M extends MethodName> = Api[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** Events pushed on the WebSocket stream. */
export type StationEvent =
  | { type: 'hello'; now: number; status: StationStatus; role: Role }
  | {
      type: 'mentions';
      now: number;
      count: number;
      newestAt: number;
      byTopic: Record<string, number>;
      /** The newest few, for live streams. */
      sample: Mention[];
    }
  | { type: 'lights'; now: number; lights: LightState[]; changed: LightState[] }
  | { type: 'source'; now: number; source: Source }
  | { type: 'alert'; now: number; alert: Alert }
  | { type: 'tick'; now: number; newestMentionAt: number | null }
  | { type: 'station'; now: number; status: StationStatus }
  | { type: 'topics'; now: number; topics: Topic[] }
  | { type: 'rules'; now: number; rules: LightRule[] }
  | { type: 'boards'; now: number; boards: Board[] }
  | { type: 'sources'; now: number; sources: Source[] }
  | { type: 'import'; now: number; progress: ImportProgress }
  | { type: 'gauge'; now: number; place: Place };

export type EventType = StationEvent['type'];

export const EVENT_DOCS: Record<EventType, string> = {
  hello: 'Sent once on connect: the station status and the role of the token used.',
  mentions: 'A batch of new mentions was stored: how many, per topic, and the newest few.',
  lights: 'Lights were evaluated; `changed` lists those whose colour changed.',
  source: "A source's health changed (polled, failed, paused).",
  alert: 'A light changed colour and an alert was logged.',
  tick: 'Heartbeat every 5 s, so a silent connection is noticed.',
  station: 'The station itself changed health (storage full or writable again): the new status.',
  topics: 'Topics were added, changed or removed: every topic now.',
  rules: 'A light rule was saved: every rule now.',
  boards: 'A board was saved: every board now.',
  sources: 'A source was added, changed or removed: every source now (secrets hidden).',
  import: 'A file from a watched folder is being read: bytes and rows so far, then done, skipped (already read) or failed.',
  gauge: 'Readings were stored for a place: the place as of now (latest reading, share, lamp).',
};

/** An api error as sent over the wire. */
export type { ApiErrorBody } from './errors';
