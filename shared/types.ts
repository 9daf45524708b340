// Domain types shared by the engine and the renderer. Plain data only: everything here
// crosses the HTTP/WebSocket boundary as JSON. Times are epoch milliseconds, UTC.
import type { SourceKind } from './source-configs';
import type { Role } from './api/method';

export type Lang = 'zh-Hant' | 'zh-Hans' | 'en' | 'other';
export const LANGS: readonly Lang[] = ['zh-Hant', 'zh-Hans', 'en', 'other'];

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export const EMOTIONS = ['joy', 'anger', 'sadness', 'fear', 'disgust', 'surprise'] as const;
export type Emotion = (typeof EMOTIONS)[number];
/** Strength of each emotion in [0, 1]; absent or 0 means not expressed. */
export type Emotions = Partial<Record<Emotion, number>>;

export type LightColor = 'green' | 'yellow' | 'red' | 'gray';

export interface Mention {
  id: number;
  sourceId: number;
  sourceName: string;
  guid: string;
  url: string | null;
  title: string | null;
  /** Plain text (HTML already stripped). Untrusted: render as text, never as HTML. */
  text: string;
  author: string | null;
  lang: Lang;
  publishedAt: number;
  fetchedAt: number;
  sentiment: number;
  label: SentimentLabel;
  /** Set when an analyst corrected the label by hand. */
  labelCorrected: boolean;
  emotions: Emotions;
  reach: number;
  topicIds: number[];
  tags: string[];
}

/** The source kinds (one table: shared/source-configs.ts). */
export type { SourceKind };

export type SourceState = 'idle' | 'ok' | 'error' | 'paused' | 'disabled';

export interface SourceHealth {
  state: SourceState;
  lastCheckAt: number | null;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  /** The last error in plain words, for the operator. */
  lastError: string | null;
  consecutiveFailures: number;
  nextCheckAt: number | null;
  itemsTotal: number;
  /** Why the source is paused, when it is. */
  pausedReason: string | null;
}

export interface Source {
  id: number;
  name: string;
  kind: SourceKind;
  config: Record<string, unknown>;
  enabled: boolean;
  intervalSec: number;
  createdAt: number;
  health: SourceHealth;
}

export interface Topic {
  id: number;
  name: string;
  query: string;
  color: string;
  createdAt: number;
  /** Set while the topic is archived: it tags no new mentions and is off the wall; its history stays. */
  archivedAt?: number;
}

/**
 * What a light rule watches. The id is the topic's, source's or gauge's; the station has none.
 * (Stored rows keep the topic in `topic_id`; the store maps them, see store/rules.ts.)
 */
export type RuleScope =
  | { scope: 'topic'; scopeId: number }
  | { scope: 'source'; scopeId: number }
  | { scope: 'gauge'; scopeId: number }
  | { scope: 'station'; scopeId: null };
/** The scopes whose metric is about mentions (counts and sentiment over a window). */
export type MentionScope = Extract<RuleScope, { scope: 'topic' | 'source' | 'station' }>;

/** What every light rule has, whatever it watches. */
export interface RuleCommon {
  id: number;
  name: string;
  /** Window the metrics are computed over, in minutes. */
  windowMin: number;
  /** Fewest mentions in the window before shares and ratios count (avoids 1 of 1 = 100%). */
  minVolume: number;
  /** No mention (or reading) newer than this many minutes: the light is gray. */
  staleAfterMin: number;
  enabled: boolean;
  /** How 'volume_baseline' forms its expectation. */
  baseline: BaselineKind;
  /** Days of history for 'same_hour'; hours for 'moving_avg' and 'spike'. */
  baselineDays: number;
  baselineHours: number;
  /** Evaluations a rise must hold before the light changes (1: at once). */
  persistence: number;
  /** Falling back needs the value this fraction of the line below it (0.1: 10% margin). */
  hysteresis: number;
  /** Minutes after a change before the light may fall back (rises never wait). */
  cooldownMin: number;
  /** Severity of the rule's red; 'info' never notifies. */
  severity: Severity;
  /** Notifications this light may raise per hour; further reds are logged, not notified. */
  notifyPerHour: number;
}

/** The older rule shape: a volume pair and a negative-share pair (null: not used); no yellow / red. */
export interface ThresholdLines {
  metric: 'thresholds';
  /** Mentions in the window at which the light turns yellow / red. */
  volumeYellow: number | null;
  volumeRed: number | null;
  /** Share of negative mentions in the window, 0..1. */
  negShareYellow: number | null;
  negShareRed: number | null;
  yellow: null;
  red: null;
}

