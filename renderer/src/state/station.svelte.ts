// The station link as the renderer sees it: connection state, status, the role of this
// page's token, the station's clock (corrected for skew), and the one place the event
// stream is read: each event goes to the state module of its domain (topics, rules,
// sources, boards, lights, alerts, imports; the change events replace a domain's list whole)
// or to the panels' mention listeners.
// Everything refreshes on every (re)connect: `epoch` counts hellos, panels refetch on it.
import type { Role, StationEvent } from '../../../shared/api';
import type { StationStatus } from '../../../shared/types';
import { ApiError, call, connectEvents, type LinkState } from '../lib/api';
import { loadTopics, setTopics } from './topics.svelte';
import { loadRules, setRules } from './rules.svelte';
import { loadSources, putSource, setSources } from './sources.svelte';
import { loadBoards, setBoards } from './boards.svelte';
import { loadLights, setLights } from './lights.svelte';
import { announceAlert } from './alerts.svelte';
import { trackImport } from './imports.svelte';
import { router } from '../lib/router.svelte';
import { buildReport, REPORT_EVERY_MS } from '../lib/screenReport';
import { i18n } from '../i18n/index.svelte';
import { pageTurns, setTurnsSkew } from '../lib/turns';

type MentionsEvent = Extract<StationEvent, { type: 'mentions' }>;
type RetagEvent = Extract<StationEvent, { type: 'retag' }>;

export const station = $state({
  link: 'connecting' as LinkState,
  everOpen: false,
  status: null as StationStatus | null,
  /** The role of this page's token: viewers cannot correct, annotate or edit; public sees places only. */
  role: null as Role | null,
  newestAt: null as number | null,
  /** Station time of the last message received: the moment the screen's data froze when cut off. */
  lastMessageAt: null as number | null,
  /** Station clock minus the browser's, from the server's `now` on every message. */
  skew: 0,
  epoch: 0,
  /** The station answered that this page's token is not (or no longer) valid: revoked or mistyped. */
  refused: false,
});

/** The station's clock, ticking once a second for everything on screen. */
export const clock = $state({ now: Date.now() });

const bootAt = Date.now();
const mentionListeners = new Set<(e: MentionsEvent) => void>();
const gaugeListeners = new Set<() => void>();
const retagListeners = new Set<(e: RetagEvent) => void>();

/** The link is down (or never came up within a few seconds): the wall must say so. */
export function isCutOff(): boolean {
  return station.link !== 'open' && (station.everOpen || clock.now - bootAt > 5000);
}

/** Subscribe to new place readings (a lamp may have changed); returns the unsubscribe. */
export function onGauge(fn: () => void): () => void {
  gaugeListeners.add(fn);
  return () => gaugeListeners.delete(fn);
}

/** Subscribe to how far topics' re-tags are (the topic form's progress); returns the unsubscribe. */
export function onRetag(fn: (e: RetagEvent) => void): () => void {
  retagListeners.add(fn);
  return () => retagListeners.delete(fn);
}

/** Subscribe to live mention batches; returns the unsubscribe (call it in the effect's cleanup). */
export function onMentions(fn: (e: MentionsEvent) => void): () => void {
  mentionListeners.add(fn);
  return () => mentionListeners.delete(fn);
}

const lightsTurn = {};
/** Sources whose health changed, put in their turn (a source's newest event wins). */
const changedSources = new Map<number, Extract<StationEvent, { type: 'source' }>['source']>();

/** A whole list replaces them: a removed source must not come back with a late change. */
function forgetChangedSources(): void {
  pageTurns.drop(changedSources);
  changedSources.clear();
}

function handle(event: StationEvent): void {
  station.skew = event.now - Date.now();
  setTurnsSkew(station.skew);
  station.lastMessageAt = event.now;
  switch (event.type) {
    case 'hello':
      station.status = event.status;
      station.newestAt = event.status.newestMentionAt;
      station.everOpen = true;
      station.role = event.role;
      station.refused = false;
      station.epoch++;
      // Whole lists follow: nothing waiting in a turn may overwrite them with older news.
      forgetChangedSources();
      pageTurns.drop(lightsTurn);
      // A places-only token may not read topics, rules, sources, boards or lights.
      if (event.role !== 'public') refreshAll();
      break;
    case 'tick':
      station.newestAt = event.newestMentionAt;
      break;
    case 'mentions':
      station.newestAt = Math.max(station.newestAt ?? 0, event.newestAt);
      for (const fn of mentionListeners) fn(event);
      break;
    case 'lights': {
      // Live changes to what a wall shows land in a turn (lib/turns.ts); the newest wins.
      const { lights, now } = event;
      pageTurns.take(lightsTurn, 0, () => setLights(lights, now));
      break;
    }
    case 'station':
      station.status = event.status;
      break;
    case 'source':
      changedSources.set(event.source.id, event.source);
      pageTurns.take(changedSources, 0, () => {
        for (const source of changedSources.values()) putSource(source);
        changedSources.clear();
      });
      break;
    case 'alert':
      announceAlert(event.alert);
      break;
    case 'import':
      trackImport(event.progress, event.now);
      break;
    case 'gauge':
      for (const fn of gaugeListeners) fn();
      break;
    case 'retag':
      for (const fn of retagListeners) fn(event);
      break;
    // Someone changed topics, rules, boards or sources: every open screen follows at once.
    case 'topics':
      setTopics(event.topics);
      break;
    case 'rules':
      setRules(event.rules);
      break;
    case 'boards':
      setBoards(event.boards);
      break;
    case 'sources':
      forgetChangedSources();
      setSources(event.sources);
      break;
  }
}

/** After a (re)connect: what every view may need, each from its own module. */
function refreshAll(): void {
  const loads = [loadTopics(), loadRules(), loadSources(), loadBoards(), loadLights(stationNow())];
  // One failed list must not hide the others; the next reconnect tries again.
  for (const load of loads) load.catch(() => {});
}

/**
 * The link dropped: is the station away, or does it refuse this page's token (revoked while
 * open, or a stale cookie)? The event stream cannot tell (a refused upgrade is just a closed
 * socket); an api call any valid token may make can: 401.
 */
async function probeToken(): Promise<void> {
  try {
    await call('gauges.list', {});
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) station.refused = true;
  }
}

export function stationNow(): number {
  return Date.now() + station.skew;
}

/** Starts the link and the clock; returns the stop for both. */
export function startStation(): () => void {
  // On the station's whole seconds, between the panels' turns (lib/turns.ts).
  const stopTicks = pageTurns.ticks(() => (clock.now = stationNow()));
  const close = connectEvents({
    onEvent: handle,
    report: () => buildReport(router.route.view, i18n.locale),
    reportEveryMs: REPORT_EVERY_MS,
    onState: (s) => {
      station.link = s;
      clock.now = stationNow();
      if (s === 'closed') void probeToken();
    },
  });
  return () => {
    stopTicks();
    close();
  };
}
