// Explore's search speaks the topic language (boolean, phrases, exclusions, #tags, @authors,
// lang:, source:, 繁↔简 folding): the query is checked as a topic's is (a bad one refused with
// its position), compiled by the same matcher and run over the stored mentions, newest first,
// page by page; the matching ids then go through the store's other filters, so counts and pages
// stay exact. A search reads at most `SEARCH_SCAN_CAP` mentions (the newest) and says so when
// it stopped there; asked with `scanAll`, it reads every one (in turns, seconds at 10 M). Its
// ids are kept in a small cache, so the list's next pages and the export do not scan again;
// storing a mention, renaming a source or tagging one starts afresh.
// A topic's preview and re-tagging read stored mentions through the same scan.
import type { Lang, Mention } from '../../../shared/types';
import { compileTopics, type MatchDoc } from '../analysis/query';
import { readyPrefilter } from '../analysis/prefilter';
import { checkQuery } from '../core/topics';
import type { Store } from '../store';
import { filterEnd, listOrder, type Published } from '../store/mention-reads';
import type { MatchRow, MentionFilter } from '../store/mentions';

const PAGE = 2000;
/** Rows passed over per read when SQL skips those that cannot match (only candidates become objects). */
const WHERE_PAGE = 20_000;
/** Most mentions one search reads, the newest first: this bounds a search on a huge station. */
export const SEARCH_SCAN_CAP = 2_000_000;
let scanCap = SEARCH_SCAN_CAP;

/** Tests only: a lower cap (none restores `SEARCH_SCAN_CAP`). */
export function setSearchScanCap(cap?: number): void {
  scanCap = cap ?? SEARCH_SCAN_CAP;
}

function doc(r: MatchRow): MatchDoc {
  return {
    text: r.title ? `${r.title}\n${r.text}` : r.text,
    title: r.title,
    author: r.author,
    lang: r.lang,
    source: r.source,
    tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  };
}

/** How long a scan holds the station's thread before it lets events, walls and other calls through. */
export const TURN_MS = 20;
let turnMs = TURN_MS;

/** Tests only: a shorter turn (0: yield after every read; none restores `TURN_MS`). */
export function setScanTurn(ms?: number): void {
  turnMs = ms ?? TURN_MS;
}

/**
 * A long scan's turns on the station's thread: `take()` yields to everything waiting (a
 * wall's events, ingest, other calls) once the scan has run `turnMs` since it last did. A
 * search over millions of mentions takes seconds; the walls on the station must not stop.
 */
