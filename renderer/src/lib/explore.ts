// Explore's search filter: what the analyst set, as the params of `mentions.search` (and of
// `mentions.export`, which takes the same filter). Pure, so the time ranges are tested.
import type { Params } from '../../../shared/api';
import type { Lang, SentimentLabel } from '../../../shared/types';

export type MentionFilter = Omit<Params<'mentions.search'>, 'limit' | 'offset'>;

export const RANGES = ['all', '1h', '24h', '7d', '30d', 'custom'] as const;
export type Range = (typeof RANGES)[number];
const RANGE_MS: Record<Exclude<Range, 'all' | 'custom'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export interface FilterInputs {
  q: string;
  topicId: number;
  sourceId: number;
  lang: Lang | '';
  label: SentimentLabel | '';
  range: Range;
  /** `datetime-local` values, read in the browser's zone (custom range only). */
  customFrom: string;
  customTo: string;
}

export const NO_FILTER: FilterInputs = { q: '', topicId: 0, sourceId: 0, lang: '', label: '', range: 'all', customFrom: '', customTo: '' };

/** The search params for these inputs; a relative range ends at `now` (the station's clock). */
export function mentionFilter(f: FilterInputs, now: number): MentionFilter {
  const out: MentionFilter = {};
  if (f.q) out.q = f.q;
  if (f.topicId) out.topicId = f.topicId;
  if (f.sourceId) out.sourceId = f.sourceId;
  if (f.lang) out.lang = f.lang;
  if (f.label) out.label = f.label;
  if (f.range === 'custom') {
    const from = f.customFrom ? new Date(f.customFrom).getTime() : NaN;
    const to = f.customTo ? new Date(f.customTo).getTime() : NaN;
    if (Number.isFinite(from)) out.from = Math.max(0, from);
    if (Number.isFinite(to)) out.to = Math.max(0, to);
  } else if (f.range !== 'all') {
    out.from = Math.max(0, now - RANGE_MS[f.range]);
  }
  return out;
}