/** Every other metric: one yellow and one red line in the metric's unit (see LIGHT_METRICS). */
export interface MetricLines<M extends LightMetric> {
  metric: M;
  yellow: number | null;
  red: number | null;
  volumeYellow: null;
  volumeRed: null;
  negShareYellow: null;
  negShareRed: null;
}

/** The metrics with a yellow / red pair over mentions. */
export type MentionMetric = Exclude<LightMetric, 'thresholds' | 'gauge_occupancy' | 'source_stale'>;
/** The metrics that use yellow / red (all but 'thresholds'). */
export type LineMetric = Exclude<LightMetric, 'thresholds'>;

/**
 * A light rule: a metric over a scope, discriminated on `metric`. Mention metrics watch a
 * topic, a source or the station; 'gauge_occupancy' watches a gauge, 'source_stale' a source.
 */
export type LightRule =
  | (RuleCommon & MentionScope & ThresholdLines)
  | (RuleCommon & MentionScope & MetricLines<MentionMetric>)
  | (RuleCommon & { scope: 'gauge'; scopeId: number } & MetricLines<'gauge_occupancy'>)
  | (RuleCommon & { scope: 'source'; scopeId: number } & MetricLines<'source_stale'>);

/** A rule as saved: everything but the id, which is absent for a new rule. */
export type RuleInput = LightRule extends infer R ? (R extends unknown ? Omit<R, 'id'> & { id?: number | undefined } : never) : never;

/**
 * What a light rule can watch. Units of `yellow` / `red`:
 * - count: mentions in the window; volume_baseline: window count ÷ expected count (2 = double);
 * - spike: σ above the mean of the previous windows (3 = mean + 3σ);
 * - neg_share: 0..1; net_sentiment: (pos − neg) / count in [−1, 1], lines are the low side;
 * - gauge_occupancy: latest reading ÷ capacity (0.9 = 90% full); source_stale: minutes since
 *   the source last delivered.
 */
export const LIGHT_METRICS = [
  'thresholds',
  'count',
  'volume_baseline',
  'spike',
  'neg_share',
  'net_sentiment',
  'gauge_occupancy',
  'source_stale',
] as const;
export type LightMetric = (typeof LIGHT_METRICS)[number];
export const LIGHT_SCOPES = ['topic', 'source', 'gauge', 'station'] as const;
export type LightScope = (typeof LIGHT_SCOPES)[number];
/** same_hour: the same window on previous days; moving_avg: the previous hours' average rate. */
export type BaselineKind = 'same_hour' | 'moving_avg';
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface LightState {
  ruleId: number;
  topicId: number;
  topicName: string;
  color: LightColor;
  /** Since when the light has had this colour. */
  since: number;
  volume: number;
  negShare: number | null;
  netSentiment: number | null;
  newestAt: number | null;
  /** Plain words: why this colour. */
  reason: string;
  evaluatedAt: number;
  /** Additions (older clients ignore them). What is watched, in words: topic, source, gauge or station. */
  label: string;
  scope: LightScope;
  scopeId: number | null;
  metric: LightMetric;
  /** The metric's value and what it was compared to (null when there is none). */
  value: number | null;
  baseline: number | null;
  /** A rise waiting to persist: the colour it heads for and evaluations held so far. */
  pending: LightColor | null;
  pendingCount: number;
  /** Alerts of this light not yet acknowledged. */
  unacknowledged: number;
}

export interface Alert {
  id: number;
  ruleId: number;
  topicId: number;
  topicName: string;
  at: number;
  from: LightColor;
  to: LightColor;
  reason: string;
  volume: number;
  negShare: number | null;
  acknowledgedAt: number | null;
  note: string | null;
  /** Additions (older clients ignore them). */
  label: string;
  scope: LightScope;
  scopeId: number | null;
  metric: LightMetric;
  value: number | null;
  baseline: number | null;
  severity: Severity;
  /** Raise a notification: a red within the rule's hourly cap. */
  notify: boolean;
  /** The mentions that drove the change (ids; `alerts.evidence` returns them whole). */
  evidence: AlertEvidence;
}

export interface AlertEvidence {
  /** The window the evidence was drawn from, epoch ms. */
  from: number;
  to: number;
  mostNegative: number[];
  mostReached: number[];
}

