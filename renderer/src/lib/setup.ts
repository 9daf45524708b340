// Pure helpers of the rooms that make a station one's own (topics, light rules, first run):
// colouring a topic query as it is typed, cutting a text into marked and plain runs; the query
// problems and light-rule presets are shared with the engine's side. The engine remains
// the judge of a query; the colours here are only a reading aid.
import type { LightMetric } from '../../../shared/types';

export type QueryPiece = { text: string; kind: 'op' | 'paren' | 'phrase' | 'tag' | 'author' | 'field' | 'term' | 'space' };

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

/** The query cut into coloured runs; joined, the runs give back the query exactly. */
export function highlightQuery(q: string): QueryPiece[] {
  const out: QueryPiece[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      let j = i;
      while (j < q.length && /\s/.test(q[j]!)) j++;
      out.push({ text: q.slice(i, j), kind: 'space' });
      i = j;
      continue;
    }
    if ('()（）'.includes(ch)) {
      out.push({ text: ch, kind: 'paren' });
      i++;
      continue;
    }
    if (ch in QUOTES) {
      const close = QUOTES[ch]!;
      let j = i + 1;
      while (j < q.length && q[j] !== close) j++;
      out.push({ text: q.slice(i, Math.min(q.length, j + 1)), kind: 'phrase' });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/\s/.test(q[j]!) && !'()（）'.includes(q[j]!) && !(q[j]! in QUOTES)) j++;
    // A field prefix followed by a quoted value: colour both as the field.
    if (j < q.length && q[j]! in QUOTES && (q.slice(i, j).endsWith(':') || q.slice(i, j) === '@')) {
      const close = QUOTES[q[j]!]!;
      let k = j + 1;
      while (k < q.length && q[k] !== close) k++;
      j = Math.min(q.length, k + 1);
    }
    const word = q.slice(i, j);
    const upper = word.toUpperCase();
    const kind: QueryPiece['kind'] =
      upper === 'AND' || upper === 'OR' || upper === 'NOT' || word === '-'
        ? 'op'
        : /^(lang|source|title):/i.test(word)
          ? 'field'
          : word.startsWith('#') && word.length > 1
            ? 'tag'
            : word.startsWith('@')
              ? 'author'
              : 'term';
    if (word.startsWith('-') && word.length > 1) {
      out.push({ text: '-', kind: 'op' });
      out.push({ text: word.slice(1), kind: kind === 'op' ? 'term' : kind });
    } else out.push({ text: word, kind });
    i = j;
  }
  return out;
}

export { queryProblem, problemPosition, type QueryProblem } from '../../../shared/query-problems';

/** A text cut into runs, `mark` where a [start, end) range covers it (ranges may overlap). */
export function markRuns(text: string, ranges: readonly [number, number][]): { text: string; mark: boolean }[] {
  const on = new Uint8Array(text.length);
  for (const [a, b] of ranges) for (let i = Math.max(0, a); i < Math.min(text.length, b); i++) on[i] = 1;
  const out: { text: string; mark: boolean }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || on[i] !== on[start]) {
      if (i > start) out.push({ text: text.slice(start, i), mark: on[start] === 1 });
      start = i;
    }
  }
  return out;
}

export { PRESETS, type Preset, type PresetId } from '../../../shared/setup';

/** How a metric's value reads: its unit and how to print a line. */
export function metricUnit(metric: LightMetric): 'times' | 'sigma' | 'share' | 'net' | 'minutes' | 'count' {
  switch (metric) {
    case 'volume_baseline':
      return 'times';
    case 'spike':
      return 'sigma';
    case 'neg_share':
    case 'gauge_occupancy':
      return 'share';
    case 'net_sentiment':
      return 'net';
    case 'source_stale':
      return 'minutes';
    default:
      return 'count';
  }
}

/** Local midnight offset for the backtest's days: minutes east of UTC. */
export function tzOffsetMin(at = Date.now()): number {
  return -new Date(at).getTimezoneOffset();
}
