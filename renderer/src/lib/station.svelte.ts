// The station as the renderer sees it: connection state, status, lights, topics and rules,
// the station's clock (corrected for skew), and a fan-out of live mention batches to panels.
// Everything refreshes on every (re)connect: `epoch` counts hellos, panels refetch on it.
import type { StationEvent } from '../../../shared/api';
import type { Alert, LightRule, LightState, Source, StationStatus, Topic } from '../../../shared/types';
import { call, connectEvents, type LinkState } from './api';

type MentionsEvent = Extract<StationEvent, { type: 'mentions' }>;

export const station = $state({
  link: 'connecting' as LinkState,
  everOpen: false,
  status: null as StationStatus | null,
  lights: [] as LightState[],
  lightsAt: null as number | null,
  topics: [] as Topic[],
  rules: [] as LightRule[],
  /** Sources with their health, kept current by `source` events. */
  sources: [] as Source[],
  /** The role of this page's token: viewers cannot correct, annotate or edit. */
  role: null as 'viewer' | 'admin' | null,
  newestAt: null as number | null,
  /** Station time of the last message received: the moment the screen's data froze when cut off. */
  lastMessageAt: null as number | null,
  /** Station clock minus the browser's, from the server's `now` on every message. */
  skew: 0,
  epoch: 0,
});

/** The station's clock, ticking once a second for everything on screen. */
export const clock = $state({ now: Date.now() });

const bootAt = Date.now();
const mentionListeners = new Set<(e: MentionsEvent) => void>();
const alertListeners = new Set<(a: Alert) => void>();

/** Subscribe to light changes logged as alerts; returns the unsubscribe. */
export function onAlert(fn: (a: Alert) => void): () => void {
  alertListeners.add(fn);
  return () => alertListeners.delete(fn);
}

/** The link is down (or never came up within a few seconds): the wall must say so. */
export function isCutOff(): boolean {
  return station.link !== 'open' && (station.everOpen || clock.now - bootAt > 5000);
}

/** Subscribe to live mention batches; returns the unsubscribe (call it in the effect's cleanup). */
export function onMentions(fn: (e: MentionsEvent) => void): () => void {
  mentionListeners.add(fn);
  return () => mentionListeners.delete(fn);
}

function handle(event: StationEvent): void {
  station.skew = event.now - Date.now();
  station.lastMessageAt = event.now;
  switch (event.type) {
    case 'hello':
      station.status = event.status;
      station.newestAt = event.status.newestMentionAt;
      station.everOpen = true;
      station.role = event.role;
      station.epoch++;
      void refreshReference();
      break;
    case 'tick':
      station.newestAt = event.newestMentionAt;
      break;
    case 'mentions':
      station.newestAt = Math.max(station.newestAt ?? 0, event.newestAt);
      for (const fn of mentionListeners) fn(event);
      break;
    case 'lights':
      station.lights = event.lights;
      station.lightsAt = event.now;
      break;
    case 'station':
      station.status = event.status;
      break;
    case 'source': {
      const i = station.sources.findIndex((x) => x.id === event.source.id);
      if (i >= 0) station.sources[i] = event.source;
      else station.sources.push(event.source);
      break;
    }
    case 'alert':
      for (const fn of alertListeners) fn(event.alert);
      break;
  }
}

/** Topics, rules and lights: small reference data every panel may need. */
async function refreshReference(): Promise<void> {
  const [topics, rules, lights, sources] = await Promise.allSettled([
    call('topics.list', {}),
    call('rules.list', {}),
    call('lights.list', {}),
    call('sources.list', {}),
  ]);
  if (sources.status === 'fulfilled') station.sources = sources.value;
  if (topics.status === 'fulfilled') station.topics = topics.value;
  if (rules.status === 'fulfilled') station.rules = rules.value;
  if (lights.status === 'fulfilled') {
    station.lights = lights.value;
    station.lightsAt = stationNow();
  }
}

export function stationNow(): number {
  return Date.now() + station.skew;
}

/** Starts the link and the clock; returns the stop for both. */
export function startStation(): () => void {
  const timer = setInterval(() => (clock.now = stationNow()), 1000);
  const close = connectEvents({
    onEvent: handle,
    onState: (s) => {
      station.link = s;
      clock.now = stationNow();
    },
  });
  return () => {
    clearInterval(timer);
    close();
  };
}