class Turn {
  private since = performance.now();
  async take(): Promise<void> {
    if (performance.now() - this.since < turnMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/**
 * Every stored mention since `from` that the query matches (ids, and how many per language),
 * read page by page up to `cap` mentions, newest first (ids descending, archives too), as of its
 * start: what is stored while it reads is not in it (`upto` is the highest id it reads).
 * Explore's search, a topic's preview and re-tagging share it. With an `end`, only mentions
 * published before it, and the scan starts at the highest id published before it: a search of
 * an old week at ten million mentions used to spend its whole cap on the newest rows and answer
 * none. `onRead` hears after each page how far the scan is through the ids it has to read (0–1).
 */
export async function matchStored(
  store: Store,
  query: string,
  from: number,
  cap: number,
  end?: number,
  onRead?: (fraction: number, scanned: number) => void,
): Promise<{ ids: number[]; scanned: number; byLang: Partial<Record<Lang, number>>; capped: boolean; upto: number }> {
  const matcher = compileTopics([{ id: 1, name: 'q', query }]);
  // Rows that cannot match (none of the query's characters in any form) are passed over: in
  // SQL when the query has Chinese words (those rows are never read into objects), and before
  // the fold for the rest.
  let pre = readyPrefilter(query);
  const ids: number[] = [];
  const byLang: Partial<Record<Lang, number>> = {};
  let scanned = 0;
  // The search answers as of its start: what is stored while it reads is not in it.
  let edge = store.mentions.idSpan()[1] + 1;
  const upto = edge - 1;
  const turn = new Turn();
  const floor = await firstIdSince(store, from, turn);
  if (floor === Infinity) return { ids, scanned, byLang, capped: false, upto };
  if (end != null) {
    const top = await lastIdBefore(store, from, end, turn);
    if (top === -Infinity) return { ids, scanned, byLang, capped: false, upto };
    edge = Math.min(edge, top + 1);
  }
  const first = edge;
  // Only what was published in [from, end) is read (and counted as read).
  const when: Published = [from, end ?? Number.MAX_SAFE_INTEGER];
  const read = (limit: number): { rows: MatchRow[]; examined: number; edge: number } => {
    if (pre?.sql) return store.mentions.scanWhere(when, edge, limit, pre.sql, floor);
    const rows = store.mentions.scanNewestForMatching(when, edge, limit, floor);
    return { rows, examined: rows.length, edge: rows.length ? rows[rows.length - 1]!.id : edge };
  };
  for (;;) {
    await turn.take();
    // The prefilter's table is built in the background: taken up as soon as it is ready.
    pre ??= readyPrefilter(query);
    const limit = Math.min(pre?.sql ? WHERE_PAGE : PAGE, cap - scanned);
    const page = read(limit);
    for (const r of page.rows) {
      if ((pre && !pre.test(r.title, r.text)) || !matcher.match(doc(r)).length) continue;
      ids.push(r.id);
      const lang = r.lang as Lang;
      byLang[lang] = (byLang[lang] ?? 0) + 1;
    }
    scanned += page.examined;
    edge = page.edge;
    if (page.examined < limit || scanned >= cap) break;
    onRead?.(Math.min(1, (first - edge) / Math.max(1, first - floor)), scanned);
  }
  // The cap stopped the scan only if something is left beyond it.
  const capped = scanned >= cap && read(1).examined > 0;
  return { ids, scanned, byLang, capped, upto };
}

/** A search's resolved query: the matching ids, and how many it read when the cap stopped it. */
export interface Resolved {
  ids: number[];
  capped?: { scanned: number };
}

/** Searches kept per store; a bound on their ids keeps a few huge results from holding memory. */
const CACHE_ENTRIES = 8;
const CACHE_IDS = 4_000_000;
const caches = new WeakMap<Store, Map<string, Resolved>>();

/** Forget a store's cached searches: call it when what a query matches changes (tags). */
export function invalidateSearches(store: Store): void {
  caches.get(store)?.clear();
  // A scan under way answers its callers but is not kept, nor joined by later asks.
  const gate = gates.get(store);
  if (gate) (gate.flying.clear(), gate.generation++);
}

/**
 * Scans that run at once per store. Each holds the ids it has matched until it ends (up to ten
 * million with `scanAll`): many searches asked together — by many screens, or by a hostile
 * client — queue here instead of filling the memory. The same search asked again while it runs
 * waits for that run instead of starting another.
 */
const SCANS_AT_ONCE = 2;

class ScanGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  readonly flying = new Map<string, Promise<Resolved>>();
  /** Counts invalidations: a scan that started before one is not cached. */
  generation = 0;

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running < SCANS_AT_ONCE) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // handed a slot
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
const gates = new WeakMap<Store, ScanGate>();

/**
 * The ids of the newest stored mentions in [from, end) that the query matches, cached. Without
 * a `from`, all of them: before 1970 too (a negative time is a real one: archives, history).
 */
export async function queryIds(store: Store, q: string, from = Number.MIN_SAFE_INTEGER, end?: number, scanAll = false): Promise<Resolved> {
  checkQuery(q);
  const cap = scanAll ? Infinity : scanCap;
  const key = JSON.stringify([q, from, end ?? null, scanAll ? 'all' : cap, store.mentions.scanStamp()]);
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let gate = gates.get(store);
  if (!gate) gates.set(store, (gate = new ScanGate()));
  const same = gate.flying.get(key);
  if (same) return same;
  const generation = gate.generation;
  const run = gate
    .run(() => matchStored(store, q, from, cap, end))
    .then(({ ids, scanned, capped }) => {
      const resolved: Resolved = capped ? { ids, capped: { scanned } } : { ids };
      if (gate.generation === generation) remember(cache, key, resolved);
      return resolved;
    })
    .finally(() => {
      if (gate.flying.get(key) === run) gate.flying.delete(key);
    });
  gate.flying.set(key, run);
  return run;
}

/** Keeps a search's ids, forgetting the least recently used past CACHE_ENTRIES searches or CACHE_IDS ids (never the one just kept). */
function remember(cache: Map<string, Resolved>, key: string, resolved: Resolved): void {
  cache.set(key, resolved);
  let held = 0;
  for (const r of cache.values()) held += r.ids.length;
  for (const [k, r] of cache) {
    if (cache.size <= CACHE_ENTRIES && held <= CACHE_IDS) break;
    if (k === key) continue;
    cache.delete(k);
    held -= r.ids.length;
  }
}

/** A search filter with its query turned into the ids it matches. */
export async function resolveQuery<
  F extends { q?: string | undefined; from?: number | undefined; to?: number | undefined; before?: number | undefined; scanAll?: boolean | undefined },
>(store: Store, filter: F): Promise<{ filter: Omit<F, 'q' | 'scanAll'> & { ids?: number[] }; capped?: { scanned: number } }> {
  const { q, scanAll, ...rest } = filter;
  const query = q?.trim();
  if (!query) return { filter: rest };
  const { ids, capped } = await queryIds(store, query, filter.from ?? Number.MIN_SAFE_INTEGER, filterEnd(filter), scanAll === true);
  return capped ? { filter: { ...rest, ids }, capped } : { filter: { ...rest, ids } };
}

/** Ids per slice of a count taken in turns (~15 ms of a table walk with a topic and a label). */
export const COUNT_SLICE = 100_000;
let countSlice = COUNT_SLICE;

/** Tests only: smaller slices (none restores `COUNT_SLICE`). */
export function setCountSlice(n?: number): void {
  countSlice = n ?? COUNT_SLICE;
}

/** Listed ids per slice: reading one by its id (and sorting a page of them) costs about as much as walking twenty rows. */
const idsSlice = () => Math.max(1, Math.round(countSlice / 20));

/**
 * A page of a filter with resolved ids (a text query's matches, up to millions), in the list's
 * order: each slice of the ids gives its first `offset + limit`, a turn between them, and the
 * page is taken from their merge — the same page as one statement over all the ids.
 */
export async function pageInTurns(store: Store, f: MentionFilter, limit: number, offset: number): Promise<Mention[]> {
  const slice = idsSlice();
  if (!f.ids || f.ids.length <= slice) return store.mentions.find(f, limit, offset, { total: false }).items;
  const turn = new Turn();
  let best: Mention[] = [];
  for (let i = 0; i < f.ids.length; i += slice) {
    await turn.take();
    const some = store.mentions.find({ ...f, ids: f.ids.slice(i, i + slice) }, offset + limit, 0, { total: false }).items;
    best = [...best, ...some].sort(listOrder).slice(0, offset + limit);
  }
  return best.slice(offset, offset + limit);
}

/** A time slice of a count starts this long and grows while its reads stay short. */
const FIRST_TIME_SLICE_MS = 10 * 60_000;

/**
 * How many mentions match a filter, without holding the station's thread for the whole count
 * (a big topic with a label is 1.75 s of SQL at ten million mentions, half a year of a source's
 * negative mentions 2 s): the count is taken in slices with a turn between them, each slice one
 * statement of SQLite's own count, so the total is the same as one statement's.
 * - resolved ids (a text query's matches): in slices of the list;
 * - a topic or a source with few mentions: at once, through their keys (quick);
 * - a source alone: in slices of its (source, guid) key;
 * - a time range, or no filter at all: in slices of time along the publication index, each as
 *   long as keeps its read short;
 * - a topic, a language or a label over all time: in slices of ids, reading rows in order.
 */
export async function countInTurns(store: Store, f: MentionFilter): Promise<number> {
  const turn = new Turn();
  let n = 0;
  if (f.ids) {
    const slice = idsSlice();
    for (let i = 0; i < f.ids.length || i === 0; i += slice) {
      await turn.take();
      n += store.mentions.total({ ...f, ids: f.ids.slice(i, i + slice) });
    }
    return n;
  }
  if (store.mentions.narrow(f)) return store.mentions.total(f);
  const end = filterEnd(f);
  if (f.sourceId && !(f.topicId || f.lang || f.label) && f.from == null && end == null) {
    // A source alone: its key, a slice of keys at a time (no row read: as quick as one count).
    for (let after: string | null = null; ; ) {
      await turn.take();
      const slice = store.mentions.sourceKeySlice(f.sourceId, after, countSlice);
      if (!slice) {
        n = 0; // archives (a month may have moved meanwhile): counted by time below, afresh
        break;
      }
      n += slice.n;
      if (slice.last === null) return n;
      after = slice.last;
    }
  }
  if (f.from != null || end != null || !(f.topicId || f.lang || f.label)) return countByTime(store, f, end, turn);
  const [lo, hi] = store.mentions.idSpan();
  for (let at = lo; at <= hi; at += countSlice) {
    await turn.take();
    n += store.mentions.total({ ...f, walk: true, idRange: [at, at + countSlice] });
  }
  return n;
}

/** A pause that lets the station's other work through once the caller has run a turn since the last. */
export function pacer(): () => Promise<void> {
  const turn = new Turn();
  return () => turn.take();
}

/** `fn` over `items`, letting the station's other work through whenever it has run a turn. */
export async function eachInTurns<T>(items: readonly T[], fn: (item: T) => void, pace = pacer()): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i % 64 === 0) await pace();
    fn(items[i]!);
  }
}

