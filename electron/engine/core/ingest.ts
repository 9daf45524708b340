// Ingest: a source's batch through the pipeline into one transaction (mentions, rollups and,
// from a poll, the source's new poll state), then a `mentions` event (folded with
// batches close behind it, core/news.ts) and a lights run soon.
// A failed write rolls back whole and turns the storage light red. A bulk batch (a file) is
// analysed on another thread (core/prepare-pool.ts) and written here in slices, in order.
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Pipeline } from '../pipeline';
import type { IncomingItem, IngestResult } from '../sources/types';
import type { NewMention, PollState, Store } from '../store';
import { ingestInSlices, SliceSizer } from '../sources/slices';
import type { StorageWatch } from './storage';
import { MentionNews, SAMPLE_SIZE } from './news';
import type { PreparePool } from './prepare-pool';

export class Ingest {
  private news: MentionNews;

  constructor(
    private store: Store,
    private clock: Clock,
    private events: EventHub,
    private pipeline: Pipeline,
    private storage: StorageWatch,
    /** New mentions were stored (lights re-evaluate soon). */
    private onStored: () => void,
    private pool: PreparePool,
  ) {
    this.news = new MentionNews(clock, events, (ids) => store.mentions.byIds(ids));
  }

  /** The station is closing: the last folded `mentions` event goes out now. */
  stop(): void {
    this.news.flush();
  }

  /** What the pipeline would store for these items, storing nothing (sources.test). */
  preview(sourceId: number, sourceName: string, items: IncomingItem[]): NewMention[] {
    return this.pipeline.prepare(sourceId, sourceName, items, this.clock.now());
  }

  ingest(sourceId: number, items: IncomingItem[], poll?: PollState & { nextCheckAt: number }): IngestResult {
    const now = this.clock.now();
    const stats = { clipped: 0 };
    const rows = this.pipeline.prepare(sourceId, this.sourceName(sourceId), items, now, stats);
    const r = this.write(sourceId, rows, now, poll);
    return { inserted: r.inserted, duplicates: r.duplicates + (items.length - rows.length), clipped: stats.clipped };
  }

  /** The tail of the bulk batches being written: each waits for the one before it. */
  private bulkTail: Promise<unknown> = Promise.resolve();
  /** Each source's bulk writes share one sizer (transactions of ~10 ms, as every slice). */
  private sizers = new Map<number, SliceSizer>();

  /**
   * A batch of a file: analysed on the analysis thread while earlier batches are written, then
   * written here in slices short enough to keep the event loop answering (one sizer follows
   * each source's bulk writes; the rows come analysed, so a slice holds more of them). Batches
   * are written in the order they were handed in.
   */
  ingestBulk(sourceId: number, items: IncomingItem[]): Promise<IngestResult> {
    let sizer = this.sizers.get(sourceId);
    if (!sizer) this.sizers.set(sourceId, (sizer = new SliceSizer()));
    const now = this.clock.now();
    const sourceName = this.sourceName(sourceId);
    const version = this.pool.topicsVersion;
    const prepared = this.pool.prepare({ sourceId, sourceName, items, now });
    // A longer write-ahead log while any file's batches are in flight (Store.bulkWrites).
    this.store.bulkWrites(true);
    const written = Promise.all([prepared, this.bulkTail]).then(async ([batch]) => {
      const rows = batch.rows();
      // A topic saved since the batch was handed over: its re-tag only reaches what was stored
      // when it began, so a slice written after the save is linked by the topics as they are now.
      const r = await ingestInSlices((slice: NewMention[]) => {
        if (this.pool.topicsVersion !== version) this.pipeline.relink(slice, sourceName);
        return this.write(sourceId, slice, now);
      }, rows, sizer);
      return { inserted: r.inserted, duplicates: r.duplicates + (items.length - rows.length), clipped: batch.clipped };
    });
    this.bulkTail = written.catch(() => {});
    void this.bulkTail.then(() => this.store.bulkWrites(false));
    return written;
  }

  private sourceName(sourceId: number): string {
    const source = this.store.sources.get(sourceId);
    if (!source) throw new Error(`source ${sourceId} does not exist`);
    return source.name;
  }

  /** Rows into one transaction (with the poll state, when given), then the stream and lights. */
  private write(sourceId: number, rows: NewMention[], now: number, poll?: PollState & { nextCheckAt: number }): { inserted: number; duplicates: number } {
    let stored: { ids: number[]; duplicates: number; stored: NewMention[] };
    try {
      stored = this.store.ingest(rows, poll ? { id: sourceId, poll, now, nextCheckAt: poll.nextCheckAt } : undefined);
    } catch (e) {
      // The transaction rolled back: nothing half-written. Say why, in words, on the wall.
      const problem = this.storage.failed(e);
      if (!problem) throw e;
      throw new Error(problem, { cause: e });
    }
    this.storage.wrote();
    const { ids, duplicates } = stored;
    if (ids.length > 0) {
      const byTopic: Record<string, number> = {};
      let newestAt = 0;
      for (const r of rows) newestAt = Math.max(newestAt, r.publishedAt);
      // Counted from the rows just stored (not read back): their topic links are exactly these.
      for (const m of stored.stored) for (const t of m.topicIds) byTopic[t] = (byTopic[t] ?? 0) + 1;
      this.news.add({ now, count: ids.length, newestAt, byTopic, sampleIds: ids.slice(-SAMPLE_SIZE) });
      this.onStored();
    }
    return { inserted: ids.length, duplicates };
  }
}
