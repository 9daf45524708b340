// Mentions: the batch insert (with topic links and rollups in the same transaction, and
// dedupe against archived mentions too), reads for streams and search across the station file
// and the monthly archives (store/mention-reads.ts reads one file), and the rollup recount that
// proves the derived numbers equal the source of truth.
import type { Emotions, Lang, Mention } from '../../../shared/types';
import { EMOTIONS } from '../../../shared/types';
import type { ArchivedMonth, Archives } from './archives';
import type { Db } from './db';
import { filterEnd, listOrder, mentionReads, narrowFilter, type Bound, type MatchRow, type MentionFilter, type Published } from './mention-reads';
import type { MinuteSums, Rollups } from './rollups';

export interface NewMention {
  sourceId: number;
  guid: string;
  contentHash: string;
  url: string | null;
  title: string | null;
  text: string;
  html: string | null;
  author: string | null;
  lang: Lang;
  publishedAt: number;
  fetchedAt: number;
  sentiment: number;
  label: -1 | 0 | 1;
  emotions: Emotions;
  reach: number;
  tags: string[];
  topicIds: number[];
}

export type { MatchRow, MentionFilter } from './mention-reads';
export { LABEL_VALUE } from './mention-reads';

/** One file a re-tag touches (store/retag.ts): the station file (no month) or an archive. */
export interface RetagFile {
  db: Db;
  /** Which of its rows the rollups count from this file. */
  bound: Bound;
  month: ArchivedMonth | null;
}

type Acc = MinuteSums;

const SHA1_HEX = /^[0-9a-f]{40}$/;
/**
 * The dedupe key a row stores for the pipeline's SHA-1 (40 hex digits): its first 8 bytes as a
 * BLOB. The key's index entry is ~14 bytes instead of ~46, and that index — keyed at random, so
 * every row lands on its own page — was most of what a commit wrote. With 64 bits, two different
 * texts taken for one another anywhere in a ten-million-mention station is a chance of about one
 * in 200,000. Any other string (a caller's own key) is stored as given.
 */
function hashKey(contentHash: string): Buffer | string {
  return SHA1_HEX.test(contentHash) ? Buffer.from(contentHash.slice(0, 16), 'hex') : contentHash;
}

