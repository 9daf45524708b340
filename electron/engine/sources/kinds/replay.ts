// Replay: plays a recorded corpus (the demo, or any JSONL file of the same shape) with its
// timestamps shifted to now, at a chosen speed, looping forever as a ring. Items whose offset
// is ≤ 0 are history and arrive on the first poll; the rest arrive as their time comes.
import { z } from 'zod';
import { readJsonLines } from '../../jsonl';
import { replayConfig } from '../../../../shared/schemas';
import { resourcePath } from '../../paths';
import { loadReadings } from '../../places';
import { defineSource, type IncomingItem, type SourcePort } from '../types';

const corpusItem = z.object({
  guid: z.string().min(1),
  source: z.string().min(1),
  author: z.string().nullable().optional(),
  lang: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  text: z.string(),
  url: z.string().nullable().optional(),
  /** Seconds relative to the replay's start. */
  t: z.number(),
  reach: z.number().int().nonnegative().optional(),
});
export type CorpusItem = z.output<typeof corpusItem>;

export interface Corpus {
  items: CorpusItem[];
  tMin: number;
  tMax: number;
  /** Length of one loop of the ring, seconds. */
  period: number;
}

const corpora = new Map<string, Corpus>();

export function corpusPath(corpus: string): string {
  return corpus === 'demo' ? resourcePath('demo', 'corpus.jsonl') : corpus;
}

export function loadCorpus(corpus: string): Corpus {
  const file = corpusPath(corpus);
  const hit = corpora.get(file);
  if (hit) return hit;
  const items = readJsonLines(file, corpusItem, 'replay corpus');
  if (items.length === 0) throw new Error(`${file}: the corpus is empty`);
  items.sort((a, b) => a.t - b.t);
  const tMin = items[0]!.t;
  const tMax = items[items.length - 1]!.t;
  const c = { items, tMin, tMax, period: tMax - tMin + 60 };
  corpora.set(file, c);
  return c;
}

interface Cursor {
  /** Wall time (ms) that corresponds to offset 0 of loop 0. */
  base: number;
  /** Ring position (seconds, loops included) emitted so far; null before the first poll. */
  pos: number | null;
}

const MAX_PER_POLL = 5000;

/**
 * Items due between two ring positions (exclusive, inclusive], at most `max`, and the
 * position reached. Pure, so the ring arithmetic is tested on plain data.
 */
export function dueItems<T extends { t: number } = CorpusItem>(
  c: { items: T[]; tMin: number; period: number },
  from: number | null,
  to: number,
  max = MAX_PER_POLL,
): { due: { item: T; loop: number; pos: number }[]; reached: number } {
  const due: { item: T; loop: number; pos: number }[] = [];
  const firstLoop = from === null ? 0 : Math.max(0, Math.floor((from - c.tMin) / c.period));
  for (let k = firstLoop; ; k++) {
    const shift = k * c.period;
    if (c.tMin + shift > to) break;
    for (const item of c.items) {
      const p = item.t + shift;
      if (from !== null && p <= from) continue;
      if (p > to) break;
      if (due.length >= max) return { due, reached: due[due.length - 1]!.pos };
      due.push({ item, loop: k, pos: p });
    }
  }
  return { due, reached: to };
}

const MAX_RANGE_ITEMS = 100_000;

/**
 * A stored stretch of this station as a corpus: its mentions (of some sources, or all) with
 * their offsets from the range's start, so a drill plays them forward from the first one.
 */
export function rangeCorpus(range: { from: number; to: number; sourceIds?: number[] | undefined }, port: SourcePort): Corpus {
  const key = `range:${port.stationKey}:${JSON.stringify(range)}`;
  const hit = corpora.get(key);
  if (hit) return hit;
  const filters = range.sourceIds?.length ? range.sourceIds.map((sourceId) => ({ sourceId })) : [{}];
  const items: CorpusItem[] = [];
  for (const f of filters) {
    for (const m of port.storedMentions({ ...f, from: range.from, to: range.to }, MAX_RANGE_ITEMS)) {
      items.push({
        guid: `${m.sourceId}:${m.guid}`,
        source: m.sourceName,
        author: m.author,
        lang: m.lang,
        title: m.title,
        text: m.text,
        url: m.url,
        t: (m.publishedAt - range.from) / 1000,
        reach: m.reach,
      });
    }
  }
  if (items.length === 0) throw new Error('the stored range has no mentions to replay');
  items.sort((a, b) => a.t - b.t);
  const c: Corpus = { items, tMin: items[0]!.t, tMax: items[items.length - 1]!.t, period: (range.to - range.from) / 1000 + 60 };
  corpora.set(key, c);
  return c;
}

export const replaySource = defineSource({
  kind: 'replay',
  schema: replayConfig,
  host: () => null,
  async poll({ source, config, clock, port }) {
    if (config.places) return replayPlaces(config.places, config.speed, source.poll.cursor, clock.now(), port);
    const corpus = config.range ? rangeCorpus(config.range, port) : loadCorpus(config.corpus!);
    const now = clock.now();
    const cursor: Cursor = source.poll.cursor ? (JSON.parse(source.poll.cursor) as Cursor) : { base: now, pos: null };
    const target = ((now - cursor.base) * config.speed) / 1000;
    const { due, reached } = dueItems(corpus, cursor.pos, target);
    const items: IncomingItem[] = [];
    for (const { item, loop, pos } of due) {
      if (config.only && item.source !== config.only) continue;
      items.push({
        guid: loop === 0 ? item.guid : `${item.guid}~${loop}`,
        url: item.url ? (loop === 0 ? item.url : `${item.url}?loop=${loop}`) : null,
        title: item.title ?? null,
        text: item.text,
        author: item.author ?? null,
        lang: item.lang ?? null,
        publishedAt: Math.round(cursor.base + (pos * 1000) / config.speed),
        reach: item.reach ?? 0,
        // A drill replays this station's own mentions: they must not count as syndicated copies.
        ...(config.range ? { identityKey: true } : {}),
      });
    }
    const next: Cursor = { base: cursor.base, pos: reached };
    return {
      items,
      poll: { cursor: JSON.stringify(next), etag: null, lastModified: null },
      ...(reached < target ? { nextInMs: 0 } : {}),
    };
  },
});

/**
 * Crowd readings played the same way as a corpus (shifted to now, at the replay's speed, a
 * ring): the readings that came due go to their places through the port, a batch per place.
 */
function replayPlaces(name: string, speed: number, cursorText: string | null, now: number, port: SourcePort) {
  const recording = loadReadings(name);
  const cursor: Cursor = cursorText ? (JSON.parse(cursorText) as Cursor) : { base: now, pos: null };
  const target = ((now - cursor.base) * speed) / 1000;
  const { due, reached } = dueItems({ items: recording.lines, tMin: recording.tMin, period: recording.period }, cursor.pos, target);
  const byPlace = new Map<string, { at: number; value: number }[]>();
  for (const { item, pos } of due) {
    const list = byPlace.get(item.gauge) ?? byPlace.set(item.gauge, []).get(item.gauge)!;
    list.push({ at: Math.round(cursor.base + (pos * 1000) / speed), value: item.value });
  }
  for (const [place, readings] of byPlace) port.recordGauge(place, {}, readings);
  const next: Cursor = { base: cursor.base, pos: reached };
  return {
    items: [] as IncomingItem[],
    poll: { cursor: JSON.stringify(next), etag: null, lastModified: null },
    ...(reached < target ? { nextInMs: 0 } : {}),
  };
}
