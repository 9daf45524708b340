// The `mentions` event, paced: a push or an import stores its items in many small transactions
// (a 500-item push is a dozen), and every wall re-runs its handlers for every event. The first
// batch after a quiet spell goes out at once; batches stored within the next WINDOW_MS are
// folded into one event (counts and topics summed, the newest few kept) sent when it ends.
// A wall sees a batch at most WINDOW_MS late, and a busy station sends ≤ 1000 / WINDOW_MS
// events a second per wall instead of one per transaction.
import type { StationEvent } from '../../../shared/api';
import type { Clock } from '../clock';
import type { EventHub } from '../events';

type MentionsEvent = Extract<StationEvent, { type: 'mentions' }>;
export type MentionsBatch = Omit<MentionsEvent, 'type' | 'storedAt'>;

/** Batches stored this close together make one event. */
export const WINDOW_MS = 100;
/** Mentions an event carries for live streams (the newest). */
export const SAMPLE_SIZE = 20;

export class MentionNews {
  private pending: MentionsEvent | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Monotonic time the last event went out. */
  private sentAt = -Infinity;

  constructor(
    private clock: Clock,
    private events: EventHub,
    private windowMs = WINDOW_MS,
  ) {}

  /** A batch was stored at `now` (station time). */
  add(batch: MentionsBatch): void {
    if (this.pending) {
      fold(this.pending, batch);
      return;
    }
    const event: MentionsEvent = { type: 'mentions', ...batch, storedAt: batch.now, sample: batch.sample.slice(-SAMPLE_SIZE) };
    const quietFor = this.clock.mono() - this.sentAt;
    if (quietFor >= this.windowMs) return this.send(event);
    this.pending = event;
    this.timer = setTimeout(() => this.flush(), this.windowMs - quietFor);
  }

  /** Sends what is waiting now (the station is closing, or a test wants it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const event = this.pending;
    this.pending = null;
    if (event) this.send({ ...event, now: this.clock.now() });
  }

  private send(event: MentionsEvent): void {
    this.sentAt = this.clock.mono();
    this.events.emit(event);
  }
}

function fold(into: MentionsEvent, batch: MentionsBatch): void {
  into.count += batch.count;
  into.newestAt = Math.max(into.newestAt, batch.newestAt);
  for (const [topic, n] of Object.entries(batch.byTopic)) into.byTopic[topic] = (into.byTopic[topic] ?? 0) + n;
  into.sample = [...into.sample, ...batch.sample].slice(-SAMPLE_SIZE);
}
