// The data side of a panel, so a panel file holds only its chart or markup: load the panel's
// window (ending at the board's now) through a Feed, reload on reconnect, on a new window or
// topic list, when presenter mode moves the board's time, and on live mentions about the
// panel's topics when its definition follows them (and when one of them has had its history
// re-tagged); and the frame's title, window, age and
// loading / error / empty state in words. Call it while the panel component initialises.
import type { Panel } from '../../../shared/types';
import type { StationEvent } from '../../../shared/api';
import type { PanelDefinition } from '../panels/define';
import { panelTitle } from '../panels/define';
import { Feed } from './feed.svelte';
import { station, onMentions, onGauge, onRetag } from '../state/station.svelte';
import { presenter, boardWindow } from './presenter.svelte';
import { touchesTopics } from './topics';
import { sayError } from './errors';
import { t, fmtDuration } from '../i18n/index.svelte';

type MentionsEvent = Extract<StationEvent, { type: 'mentions' }>;

export interface PanelFeedOptions<T> {
  /** The panel's data for a window of this many minutes ending at the board's now. */
  load(windowMin: number): Promise<T>;
  /** An answer with nothing to show: the frame says so instead of drawing an empty chart. */
  isEmpty(data: T): boolean;
  /** Live refreshes at most this often (bursts of mentions collapse). */
  throttleMs?: number;
  /** How long the panel animates a change (its chart's update animation); 0 when it does not. */
  animateMs?(): number;
  /** Reload on this slow timer too, so a sliding window keeps sliding. */
  everyMs?: number;
  /** Anything else a reload depends on (read here, so the effect tracks it). */
  dependsOn?(): unknown;
  /** Handle live mentions about the panel's topics here instead of reloading. */
  onMention?(event: MentionsEvent): void;
}

export interface FrameProps {
  kind: string;
  title: string;
  windowLabel: string;
  updatedAt: number | null;
  state: 'loading' | 'error' | 'empty' | 'ready';
  message: string;
  warning: string | null;
}

export interface PanelFeed<T> {
  readonly data: T | null;
  readonly error: unknown;
  readonly updatedAt: number | null;
  /** The window shown: the panel's own, or presenter mode's for the whole board. */
  readonly windowMin: number;
  /** Props for PanelFrame: `<PanelFrame {...feed.frame}>`. */
  readonly frame: FrameProps;
}

export function createPanelFeed<T>(panel: () => Panel, definition: PanelDefinition, opts: PanelFeedOptions<T>): PanelFeed<T> {
  const windowMin = $derived(boardWindow(panel().windowMin));
  const feed = new Feed<T>(() => opts.load(windowMin), opts.throttleMs, opts.animateMs);

  $effect(() => {
    void station.epoch;
    void windowMin;
    void panel().topicIds;
    void presenter.at;
    opts.dependsOn?.();
    return feed.start(opts.everyMs);
  });

  // Places: new readings redraw the lamps at once (a frozen board ignores them in refresh).
  if (definition.data.follows.includes('gauge')) $effect(() => onGauge(() => feed.refresh()));

  if (definition.data.follows.includes('mentions')) {
    $effect(() =>
      onMentions((e) => {
        if (!touchesTopics(e.byTopic, panel().topicIds)) return;
        if (opts.onMention) opts.onMention(e);
        else feed.refresh();
      }),
    );
    // A topic's history re-tagged (its query edited): its counts changed back in time.
    $effect(() =>
      onRetag((e) => {
        if (e.phase === 'done' && e.changes > 0 && touchesTopics({ [e.topicId]: 1 }, panel().topicIds)) feed.refresh();
      }),
    );
  }

  const frame = $derived.by((): FrameProps => {
    const data = feed.data;
    const failed = feed.error != null ? t('panel.error', { message: sayError(feed.error) }) : null;
    return {
      kind: definition.kind,
      title: panelTitle(panel(), definition),
      windowLabel: definition.options.window ? t('panel.window', { window: fmtDuration(windowMin) }) : '',
      updatedAt: feed.updatedAt,
      state: data != null ? (opts.isEmpty(data) ? 'empty' : 'ready') : failed ? 'error' : 'loading',
      message: failed ?? t('panel.empty'),
      warning: data != null ? failed : null,
    };
  });

  return {
    get data() {
      return feed.data;
    },
    get error() {
      return feed.error;
    },
    get updatedAt() {
      return feed.updatedAt;
    },
    get windowMin() {
      return windowMin;
    },
    get frame() {
      return frame;
    },
  };
}