/** `read` over slices of publication time covering [from, to), a turn between them (see inTimeSlices). */
export function inTimeTurns(store: Store, from: number, to: number, read: (from: number, to: number) => void): Promise<void> {
  return inTimeSlices(store, from, to, new Turn(), read);
}

/** countInTurns over [from, end) in slices of publication time. */
async function countByTime(store: Store, f: MentionFilter, end: number | undefined, turn: Turn): Promise<number> {
  const rest = { ...f, before: undefined, walk: true };
  let n = 0;
  await inTimeSlices(store, f.from, end, turn, (from, to) => {
    n += store.mentions.total({ ...rest, from, to });
  });
  return n;
}

/**
 * Calls `read` for consecutive slices [a, b) of publication time covering [from, end) (the
 * stored span where either is open), a turn between them: each slice starts ten minutes long
 * and doubles while a read takes under an eighth of a turn, halving past half of one.
 */
async function inTimeSlices(
  store: Store,
  from: number | undefined,
  end: number | undefined,
  turn: Turn,
  read: (from: number, to: number) => void,
): Promise<void> {
  let at = from;
  let to = end;
  if (at == null || to == null) {
    // Open on a side: the stored span closes it.
    const span = store.mentions.publishedSpan();
    if (!span) return;
    at ??= span[0];
    to ??= span[1] + 1;
  }
  let step = FIRST_TIME_SLICE_MS;
  while (at < to) {
    await turn.take();
    const upto = Math.min(to, at + step);
    const t0 = performance.now();
    read(at, upto);
    const ms = performance.now() - t0;
    at = upto;
    // Sized by the station's turn even when a test shortens it (the slices stay few, the turns many).
    if (ms < TURN_MS / 8) step *= 2;
    else if (ms > TURN_MS / 2) step = Math.max(60_000, Math.floor(step / 2));
  }
}

