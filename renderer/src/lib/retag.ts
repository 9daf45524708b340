// Re-tagging a topic's history from the forms that change a query (a topic saved, a setup file
// imported), stretch by stretch, and how far it is (the station's `retag` events): the share of
// a stretch done, for a progress bar, and what it is doing, in words.
import type { StationEvent } from '../../../shared/api';
import { t, fmtNumber, fmtPercent } from '../i18n/index.svelte';
import { call } from './api';

export type RetagEvent = Extract<StationEvent, { type: 'retag' }>;

/** A stretch's share of its time spent reading, then comparing links, then writing (a guess for the bar; the words say which). */
const PHASE_SPAN = { reading: [0, 0.7], comparing: [0.7, 0.75], writing: [0.75, 1] } as const;

/** How much of the stretch is done (0–1). */
export function retagDone(e: RetagEvent): number {
  const [a, b] = PHASE_SPAN[e.phase];
  return a + (b - a) * e.fraction;
}

/** What the re-tag is doing now, in the reader's language. */
export function sayRetag(e: RetagEvent): string {
  const pct = fmtPercent(e.fraction);
  if (e.phase === 'reading') return t('topics.retagReading', { n: fmtNumber(e.scanned), pct });
  if (e.phase === 'comparing') return t('topics.retagComparing');
  return t('topics.retagWriting', { n: fmtNumber(e.changes), pct });
}

/** The stretches of history re-tagged one after another, in days back (0: all the rest). */
const RETAG_DAYS = [1, 7, 30, 365, 0];

/**
 * A topic's stored history re-tagged newest stretch first, so the wall shows the recent stretch
 * right away; then further back, each stretch ending where the one before began (nothing is read
 * twice). `onStretch` hears each stretch as it starts. Returns how many mentions the topic holds.
 */
export async function retagHistory(id: number, onStretch: (step: number, of: number, days: number) => void): Promise<number> {
  let tagged = 0;
  let before: number | undefined;
  for (const [i, days] of RETAG_DAYS.entries()) {
    onStretch(i, RETAG_DAYS.length, days);
    const r = await call('topics.retag', { id, ...(days ? { days } : {}), ...(before != null ? { before } : {}) });
    tagged += r.tagged;
    before = r.from;
  }
  return tagged;
}
