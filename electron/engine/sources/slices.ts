// Storing a big batch (a 50,000-item push, a file of a million rows) a slice at a time, with
// the event loop free between slices: the wall's /healthz, its event stream and other pushes
// are answered while the batch goes in. Each slice is its own transaction, so a crash keeps
// the slices already stored (ingest is idempotent: a retry stores only what is missing).
import type { IncomingItem, IngestResult } from './types';

/** Records mapped (or read) between two looks at the clock. */
export const SLICE = 250;
/** Work this long without a pause yields to the event loop, whatever the slice count. */
const BUSY_MS = 15;

/** Let timers, sockets and other requests run. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yields when the current stretch of work has run for BUSY_MS. */
export class Pacer {
  private since = performance.now();
  async pace(): Promise<void> {
    if (performance.now() - this.since < BUSY_MS) return;
    await yieldToLoop();
    this.since = performance.now();
  }
}

export interface SlicedResult extends IngestResult {
  clipped: number;
}

/** How long one slice (analysis + transaction) should hold the event loop. */
const SLICE_MS = 10;
/** Items a file import hands to the analysis thread at once. */
export const BULK_SLICE = 500;
/** Fewer items than this per transaction costs more in commits than it saves in latency. */
const MIN_SLICE = 20;

/**
 * How many items the next slice takes: from a running average of the time per item, so that
 * a slice lasts about SLICE_MS whatever the machine and the texts. One slow slice (a GC, a
 * busy core) counts for at most four times the average, so it cannot shrink the slices to a
 * single item and leave a big file paying a transaction per row. One sizer follows a file.
 */
export class SliceSizer {
  size: number;
  private perItemMs: number | null = null;
  /** Other work paced the same way (a retention move's deletes) brings its own budget and bounds. */
  constructor(private readonly limits: { ms?: number; first?: number; min?: number; max?: number } = {}) {
    this.size = limits.first ?? 20;
  }
  took(items: number, ms: number): void {
    const sample = ms / Math.max(1, items);
    this.perItemMs = this.perItemMs === null ? sample : 0.8 * this.perItemMs + 0.2 * Math.min(sample, 4 * this.perItemMs);
    const fits = Math.floor((this.limits.ms ?? SLICE_MS) / Math.max(0.001, this.perItemMs));
    this.size = Math.max(this.limits.min ?? MIN_SLICE, Math.min(this.size * 2, fits, this.limits.max ?? 2000));
  }
}

/**
 * `ingest` over `items` (a source's items, or rows already analysed) a slice at a time,
 * yielding between slices; the counts summed.
 */
export async function ingestInSlices<T = IncomingItem>(
  ingest: (items: T[]) => IngestResult,
  items: T[],
  sizer = new SliceSizer(),
): Promise<SlicedResult> {
  const total: SlicedResult = { inserted: 0, duplicates: 0, clipped: 0 };
  for (let i = 0; i < items.length; ) {
    const n = Math.min(sizer.size, items.length - i);
    const started = performance.now();
    const r = ingest(items.slice(i, i + n));
    sizer.took(n, performance.now() - started);
    i += n;
    total.inserted += r.inserted;
    total.duplicates += r.duplicates;
    total.clipped += r.clipped ?? 0;
    await yieldToLoop();
  }
  return total;
}
