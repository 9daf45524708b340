// Explore's filters in the address (?q=…&topic=3&source=2&lang=zh-Hant&label=negative&range=24h,
// or from=/to= in epoch ms for an exact stretch), so a search can be shared, comes back on
// reload, and a chart's point can open Explore on exactly its bucket.
import { LANGS, type Lang, type SentimentLabel } from '../../../../shared/types';
import { NO_FILTER, RANGES, type FilterInputs, type Range } from '../../lib/explore';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/** Epoch ms as a `datetime-local` value in this browser's zone (to the second when it has seconds). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.getSeconds() || d.getMilliseconds() ? `${base}:${p(d.getSeconds())}` : base;
}

export function readExploreAddress(search: string): FilterInputs {
  const q = new URLSearchParams(search);
  const out: FilterInputs = { ...NO_FILTER };
  out.q = (q.get('q') ?? '').slice(0, 500);
  out.topicId = positive(q.get('topic'));
  out.sourceId = positive(q.get('source'));
  const lang = q.get('lang');
  if (lang && (LANGS as readonly string[]).includes(lang)) out.lang = lang as Lang;
  const label = q.get('label');
  if (label && (LABELS as readonly string[]).includes(label)) out.label = label as SentimentLabel;
  const from = positive(q.get('from'));
  const to = positive(q.get('to'));
  const range = q.get('range');
  if (from || to) {
    out.range = 'custom';
    out.customFrom = from ? toLocalInput(from) : '';
    out.customTo = to ? toLocalInput(to) : '';
  } else if (range && (RANGES as readonly string[]).includes(range) && range !== 'custom') {
    out.range = range as Range;
  }
  return out;
}

export function writeExploreAddress(f: FilterInputs): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.topicId) q.set('topic', String(f.topicId));
  if (f.sourceId) q.set('source', String(f.sourceId));
  if (f.lang) q.set('lang', f.lang);
  if (f.label) q.set('label', f.label);
  if (f.range === 'custom') {
    const from = f.customFrom ? new Date(f.customFrom).getTime() : NaN;
    const to = f.customTo ? new Date(f.customTo).getTime() : NaN;
    if (Number.isFinite(from)) q.set('from', String(from));
    if (Number.isFinite(to)) q.set('to', String(to));
  } else if (f.range !== 'all') q.set('range', f.range);
  const s = q.toString();
  return s ? `?${s}` : '';
}
