// Ingest: a source's batch through the pipeline into one transaction (mentions, rollups and,
// from a poll, the source's new poll state), then a `mentions` event (folded with
// batches close behind it, core/news.ts) and a lights run soon.
// A failed write rolls back whole and turns the storage light red.
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Pipeline } from '../pipeline';
import type { IncomingItem, IngestResult } from '../sources/types';
import type { NewMention, PollState, Store } from '../store';
import type { StorageWatch } from './storage';
import { MentionNews, SAMPLE_SIZE } from './news';

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
    const source = this.store.sources.get(sourceId);
    if (!source) throw new Error(`source ${sourceId} does not exist`);
    const now = this.clock.now();
    const stats = { clipped: 0 };
    const rows = this.pipeline.prepare(sourceId, source.name, items, now, stats);
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
    return { inserted: ids.length, duplicates: duplicates + (items.length - rows.length), clipped: stats.clipped };
  }
}