/**
 * The lowest id published since `from` (0 when `from` leaves nothing out, Infinity when nothing
 * is that new): a scan since `from` starts or ends there instead of reading the older rows below
 * it, one statement through all of them (1.2 s at ten million mentions for the last 30 days).
 */
async function firstIdSince(store: Store, from: number, turn: Turn): Promise<number> {
  const span = store.mentions.publishedSpan();
  if (!span) return Infinity;
  if (from <= span[0]) return 0;
  let least = Infinity;
  await inTimeSlices(store, from, span[1] + 1, turn, (a, b) => {
    least = Math.min(least, store.mentions.leastId(a, b));
  });
  return least;
}

/**
 * The highest id published in [from, end) (Infinity when `end` leaves nothing out, -Infinity when
 * nothing is in it): a newest-first scan that ends at `end` starts there instead of reading every
 * newer row first. Taken in slices of publication time, turns between them.
 */
async function lastIdBefore(store: Store, from: number, end: number, turn: Turn): Promise<number> {
  const span = store.mentions.publishedSpan();
  if (!span) return -Infinity;
  if (end > span[1]) return Infinity;
  let greatest = -Infinity;
  await inTimeSlices(store, Math.max(from, span[0]), end, turn, (a, b) => {
    greatest = Math.max(greatest, store.mentions.greatestId(a, b));
  });
  return greatest;
}

/** Most mentions a first page reads before it gives up and the search counts everything. */
export const FIRST_PAGE_SCAN = 200_000;
let firstPageScan = FIRST_PAGE_SCAN;

/** Tests only: a smaller first-page budget (none restores `FIRST_PAGE_SCAN`). */
export function setFirstPageScan(n?: number): void {
  firstPageScan = n ?? FIRST_PAGE_SCAN;
}

/**
 * Explore's first page without counting: the stored mentions are read in the list's own order
 * (newest published first) with every other filter applied, through the query's matcher, until
 * `need` have matched. Returns those ids in order and whether the walk read everything (then
 * their number is the exact total). Null when the budget ran out first: count the usual way.
 * At ten million mentions a common word's page is a few thousand rows away, not a scan of all.
 */
export async function firstMatches(
  store: Store,
  q: string,
  filter: Omit<MentionFilter, 'ids'>,
  need: number,
): Promise<{ ids: number[]; exhausted: boolean } | null> {
  checkQuery(q);
  const matcher = compileTopics([{ id: 1, name: 'q', query: q }]);
  // Rows without the query's words in any spelling are not folded (once the table is built).
  const pre = readyPrefilter(q);
  const ids: number[] = [];
  let edge: [number, number] | null = null;
  let read = 0;
  // Small reads first (a common word fills a page at once), growing to PAGE.
  const turn = new Turn();
  for (let limit = 250; ; limit = Math.min(PAGE, limit * 2)) {
    await turn.take();
    const rows = store.mentions.scanInOrder(filter, edge, limit);
    for (const r of rows) {
      if (pre && !pre.test(r.title, r.text)) continue;
      if (matcher.match(doc(r)).length) ids.push(r.id);
    }
    read += rows.length;
    if (rows.length < limit) return { ids, exhausted: true };
    if (ids.length >= need) return { ids, exhausted: false };
    if (read >= firstPageScan) return null;
    const last = rows[rows.length - 1]!;
    edge = [last.publishedAt, last.id];
  }
}