/** Every panel kind a board may hold; each is declared in renderer/src/panels/registry.ts. */
export const PANEL_KINDS = ['lights', 'volume', 'heat', 'stream', 'health', 'terms', 'authors', 'voice', 'emotions', 'places', 'map'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export interface Panel {
  id: string;
  kind: PanelKind;
  title?: string;
  /** Topic ids to show; empty means all topics. */
  topicIds: number[];
  /** Time window shown, in minutes. */
  windowMin: number;
  /** Grid placement in cells (12 columns). */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Board {
  id: number;
  name: string;
  panels: Panel[];
  updatedAt: number;
}

export interface StationStatus {
  name: string;
  version: string;
  demo: boolean;
  startedAt: number;
  now: number;
  mentionCount: number;
  newestMentionAt: number | null;
  sources: { total: number; ok: number; error: number; paused: number };
  dataDir: string;
  /** The station light: red when the store cannot be written (e.g. "disk full: …"). */
  storage: { ok: boolean; error: string | null; since: number };
  /** Set when a damaged station file was replaced by a backup at start: what was lost. */
  recovery: { at: number; backupAt: number | null; message: string } | null;
  /** App-made wall and public-page tokens whose screens have all been closed for over 30 s: walls gone dark (the station room names them). */
  darkScreens: number;
}

/** A token handed out for this station; the secret itself is never stored or shown again. */
export interface AccessToken {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  revokedAt: number | null;
  /**
   * When a screen on it was last connected (its last stream closed, or the station stopped with
   * one open), wall-clock ms, kept across restarts; written at most every few seconds, so up to
   * that stale. Absent when none has been seen since this was recorded.
   */
  lastSeenAt?: number;
}

/** A mention with its stored HTML (sanitized by the engine; the renderer sanitizes again). */
export interface MentionDetail extends Mention {
  html: string | null;
}

/** A note pinned to a moment, shown as a marker on volume charts. */
export interface Annotation {
  id: number;
  at: number;
  text: string;
  /** The topic it is about, or null for the whole station. */
  topicId: number | null;
  createdAt: number;
}

/** The model learned from analysts' corrections: how many, and its cross-validated accuracy. */
export interface LearnedModelInfo {
  n: number;
  /** 5-fold cross-validated accuracy in [0, 1]; null with fewer than 10 corrections or one class. */
  cvAccuracy: number | null;
  trainedAt: number | null;
}

/** A numeric reading over time (crowd at a venue, followers, a ticket queue), beside mentions. */
export interface Gauge {
  id: number;
  name: string;
  unit: string;
  /** What 100% means (venue capacity); occupancy lights divide by it. */
  capacity: number;
  lastValue: number | null;
  lastAt: number | null;
}

export interface GaugeSeries {
  gauge: Gauge;
  from: number;
  to: number;
  /** Null: every reading; else readings folded into buckets of this many ms. */
  bucketMs: number | null;
  /** Raw readings, or per bucket: at = bucket start, value = last reading, min/max of the bucket. */
  points: { at: number; value: number; min: number; max: number }[];
}

/** What a source dry run would store: the pipeline's view, nothing inserted. */
export interface SourcePreviewItem {
  guid: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  lang: Lang;
  publishedAt: number;
  sentiment: number;
  label: SentimentLabel;
  emotions: Emotions;
  reach: number;
  tags: string[];
  topicIds: number[];
}

export interface SourceTestResult {
  /** Items the source returned (before the pipeline dropped empty ones). */
  found: number;
  /** The first 20 as they would be stored. */
  items: SourcePreviewItem[];
}

/** Progress of one file being imported (watched folder or `fenghuo import`). */
export interface ImportProgress {
  sourceId: number;
  file: string;
  state: 'reading' | 'done' | 'skipped' | 'failed';
  bytesDone: number;
  bytesTotal: number;
  rows: number;
  inserted: number;
  duplicates: number;
  /** Rows refused (written to the sidecar <file>.errors.jsonl). */
  errors: number;
  /** Texts longer than the stored limit, cut to it. */
  clipped?: number;
  /** Station time the reading began; null for a file not read (skipped, or refused before). */
  startedAt: number | null;
  /** How long the reading has taken so far (the station's monotonic clock). */
  elapsedMs: number;
  /**
   * Reading: rows per second over the last 20 s (null in the first second). Done: over the
   * whole reading. Computed by the station, so every screen shows the same figure.
   */
  rowsPerSec: number | null;
  /** Reading: seconds until the file is read at the recent byte rate, once it means something (after 5 s); else null. */
  secondsLeft: number | null;
  /** Why it was skipped or failed. */
  message: string | null;
}
