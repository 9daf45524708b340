// Re-tagging a topic's history from the forms that change a query (a topic saved, a setup file
// imported), stretch by stretch, and how far it is (the station's `retag` events): the share of
// a stretch done, for a progress bar, and what it is doing, in words.
import type { StationEvent } from '../../../shared/api';
import { t, fmtNumber, fmtPercent } from '../i18n/index.svelte';
import { call } from './api';
import { onRetag } from '../state/station.svelte';
import { retagInStretches } from '../../../shared/retag';

export type RetagEvent = Extract<StationEvent, { type: 'retag' }>;

/** A stretch's share of its time spent reading, then comparing links, then writing (a guess for the bar; the words say which). */
const PHASE_SPAN = { reading: [0, 0.7], comparing: [0.7, 0.75], writing: [0.75, 1], done: [1, 1] } as const;

/** How much of the stretch is done (0–1). */
function retagDone(e: RetagEvent): number {
  const [a, b] = PHASE_SPAN[e.phase];
  return a + (b - a) * e.fraction;
}

/** What the re-tag is doing now, in the reader's language. */
function sayRetag(e: RetagEvent): string {
  const pct = fmtPercent(e.fraction);
  if (e.phase === 'reading') return t('topics.retagReading', { n: fmtNumber(e.scanned), pct });
  if (e.phase === 'comparing') return t('topics.retagComparing');
  if (e.phase === 'done') return '';
  return t('topics.retagWriting', { n: fmtNumber(e.changes), pct });
}

/** What a screen shows of the re-tag under way: the topic (null once it ended), its stretch's share done and words. */
export interface RetagProgress {
  topicId: number | null;
  done: number;
  doing: string;
}

/** Follows the station's `retag` events into the progress `shown()` (null: none); returns the stop. */
export function followRetag(shown: () => RetagProgress | null): () => void {
  return onRetag((e) => {
    const p = shown();
    if (!p || p.topicId !== e.topicId) return;
    p.done = retagDone(e);
    p.doing = sayRetag(e);
  });
}

/** A topic's stored history re-tagged stretch by stretch (shared/retag.ts); `onStretch` hears each as it starts. Returns how many mentions the topic holds. */
export async function retagHistory(id: number, onStretch: (step: number, of: number, days: number) => void): Promise<number> {
  return (await retagInStretches(id, (p) => call('topics.retag', p), { onStretch })).tagged;
}