export function mentionsRepo(db: Db, rollups: Rollups, { archives }: { archives: Archives }) {
  // `id` is null (SQLite numbers the row) except when archives hold higher ids than the
  // station file: then the first new row is numbered above them, so no id is ever reused.
  const insert = db.prepare(`INSERT INTO mentions
    (id, source_id, guid, content_hash, url, title, text, html, author, lang, published_at, fetched_at,
     sentiment, label, emotions, reach, tags)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source_id, guid) DO NOTHING`);
  const hashSeen = db.prepare(
    `SELECT 1 FROM mentions WHERE content_hash = ? AND published_at > ? AND source_id != ? LIMIT 1`,
  );
  // Keys stored as text (before the 8-byte keys, or given so by a caller) sort before every
  // BLOB: one index seek says whether a table holds any, and only then is the full hex looked up too.
  const holdsTextKeys = (table: 'mentions' | 'archived_keys') =>
    Boolean(db.prepare(`SELECT 1 FROM ${table} WHERE content_hash < x'' LIMIT 1`).get());
  let textKeys = holdsTextKeys('mentions');
  // A mention moved to an archive is still known here by its keys (migration 008).
  // (A read-only copy of a file from before migration 008 has no such table, and stores nothing.)
  const keys = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'archived_keys'`).get()
    ? {
        any: db.prepare(`SELECT EXISTS (SELECT 1 FROM archived_keys)`).pluck(),
        guid: db.prepare(`SELECT 1 FROM archived_keys WHERE source_id = ? AND guid = ?`),
        hash: db.prepare(`SELECT 1 FROM archived_keys WHERE content_hash = ? AND published_at > ? AND source_id != ? LIMIT 1`),
      }
    : null;
  if (keys && holdsTextKeys('archived_keys')) textKeys = true;
  const maxId = db.prepare(`SELECT coalesce(max(id), 0) FROM mentions`).pluck();
  const link = db.prepare(`INSERT OR IGNORE INTO mention_topics (topic_id, mention_id) VALUES (?, ?)`);
  // What a scan's answer depends on besides tags: the newest mention and the sources' names.
  const scanStamp = db.prepare(`SELECT coalesce((SELECT max(id) FROM mentions), 0) || '|' ||
    coalesce((SELECT group_concat(id || ':' || name, char(10)) FROM sources), '')`).pluck();
  // The number of rows, kept by migration 010 (a read-only copy of an older file counts them).
  const kept = Boolean(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'mention_count'`).get());
  const count = db.prepare(kept ? `SELECT n FROM mention_count` : `SELECT count(*) AS n FROM mentions`).pluck();
  const recount = kept ? db.prepare(`UPDATE mention_count SET n = n + ?`) : null;
  /** What each source has brought, as its Sources row shows it (archived mentions still count). */
  const brought = db.prepare(`UPDATE sources SET items_total = items_total + ? WHERE id = ?`);
  const newest = db.prepare(`SELECT max(published_at) AS t FROM mentions`);
  const deleteIds = db.prepare(`DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?))`);
  // A source's keys in order, a slice at a time: the slice's last key (an index walk), then a
  // count up to it (every guid sorts at or after '': the first slice takes '' itself too).
  const sourceKeys = (first: boolean) => {
    const after = `source_id = ? AND guid ${first ? '>=' : '>'} ?`;
    return {
      end: db.prepare(`SELECT guid FROM mentions WHERE ${after} ORDER BY guid LIMIT 1 OFFSET ?`).pluck(),
      upto: db.prepare(`SELECT count(*) FROM mentions WHERE ${after} AND guid <= ?`).pluck(),
      rest: db.prepare(`SELECT count(*) FROM mentions WHERE ${after}`).pluck(),
    };
  };
  const stillHeld = db.prepare(`SELECT 1 FROM mentions WHERE published_at >= ? AND published_at < ? AND id <= ? LIMIT 1`);
  const sourceKeysFirst = sourceKeys(true);
  const sourceKeysNext = sourceKeys(false);

  /**
   * The files a read over [from, to) touches, each with which of its rows count: the station
   * file without what the archives in range hold, and each archive up to its recorded id.
   */
  function parts(from?: number | null, to?: number | null): { db: Db; bound: Bound }[] {
    const months = archives.overlapping(from, to);
    const main: Bound = { sql: [], args: [] };
    for (const a of months) {
      // Only while the station file still holds some of the month's archived rows (a move under
      // way, or cut off): once they are deleted the condition is true of every row, and it cost
      // every row of a scan ~0.03 µs an archive (no id is reused, so none comes back).
      if (!stillHeld.get(a.fromAt, a.toAt, a.upto)) continue;
      main.sql.push('NOT (m.published_at >= ? AND m.published_at < ? AND m.id <= ?)');
      main.args.push(a.fromAt, a.toAt, a.upto);
    }
    // An archive is opened (or its cached connection refreshed) only when a read reaches it: a
    // live stream's sample or a mention's detail is usually found in the station file alone.
    const archived = months.map((a) => ({
      get db() {
        return archives.connection(a);
      },
      // `+`: a filter on each row, never the end of a rowid range. As `m.id <= ?` SQLite took
      // it as the range's end over a count slice's own `m.id < ?`, and a slice of ids below
      // the archive's read the whole archive to find nothing (at 10 M with six months archived,
      // a source's negative mentions counted in 17 s instead of 1.4).
      bound: { sql: ['+m.id <= ?'], args: [a.upto] },
    }));
    return [{ db, bound: main }, ...archived];
  }
  /** The first minute no archive covers (without archives, the first of all, before 1970 too): rollups before it count mentions now in archives. */
  const liveFromMinute = () => (archives.list().at(-1)?.toAt ?? Number.MIN_SAFE_INTEGER) / 60_000;
  /** The least and the greatest of a column over every file (null when none holds a mention). */
  function extent(col: 'id' | 'published_at'): [number, number] | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of parts()) {
      // Two subqueries: min() and max() together in one are a scan of the table, each alone a seek.
      const r = p.db.prepare(`SELECT (SELECT min(${col}) FROM mentions) AS lo, (SELECT max(${col}) FROM mentions) AS hi`).get() as { lo: number | null; hi: number | null };
      if (r.lo != null) lo = Math.min(lo, r.lo);
      if (r.hi != null) hi = Math.max(hi, r.hi);
    }
    return lo === Infinity ? null : [lo, hi];
  }
  /** How many match a filter, in every file that holds some. */
  const totalOf = (f: MentionFilter): number =>
    parts(f.from, filterEnd(f)).reduce((n, p) => n + mentionReads.count(p.db, f, p.bound), 0);

  /** The lowest or highest id published in [from, to) of each file that holds any. */
  function idsAtEdge(agg: 'min' | 'max', from: number, to: number): number[] {
    const out: number[] = [];
    for (const p of parts(from, to)) {
      const and = p.bound.sql.map((w) => ` AND ${w}`).join('');
      const id = p.db.prepare(`SELECT ${agg}(m.id) FROM mentions m WHERE m.published_at >= ? AND m.published_at < ?${and}`).pluck().get(from, to, ...p.bound.args) as number | null;
      if (id != null) out.push(id);
    }
    return out;
  }

  function accumulate(map: Map<string, Acc>, key: string, m: NewMention) {
    let a = map.get(key);
    if (!a) map.set(key, (a = { count: 0, pos: 0, neu: 0, neg: 0, sent: 0, emo: EMOTIONS.map(() => 0) }));
    a.count++;
    if (m.label > 0) a.pos++;
    else if (m.label < 0) a.neg++;
    else a.neu++;
    a.sent += m.sentiment;
    EMOTIONS.forEach((e, i) => (a.emo[i]! += m.emotions[e] ?? 0));
  }

  return {
    /**
     * Insert a batch. Must be called inside a transaction (Store.ingest does). Duplicates —
     * the same (source, guid), or the same content syndicated by another source within a
     * week — are skipped. Returns the ids of the new rows.
     */
    insertMany(items: NewMention[]): { ids: number[]; duplicates: number; stored: NewMention[] } {
      const ids: number[] = [];
      const stored: NewMention[] = [];
      let duplicates = 0;
      const topicAcc = new Map<string, Acc>();
      const sourceAcc = new Map<string, Acc>();
      const bySource = new Map<number, number>();
      const archived = keys && items.length > 0 && keys.any.get() === 1 ? keys : null;
      const floor = archived ? archives.idFloor() : 0;
      let nextId: number | null = archived && floor > (maxId.get() as number) ? floor + 1 : null;
      for (const m of items) {
        const since = m.publishedAt - 7 * 86_400_000;
        const key = hashKey(m.contentHash);
        const full = textKeys && key !== m.contentHash ? m.contentHash : null;
        // By its key, and by the full hex where a file still holds keys of that form.
        const seen = (q: typeof hashSeen) => q.get(key, since, m.sourceId) || (full !== null && q.get(full, since, m.sourceId));
        if (seen(hashSeen) || (archived && (archived.guid.get(m.sourceId, m.guid) || seen(archived.hash)))) {
          duplicates++;
          continue;
        }
        const r = insert.run(
          nextId, m.sourceId, m.guid, key, m.url, m.title, m.text, m.html, m.author, m.lang, m.publishedAt, m.fetchedAt,
          m.sentiment, m.label, JSON.stringify(m.emotions), m.reach, m.tags.length ? JSON.stringify(m.tags) : null,
        );
        if (key === m.contentHash) textKeys = true;
        if (r.changes === 0) {
          duplicates++;
          continue;
        }
        const id = Number(r.lastInsertRowid);
        nextId = null;
        ids.push(id);
        stored.push(m);
        const minute = Math.floor(m.publishedAt / 60_000);
        for (const t of m.topicIds) {
          link.run(t, id);
          accumulate(topicAcc, `${t}:${minute}`, m);
        }
        accumulate(sourceAcc, `${m.sourceId}:${minute}`, m);
        bySource.set(m.sourceId, (bySource.get(m.sourceId) ?? 0) + 1);
      }
      rollups.add('topic', topicAcc);
      rollups.add('source', sourceAcc);
      if (ids.length) recount?.run(ids.length);
      for (const [source, n] of bySource) brought.run(n, source);
      return { ids, duplicates, stored };
    },

    /** Mentions by id, from the station file or the archive that holds them. */
    byIds(ids: number[]): Mention[] {
      if (ids.length === 0) return [];
      const [main, ...rest] = parts();
      const out = mentionReads.byIds(db, ids, main!.bound);
      const inMain = new Set(out.map((m) => m.id));
      let missing = ids.filter((id) => !inMain.has(id));
      for (const p of rest) {
        if (!missing.length) break;
        const found = mentionReads.byIds(p.db, missing, p.bound);
        out.push(...found);
        const got = new Set(found.map((m) => m.id));
        missing = missing.filter((id) => !got.has(id));
      }
      return rest.length ? out.sort((a, b) => b.publishedAt - a.publishedAt) : out;
    },

    /**
     * The month whose archive holds mention `id` (null: the station file alone holds it). A
     * mention still in the station file but already recorded in an archive counts as archived.
     */
    archivedMonth(id: number): string | null {
      const at = db.prepare(`SELECT published_at FROM mentions WHERE id = ?`).pluck().get(id) as number | undefined;
      for (const a of archives.list()) {
        if (id > a.upto) continue;
        if (at != null ? at >= a.fromAt && at < a.toAt : archives.connection(a).prepare(`SELECT 1 FROM mentions WHERE id = ?`).get(id)) {
          return a.month;
        }
      }
      return null;
    },

    /** A mention's stored HTML, from the file that holds it (undefined: no such mention). */
    html(id: number): string | null | undefined {
      for (const p of parts()) {
        const r = p.db.prepare(`SELECT m.html FROM mentions m WHERE m.id = ?${p.bound.sql.length ? ` AND ${p.bound.sql.join(' AND ')}` : ''}`)
          .get(id, ...p.bound.args) as { html: string | null } | undefined;
        if (r) return r.html;
      }
      return undefined;
    },

    /**
     * Newest first, with filters (a text query is resolved to `ids` by the api first). `total`
     * counts every match (a scan of them all); pass `{ total: false }` when only the page is
     * wanted (the wall's stream). Archived months inside the filter's time range are read too,
     * with the same SQL.
     */
    find(f: MentionFilter, limit: number, offset = 0, opts: { total?: boolean } = {}): { items: Mention[]; total: number } {
      const ps = parts(f.from, filterEnd(f));
      let items: Mention[];
      if (ps.length === 1) items = mentionReads.page(db, f, ps[0]!.bound, limit, offset);
      else {
        // Each file's first offset + limit in the list's order, merged: the same page as one
        // file (archived months are older than the station file's newest: a deep page read
        // offset + limit rows of every archive for nothing). When no other file has a row
        // before the newest file's last of those, the page is that file's own, read at its
        // offset (50,000 rows made objects to keep 50 took 0.3 s at offset 50,000).
        // Each file's newest publication, asked once for both ways.
        const tops = new Map(ps.map((p) => [p, p.db.prepare(`SELECT max(published_at) FROM mentions`).pluck().get() as number | null]));
        const [head, ...others] = [...tops].filter(([, t]) => t != null).sort((a, b) => b[1]! - a[1]!).map(([p]) => p);
        const last = head && mentionReads.keyAt(head.db, f, head.bound, offset + limit - 1);
        if (head && last && others.every((p) => tops.get(p)! < last.publishedAt)) {
          items = mentionReads.page(head.db, f, head.bound, limit, offset);
        } else items = firstAcross<(typeof ps)[number], Mention>(
          ps,
          offset + limit,
          (p) => tops.get(p) ?? null,
          (m) => m.publishedAt,
          (p, after) => mentionReads.page(p.db, f, after ? ahead(p.bound, after) : p.bound, offset + limit, 0),
          listOrder,
        ).slice(offset, offset + limit);
      }
      if (opts.total === false) return { items, total: offset + items.length };
      return { items, total: totalOf(f) };
    },

    /** How many mentions the station file holds (archives not counted): one stored number. */
    count(): number {
      return count.get() as number;
    },

    /**
     * Deletes mentions from the station file (retention, once their archive holds them) and
     * keeps the stored count. Call inside a transaction. Returns how many were deleted.
     */
    deleteIds(ids: number[]): number {
      const gone = deleteIds.run(JSON.stringify(ids)).changes;
      recount?.run(-gone);
      return gone;
    },

    /** How many match a filter, in every file that holds some. */
    total: totalOf,

    /** The lowest and the highest id stored, archives too ([0, 0] when there is none). */
    idSpan(): [number, number] {
      return extent('id') ?? [0, 0];
    },

    /** The earliest and the latest publication time stored, archives too (null when there is none). */
    publishedSpan(): [number, number] | null {
      return extent('published_at');
    },

    /** The lowest id published in [from, to), archives too (Infinity when none is). */
    leastId: (from: number, to: number): number => Math.min(...idsAtEdge('min', from, to)),

    /** The highest id published in [from, to), archives too (-Infinity when none is). */
    greatestId: (from: number, to: number): number => Math.max(...idsAtEdge('max', from, to)),

    /**
     * A source's mentions counted through its (source, guid) key alone, `limit` keys after
     * `after` (null: from the first): how many, and the last key counted (null: none left).
     * Null when archives hold mentions (a month being moved is in both files; only row-by-row
     * counts leave it out once).
     */
    sourceKeySlice(sourceId: number, after: string | null, limit: number): { n: number; last: string | null } | null {
      if (archives.list().length) return null;
      const q = after === null ? sourceKeysFirst : sourceKeysNext;
      const from = after ?? '';
      const last = q.end.get(sourceId, from, Math.max(0, limit - 1)) as string | undefined;
      if (last === undefined) return { n: q.rest.get(sourceId, from) as number, last: null };
      return { n: q.upto.get(sourceId, from, last) as number, last };
    },

    /** Whether a filter's topic or source has few mentions in every file: one count through their keys is quick. */
    narrow(f: MentionFilter): boolean {
      return parts(f.from, filterEnd(f)).every((p) => narrowFilter(p.db, f));
    },

    newestAt(): number | null {
      return (newest.get() as { t: number | null }).t;
    },

    /**
     * Rows for matching a topic-language query: newest first (descending id, below `beforeId`,
     * down to `floor`), published in [from, end), archives too: a capped search keeps the newest.
     */
    scanNewestForMatching(when: Published, beforeId: number, limit: number, floor = 0): MatchRow[] {
      return newestAcross(parts(when[0], null), beforeId, limit, floor, (p, low) =>
        mentionReads.scanNewest(p.db, when, beforeId, p.bound, limit, low),
      (r) => r.id);
    },

    /**
     * A scan's next `limit` rows as scanNewestForMatching would read them, of which only those
     * passing `where` are read into objects: `examined` rows were passed over in all, the last
     * of them `edge`. A search whose words none of those rows holds skips them cheaply.
     */
    scanWhere(
      when: Published,
      edge: number,
      limit: number,
      where: Bound,
      floor = 0,
    ): { rows: MatchRow[]; examined: number; edge: number } {
      const ps = parts(when[0], null);
      const ids = newestAcross(ps, edge, limit, floor, (p, low) => mentionReads.scanIds(p.db, when, edge, p.bound, limit, low), (id) => id);
      if (ids.length === 0) return { rows: [], examined: 0, edge };
      const last = ids[ids.length - 1]!;
      const rows = ps.flatMap((p) => mentionReads.scanBetween(p.db, when, last, ids[0]!, p.bound, where));
      rows.sort((a, b) => b.id - a.id);
      return { rows, examined: ids.length, edge: last };
    },

    /**
     * Rows for a topic-language search in the list's own order (newest published first, then
     * newest id), passing every other filter, after the row `edge` ([publishedAt, id] of the
     * last row read), archives in range too: Explore's first page is the first matches of this walk.
     */
    scanInOrder(f: Omit<MentionFilter, 'ids'>, edge: [number, number] | null, limit: number): MatchRow[] {
      const end = filterEnd(f);
      const ps = parts(f.from, edge && (end == null || edge[0] < end) ? edge[0] + 1 : end);
      return firstAcross<(typeof ps)[number], MatchRow>(
        ps,
        limit,
        (p) => p.db.prepare(`SELECT max(published_at) FROM mentions WHERE published_at <= ?`).pluck().get(edge ? edge[0] : Number.MAX_SAFE_INTEGER) as number | null,
        (r) => r.publishedAt,
        (p, after) => mentionReads.scanInOrder(p.db, f, after ? ahead(p.bound, after) : p.bound, edge, limit),
        listOrder,
      );
    },

    /** Changes when a scan could answer differently (a mention stored, a source renamed); tags are not in it. */
    scanStamp(): string {
      return `${scanStamp.get() as string}|${archives.stamp()}`;
    },

    /** The files a re-tag since `from` touches (store/retag.ts): the station file first, then each archive in range. */
    filesSince(from: number, to: number | null = null): RetagFile[] {
      const [main, ...archived] = parts(from, to);
      // An archive's connection is asked for at each use: the cache may close it between turns.
      return [{ ...main!, month: null }, ...archives.overlapping(from, to).map((a, k) => ({
        get db() {
          return archives.connection(a);
        },
        bound: archived[k]!.bound,
        month: a,
      }))];
    },

    /**
     * Compare the rollups with a recount from the mentions themselves. Returns the
     * differing (topic|source, minute) keys; empty means they agree.
     */
    rollupDiff(): string[] {
      return rollups.diff(liveFromMinute());
    },
  };
}

