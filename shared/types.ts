// Domain types shared by the engine and the renderer. Plain data only: everything here
// crosses the HTTP/WebSocket boundary as JSON. Times are epoch milliseconds, UTC.

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

export type SourceKind = 'feed' | 'replay';

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
}

export interface LightRule {
  id: number;
  topicId: number;
  name: string;
  /** Window the metrics are computed over, in minutes. */
  windowMin: number;
  /** Mentions in the window at which the light turns yellow / red (null: not used). */
  volumeYellow: number | null;
  volumeRed: number | null;
  /** Share of negative mentions in the window, 0..1 (null: not used). */
  negShareYellow: number | null;
  negShareRed: number | null;
  /** Fewest mentions in the window before negative share counts (avoids 1 of 1 = 100%). */
  minVolume: number;
  /** No mention newer than this many minutes: the light is gray. */
  staleAfterMin: number;
  enabled: boolean;
}

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
}

export type PanelKind = 'lights' | 'volume' | 'heat' | 'stream';

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
}
