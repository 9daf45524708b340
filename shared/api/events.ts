// The events pushed on the WebSocket stream (/events), with what each means.
import type { Place } from '../gauges';
import type { Alert, Board, ImportProgress, LightRule, LightState, Mention, Source, StationStatus, Topic } from '../types';
import type { Role } from './method';

/** Events pushed on the WebSocket stream. */
export type StationEvent =
  | { type: 'hello'; now: number; status: StationStatus; role: Role }
  | {
      type: 'mentions';
      now: number;
      /** Station time the oldest batch in this event was stored (batches close together are folded into one event). */
      storedAt: number;
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
  /** A topic's re-tag under way (topics.retag): reading the stored mentions, comparing links, writing the changed ones; then done. */
  | { type: 'retag'; now: number; topicId: number; phase: 'reading' | 'comparing' | 'writing' | 'done'; fraction: number; scanned: number; changes: number }
  | { type: 'gauge'; now: number; place: Place };

export type EventType = StationEvent['type'];

export const EVENT_DOCS: Record<EventType, string> = {
  hello: 'Sent once on connect: the station status and the role of the token used.',
  mentions: 'New mentions were stored (batches within 100 ms make one event): how many, per topic, and the newest few.',
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
  retag: "A topic's re-tag (topics.retag) is under way: its phase (reading the stored mentions, comparing links, writing the changed ones), how far through it (0–1), mentions read and links changing so far; a few a second at most. Then `done` once its links and counts are written: walls redraw that topic's history.",
  gauge: 'Readings were stored for a place: the place as of now (latest reading, share, lamp).',
};