/**
 * The first `n` rows of several files in one order, merged. The file whose best row comes first
 * (`top`, a key of `key`'s kind, or null when it has none) is read first (`read(p, null)`), and
 * the others only for rows ahead of the last one that read reached (`read(p, last)`) — none of
 * theirs after it is among the first `n` — and not at all when their best is behind it.
 * Archives usually hold older months and lower ids than the station file's newest, so after a
 * retention run the newest mentions are read from the station file alone, instead of `n` rows
 * of every archive a page (at 10 M with six months archived: a capped search's count 6 – 10 s
 * instead of 1.6 – 2.8, a page at offset 100,000 4.7 s instead of 1.1).
 */
function firstAcross<P, T>(
  ps: P[],
  n: number,
  top: (p: P) => number | null,
  key: (row: T) => number,
  read: (p: P, after: T | null) => T[],
  order: (a: T, b: T) => number,
): T[] {
  if (ps.length === 1) return read(ps[0]!, null);
  const ranked = ps
    .map((p) => ({ p, top: top(p) }))
    .filter((x): x is { p: P; top: number } => x.top != null)
    .sort((a, b) => b.top - a.top);
  if (ranked.length === 0) return [];
  const first = read(ranked[0]!.p, null);
  const last = first.length >= n ? first[first.length - 1]! : null;
  const rest = ranked.slice(1).flatMap((x) => (last && x.top < key(last) ? [] : read(x.p, last)));
  return rest.length ? [...first, ...rest].sort(order).slice(0, n) : first;
}

/** The newest `limit` ids or rows below `edge` and down to `floor`, over every file: `read(p, low)` reads one file down to `low`. */
function newestAcross<T>(
  ps: { db: Db; bound: Bound }[],
  edge: number,
  limit: number,
  floor: number,
  read: (p: { db: Db; bound: Bound }, low: number) => T[],
  idOf: (row: T) => number,
): T[] {
  const below = (p: { db: Db }) => {
    const id = p.db.prepare(`SELECT max(id) FROM mentions WHERE id < ?`).pluck().get(edge) as number | null;
    return id != null && id >= floor ? id : null;
  };
  return firstAcross(ps, limit, below, idOf, (p, after) => read(p, after ? idOf(after) : floor), (a, b) => idOf(b) - idOf(a));
}

/** A file's bound narrowed to rows ahead of `m` in the list's order (newest published first, then newest id). */
function ahead(bound: Bound, m: { publishedAt: number; id: number }): Bound {
  return { sql: [...bound.sql, '(m.published_at, m.id) > (?, ?)'], args: [...bound.args, m.publishedAt, m.id] };
}
