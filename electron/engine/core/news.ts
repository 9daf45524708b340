// The `mentions` event, paced: a push or an import stores its items in many small transactions
// (a 500-item push is a dozen), and every wall re-runs its handlers for every event. The first
// batch after a quiet spell goes out at once; batches stored within the next WINDOW_MS are
// folded into one event (counts and topics summed, the newest few kept) sent when it ends.
// A wall sees a batch at most WINDOW_MS late, and a busy station sends ≤ 1000 / WINDOW_MS
// events a second per wall instead of one per transaction. The newest few mentions (the live
// streams' sample) are read from the store once per event, not once per transaction: an import
// stores a slice of ~40 rows at a time, and reading back 20 of them each time cost it 6 %.
import type { StationEvent } from '../../../shared/api';
import type { Mention } from '../../../shared/types';
import type { Clock } from '../clock';
import type { EventHub } from '../events';

type MentionsEvent = Extract<StationEvent, { type: 'mentions' }>;
export interface MentionsBatch extends Omit<MentionsEvent, 'type' | 'storedAt' | 'sample'> {
  /** The batch's newest mention ids, oldest first. */
  sampleIds: number[];
}
type Pending = Omit<MentionsBatch, 'now'> & { storedAt: number };

/** Batches stored this close together make one event. */
export const WINDOW_MS = 100;
/** Mentions an event carries for live streams (the newest). */
export const SAMPLE_SIZE = 20;

export class MentionNews {
  private pending: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Monotonic time the last event went out. */
  private sentAt = -Infinity;

  constructor(
    private clock: Clock,
    private events: EventHub,
    /** The stored mentions with these ids (the sample), newest first. */
    private read: (ids: number[]) => Mention[],
    private windowMs = WINDOW_MS,
  ) {}

  /** A batch was stored at `now` (station time). */
  add(batch: MentionsBatch): void {
    if (this.pending) {
      fold(this.pending, batch);
      return;
    }
    const { now, ...rest } = batch;
    const pending: Pending = { ...rest, byTopic: { ...batch.byTopic }, storedAt: now, sampleIds: batch.sampleIds.slice(-SAMPLE_SIZE) };
    const quietFor = this.clock.mono() - this.sentAt;
    if (quietFor >= this.windowMs) return this.send(pending, now);
    this.pending = pending;
    this.timer = setTimeout(() => this.flush(), this.windowMs - quietFor);
  }

  /** Sends what is waiting now (the station is closing, or a test wants it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending) this.send(pending, this.clock.now());
  }

  private send(p: Pending, now: number): void {
    this.sentAt = this.clock.mono();
    const { sampleIds, ...counts } = p;
    let sample: Mention[] = [];
    try {
      // Nobody listening (an import run from the command line): no read.
      if (this.events.size > 0) sample = this.read(sampleIds);
    } catch {
      // A failing read (a full or broken disk) costs the live streams their sample, not the event.
    }
    this.events.emit({ type: 'mentions', now, ...counts, sample });
  }
}

function fold(into: Pending, batch: MentionsBatch): void {
  into.count += batch.count;
  into.newestAt = Math.max(into.newestAt, batch.newestAt);
  for (const [topic, n] of Object.entries(batch.byTopic)) into.byTopic[topic] = (into.byTopic[topic] ?? 0) + n;
  into.sampleIds = [...into.sampleIds, ...batch.sampleIds].slice(-SAMPLE_SIZE);
}
