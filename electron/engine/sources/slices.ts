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
const SLICE_MS = 20;

/**
 * `ingest` over `items` a slice at a time, yielding between slices; the counts summed. The
 * slice grows or shrinks so that one takes about SLICE_MS, whatever the machine and the texts.
 */
export async function ingestInSlices(ingest: (items: IncomingItem[]) => IngestResult, items: IncomingItem[]): Promise<SlicedResult> {
  const total: SlicedResult = { inserted: 0, duplicates: 0, clipped: 0 };
  let size = 50;
  for (let i = 0; i < items.length; ) {
    const started = performance.now();
    const r = ingest(items.slice(i, i + size));
    i += size;
    total.inserted += r.inserted;
    total.duplicates += r.duplicates;
    total.clipped += r.clipped ?? 0;
    const took = Math.max(0.1, performance.now() - started);
    size = Math.max(5, Math.min(2000, Math.round((size * SLICE_MS) / took)));
    if (i < items.length) await yieldToLoop();
  }
  return total;
}
