// Reading mentions from one SQLite file — the station file or one month's archive, which has
// the same mention tables: the row shape, the filters as SQL, a page in the list's order, a
// count, and the scans the topic matcher reads. `bound` is extra SQL that says which rows of
// this file count (the station file leaves out what an archive holds; an archive counts only
// ids up to what the station file recorded), so every mention is read from exactly one file.
// store/mentions.ts merges the files' answers.
import type { Emotions, Lang, Mention, SentimentLabel } from '../../../shared/types';
import type { Db } from './db';

export interface MentionFilter {
  topicId?: number | undefined;
  sourceId?: number | undefined;
  lang?: Lang | undefined;
  label?: SentimentLabel | undefined;
  from?: number | undefined;
  to?: number | undefined;
  before?: number | undefined;
  /** Only these mentions (a topic-language query's matches, resolved by the api). */
  ids?: number[] | undefined;
  /** Only ids in [lo, hi): a count taken in slices (api/mention-query.ts countInTurns). */
  idRange?: [number, number] | undefined;
  /**
   * Read row by row in slices of time or ids (a count taken in turns): a big source is checked
   * on each row read, not looked up through its index, which every slice would read whole.
   */
  walk?: boolean | undefined;
}

/** A stretch of publication time, [from, end) in ms. */
export type Published = [from: number, end: number];

export interface MatchRow {
  id: number;
  title: string | null;
  text: string;
  author: string | null;
  lang: string;
  tags: string | null;
  source: string;
  publishedAt: number;
}

/** SQL over `m` and its arguments. */
export interface Bound {
  sql: string[];
  args: unknown[];
}

interface MentionRow {
  id: number;
  source_id: number;
  source_name: string;
  guid: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  lang: string;
  published_at: number;
  fetched_at: number;
  sentiment: number;
  label: number;
  label_corrected: number;
  emotions: string | null;
  reach: number;
  tags: string | null;
  topic_ids: string | null;
}

const LABELS: Record<number, SentimentLabel> = { [-1]: 'negative', 0: 'neutral', 1: 'positive' };
export const LABEL_VALUE: Record<SentimentLabel, -1 | 0 | 1> = { negative: -1, neutral: 0, positive: 1 };

function toMention(r: MentionRow): Mention {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    guid: r.guid,
    url: r.url,
    title: r.title,
    text: r.text,
    author: r.author,
    lang: r.lang as Lang,
    publishedAt: r.published_at,
    fetchedAt: r.fetched_at,
    sentiment: r.sentiment,
    label: LABELS[r.label] ?? 'neutral',
    labelCorrected: r.label_corrected === 1,
    emotions: r.emotions ? (JSON.parse(r.emotions) as Emotions) : {},
    reach: r.reach,
    topicIds: r.topic_ids ? r.topic_ids.split(',').map(Number) : [],
    tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  };
}

const SELECT = `SELECT m.id, m.source_id, s.name AS source_name, m.guid, m.url, m.title, m.text, m.author,
  m.lang, m.published_at, m.fetched_at, m.sentiment, m.label, m.label_corrected, m.emotions, m.reach, m.tags,
  (SELECT group_concat(topic_id) FROM mention_topics mt WHERE mt.mention_id = m.id) AS topic_ids
  FROM mentions m JOIN sources s ON s.id = m.source_id`;

/** What the topic matcher reads of a mention (MatchRow), for the scans that feed it. */
export const MATCH_ROWS = `SELECT m.id, m.title, m.text, m.author, m.lang, m.tags, s.name AS source,
  m.published_at AS publishedAt FROM mentions m JOIN sources s ON s.id = m.source_id`;

/** A topic or source with at least this many mentions is read by walking time, not through its own keys. */
const BIG = 2_000;

const count1 = (db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

/** Whether `rows` (a SELECT with one `?`) yields at least BIG rows, reading no more than that. */
const big = (db: Db, rows: string, arg: unknown) => count1(db, `SELECT count(*) FROM (${rows} LIMIT ${BIG})`, arg) >= BIG;

const whereSql = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

/**
 * The SQL of every filter (topic, source, language, label, time, ids), over `m`. `walk`: the
 * query reads in the list's order (newest published first) and stops at a page.
 */
function filterClause(db: Db, f: MentionFilter, bound: Bound, walk = false): { where: string[]; args: unknown[] } {
  const where: string[] = [...bound.sql];
  const args: unknown[] = [...bound.args];
  walk ||= Boolean(f.walk);
  if (f.topicId) {
    // Same answer, two plans, as for a text search: a small topic's links are looked up;
    // a big topic's page is found walking time, with a key seek per mention.
    if (big(db, 'SELECT 1 FROM mention_topics WHERE topic_id = ?', f.topicId)) {
      where.push('EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = ? AND mt.mention_id = m.id)');
    } else {
      where.push('m.id IN (SELECT mention_id FROM mention_topics WHERE topic_id = ?)');
    }
    args.push(f.topicId);
  }
  if (f.sourceId) {
    // A page of a big source is found walking time and checking each row's source: through the
    // (source, guid) index SQLite would read every row of the source and sort them (12 s for a
    // page of a 10 M-mention source). A small source's rows are few: the index, then the sort.
    // Counting always takes the index (it reads no row).
    where.push(walk && big(db, 'SELECT 1 FROM mentions WHERE source_id = ?', f.sourceId) ? '+m.source_id = ?' : 'm.source_id = ?');
    args.push(f.sourceId);
  }
  if (f.lang) (where.push('m.lang = ?'), args.push(f.lang));
  if (f.label) (where.push('m.label = ?'), args.push(LABEL_VALUE[f.label]));
  if (f.from != null) (where.push('m.published_at >= ?'), args.push(f.from));
  if (f.to != null) (where.push('m.published_at < ?'), args.push(f.to));
  if (f.before != null) (where.push('m.published_at < ?'), args.push(f.before));
  if (f.ids) (where.push('m.id IN (SELECT value FROM json_each(?))'), args.push(JSON.stringify(f.ids)));
  if (f.idRange) (where.push('m.id >= ? AND m.id < ?'), args.push(f.idRange[0], f.idRange[1]));
  return { where, args };
}

export const NO_BOUND: Bound = { sql: [], args: [] };

/** Where a filter's time range ends (`to` and `before` both mean "published before"), if it does. */
export const filterEnd = (f: MentionFilter): number | undefined =>
  f.to == null ? f.before : f.before == null ? f.to : Math.min(f.to, f.before);

/** Whether a filter names a topic or a source with few mentions in this file: it is counted through their keys at once. */
export function narrowFilter(db: Db, f: MentionFilter): boolean {
  return Boolean(
    (f.topicId && !big(db, 'SELECT 1 FROM mention_topics WHERE topic_id = ?', f.topicId)) ||
      (f.sourceId && !big(db, 'SELECT 1 FROM mentions WHERE source_id = ?', f.sourceId)),
  );
}

/** Reads of one file. */
export const mentionReads = {
  /** The first `limit` matches in the list's order (newest published first, then newest id). */
  page(db: Db, f: MentionFilter, bound: Bound, limit: number, offset = 0): Mention[] {
    const { where, args } = filterClause(db, f, bound, true);
    const w = whereSql(where);
    const sql = `${SELECT}${w} ORDER BY m.published_at DESC, m.id DESC LIMIT ? OFFSET ?`;
    return (db.prepare(sql).all(...args, limit, offset) as MentionRow[]).map(toMention);
  },

  /** The `k`-th match (from 0) in the list's order, as its sort key only: no row read into an object. */
  keyAt(db: Db, f: MentionFilter, bound: Bound, k: number): { publishedAt: number; id: number } | undefined {
    const { where, args } = filterClause(db, f, bound, true);
    const sql = `SELECT m.published_at AS publishedAt, m.id FROM mentions m${whereSql(where)} ORDER BY m.published_at DESC, m.id DESC LIMIT 1 OFFSET ?`;
    return db.prepare(sql).get(...args, k) as { publishedAt: number; id: number } | undefined;
  },

  /** How many match. */
  count(db: Db, f: MentionFilter, bound: Bound): number {
    const { where, args } = filterClause(db, f, bound);
    const w = whereSql(where);
    return count1(db, `SELECT count(*) FROM mentions m${w}`, ...args);
  },

  byIds(db: Db, ids: number[], bound: Bound): Mention[] {
    const out: Mention[] = [];
    const and = bound.sql.length ? ` AND ${bound.sql.join(' AND ')}` : '';
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const sql = `${SELECT} WHERE m.id IN (${chunk.map(() => '?').join(',')})${and} ORDER BY m.published_at DESC`;
      out.push(...(db.prepare(sql).all(...chunk, ...bound.args) as MentionRow[]).map(toMention));
    }
    return out;
  },

  /** Rows in the list's order after the row `edge` ([publishedAt, id]), every filter but ids. */
  scanInOrder(db: Db, f: Omit<MentionFilter, 'ids'>, bound: Bound, edge: [number, number] | null, limit: number): MatchRow[] {
    const { where, args } = filterClause(db, f, bound, true);
    if (edge) (where.push('(m.published_at, m.id) < (?, ?)'), args.push(edge[0], edge[1]));
    const w = whereSql(where);
    return db.prepare(`${MATCH_ROWS}${w} ORDER BY m.published_at DESC, m.id DESC LIMIT ?`).all(...args, limit) as MatchRow[];
  },

  /** A scan's next `limit` ids (published in [from, end), below `edge`, newest first), without reading the rows into objects. */
  scanIds(db: Db, [from, end]: Published, edge: number, bound: Bound, limit: number, floor = 0): number[] {
    const and = bound.sql.length ? ` AND ${bound.sql.join(' AND ')}` : '';
    const sql = `SELECT m.id FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? AND m.id < ? AND m.id >= ?${and}
      ORDER BY m.id DESC LIMIT ?`;
    return db.prepare(sql).pluck().all(from, end, edge, floor, ...bound.args, limit) as number[];
  },

  /** The rows with ids in [lo, hi] published in [from, end) that pass `where` (SQL over `m`), ascending id. */
  scanBetween(db: Db, [from, end]: Published, lo: number, hi: number, bound: Bound, where: Bound): MatchRow[] {
    const and = [...bound.sql, ...where.sql].map((w) => ` AND ${w}`).join('');
    const sql = `${MATCH_ROWS} WHERE m.id BETWEEN ? AND ? AND m.published_at >= ? AND m.published_at < ?${and} ORDER BY m.id`;
    return db.prepare(sql).all(lo, hi, from, end, ...bound.args, ...where.args) as MatchRow[];
  },

  /** Rows published in [from, end), newest id first, below `beforeId`. */
  scanNewest(db: Db, [from, end]: Published, beforeId: number, bound: Bound, limit: number, floor = 0): MatchRow[] {
    const and = bound.sql.length ? ` AND ${bound.sql.join(' AND ')}` : '';
    const sql = `${MATCH_ROWS} WHERE m.published_at >= ? AND m.published_at < ? AND m.id < ? AND m.id >= ?${and} ORDER BY m.id DESC LIMIT ?`;
    return db.prepare(sql).all(from, end, beforeId, floor, ...bound.args, limit) as MatchRow[];
  },
};

/** Newest published first, then newest id: the list's order. */
export function listOrder(a: { publishedAt: number; id: number }, b: { publishedAt: number; id: number }): number {
  return b.publishedAt - a.publishedAt || b.id - a.id;
}
