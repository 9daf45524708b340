// Mentions: the batch insert (with FTS via triggers, topic links and rollups in the same
// transaction), reads for streams and search, and the rollup recount that proves the
// derived numbers equal the source of truth.
import type { Emotions, Lang, Mention, SentimentLabel } from '../../../shared/types';
import { EMOTIONS } from '../../../shared/types';
import type { Db } from './db';
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

export interface MentionFilter {
  topicId?: number | undefined;
  sourceId?: number | undefined;
  lang?: Lang | undefined;
  label?: SentimentLabel | undefined;
  from?: number | undefined;
  to?: number | undefined;
  before?: number | undefined;
  q?: string | undefined;
  /** Only these mentions (a topic-language query's matches, resolved by the api). */
  ids?: number[] | undefined;
}

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

type Acc = MinuteSums;

/** What the topic matcher reads of a mention (MatchRow), for the scans that feed it. */
const MATCH_ROWS = `SELECT m.id, m.title, m.text, m.author, m.lang, m.tags, s.name AS source,
  m.published_at AS publishedAt FROM mentions m JOIN sources s ON s.id = m.source_id`;

/** A term with at least this many matches is searched by walking time, not by sorting matches. */
const COMMON_TERM = 2_000;

/** `searchIndex: false` leaves new mentions out of the full-text index (Store.scratch). */
export function mentionsRepo(db: Db, rollups: Rollups, { searchIndex = true }: { searchIndex?: boolean } = {}) {
  const insert = db.prepare(`INSERT INTO mentions
    (source_id, guid, content_hash, url, title, text, html, author, lang, published_at, fetched_at,
     sentiment, label, emotions, reach, tags)
    VALUES (@sourceId, @guid, @contentHash, @url, @title, @text, @html, @author, @lang, @publishedAt, @fetchedAt,
     @sentiment, @label, @emotions, @reach, @tags)
    ON CONFLICT (source_id, guid) DO NOTHING`);
  const hashSeen = db.prepare(
    `SELECT 1 FROM mentions WHERE content_hash = ? AND published_at > ? AND source_id != ? LIMIT 1`,
  );
  // The batch's new rows are ids [first, last] (rowids only grow inside the write transaction):
  // one statement indexes them all (migration 007 dropped the per-row trigger).
  const ftsBatch = db.prepare(`INSERT INTO mentions_fts (rowid, title, text, author)
    SELECT id, title, text, author FROM mentions WHERE id BETWEEN ? AND ?`);
  const ftsProbe = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ? LIMIT ${COMMON_TERM})`).pluck();
  const topicProbe = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM mention_topics WHERE topic_id = ? LIMIT ${COMMON_TERM})`).pluck();
  const ftsCount = db.prepare(`SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH ?`).pluck();
  const link = db.prepare(`INSERT OR IGNORE INTO mention_topics (topic_id, mention_id) VALUES (?, ?)`);
  const byIds = (ids: number[]) =>
    db.prepare(`${SELECT} WHERE m.id IN (${ids.map(() => '?').join(',')}) ORDER BY m.published_at DESC`);
  const scan = db.prepare(`${MATCH_ROWS}
    WHERE m.published_at >= ? AND m.id > ? ORDER BY m.id LIMIT ?`);
  const scanDesc = db.prepare(`${MATCH_ROWS}
    WHERE m.published_at >= ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`);
  // What a scan's answer depends on besides tags: the newest mention and the sources' names.
  const scanStamp = db.prepare(`SELECT coalesce((SELECT max(id) FROM mentions), 0) || '|' ||
    coalesce((SELECT group_concat(id || ':' || name, char(10)) FROM sources), '')`).pluck();
  const unlinkSince = db.prepare(`DELETE FROM mention_topics WHERE topic_id = ?
    AND mention_id IN (SELECT id FROM mentions WHERE published_at >= ?)`);
  const count = db.prepare(`SELECT count(*) AS n FROM mentions`);
  const newest = db.prepare(`SELECT max(published_at) AS t FROM mentions`);

  /** The SQL of every filter but `q` (topic, source, language, label, time, ids), over `m`. */
  function filterClause(f: MentionFilter): { where: string[]; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.topicId) {
      // Same answer, two plans, as for a text search: a small topic's links are looked up;
      // a big topic's page is found walking time, with a key seek per mention.
      if ((topicProbe.get(f.topicId) as number) >= COMMON_TERM) {
        where.push('EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = ? AND mt.mention_id = m.id)');
      } else {
        where.push('m.id IN (SELECT mention_id FROM mention_topics WHERE topic_id = ?)');
      }
      args.push(f.topicId);
    }
    if (f.sourceId) (where.push('m.source_id = ?'), args.push(f.sourceId));
    if (f.lang) (where.push('m.lang = ?'), args.push(f.lang));
    if (f.label) (where.push('m.label = ?'), args.push(LABEL_VALUE[f.label]));
    if (f.from != null) (where.push('m.published_at >= ?'), args.push(f.from));
    if (f.to != null) (where.push('m.published_at < ?'), args.push(f.to));
    if (f.before != null) (where.push('m.published_at < ?'), args.push(f.before));
    if (f.ids) (where.push('m.id IN (SELECT value FROM json_each(?))'), args.push(JSON.stringify(f.ids)));
    return { where, args };
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
      for (const m of items) {
        if (hashSeen.get(m.contentHash, m.publishedAt - 7 * 86_400_000, m.sourceId)) {
          duplicates++;
          continue;
        }
        const r = insert.run({
          ...m,
          emotions: JSON.stringify(m.emotions),
          tags: m.tags.length ? JSON.stringify(m.tags) : null,
        });
        if (r.changes === 0) {
          duplicates++;
          continue;
        }
        const id = Number(r.lastInsertRowid);
        ids.push(id);
        stored.push(m);
        const minute = Math.floor(m.publishedAt / 60_000);
        for (const t of m.topicIds) {
          link.run(t, id);
          accumulate(topicAcc, `${t}:${minute}`, m);
        }
        accumulate(sourceAcc, `${m.sourceId}:${minute}`, m);
      }
      if (ids.length && searchIndex) ftsBatch.run(ids[0], ids[ids.length - 1]);
      rollups.add('topic', topicAcc);
      rollups.add('source', sourceAcc);
      return { ids, duplicates, stored };
    },

    byIds(ids: number[]): Mention[] {
      if (ids.length === 0) return [];
      const out: Mention[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        out.push(...(byIds(chunk).all(...chunk) as MentionRow[]).map(toMention));
      }
      return out;
    },

    /**
     * Newest first, with filters; `q` is a full-text query. `total` counts every match (a scan
     * of them all); pass `{ total: false }` when only the page is wanted (the wall's stream).
     */
    find(f: MentionFilter, limit: number, offset = 0, opts: { total?: boolean } = {}): { items: Mention[]; total: number } {
      const { where, args } = filterClause(f);
      let ftsOnly: string | null = null;
      const q = f.q?.trim();
      if (q) {
        // The trigram tokenizer needs 3+ characters; shorter terms (2-char Chinese words are
        // common) fall back to a substring scan.
        if ([...q].length >= 3) {
          const match = `"${q.replace(/"/g, '""')}"`;
          // Same answer, two plans: a rare term's few matches are looked up and sorted; a
          // common term's page is found walking the publish-time index newest first, testing
          // each row against the matches (`+` keeps SQLite from turning the IN into lookups).
          const common = (ftsProbe.get(match) as number) >= COMMON_TERM;
          where.push(`${common ? '+m.id' : 'm.id'} IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?)`);
          args.push(match);
          if (where.length === 1) ftsOnly = match;
        } else {
          where.push("(m.text LIKE ? ESCAPE '\\' OR m.title LIKE ? ESCAPE '\\')");
          const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
          args.push(like, like);
        }
      }
      const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const items = (
        db.prepare(`${SELECT}${w} ORDER BY m.published_at DESC, m.id DESC LIMIT ? OFFSET ?`).all(
          ...args,
          limit,
          offset,
        ) as MentionRow[]
      ).map(toMention);
      if (opts.total === false) return { items, total: offset + items.length };
      // A text search alone is counted in the index itself (it holds exactly the stored
      // mentions: external content kept by migration 007's batch insert and the delete trigger).
      const total = ftsOnly
        ? (ftsCount.get(ftsOnly) as number)
        : (db.prepare(`SELECT count(*) AS n FROM mentions m${w}`).get(...args) as { n: number }).n;
      return { items, total };
    },

    count(): number {
      return (count.get() as { n: number }).n;
    },

    newestAt(): number | null {
      return (newest.get() as { t: number | null }).t;
    },

    /** Rows for re-matching topics: id order, from a time, in pages. */
    scanForMatching(from: number, afterId: number, limit: number): MatchRow[] {
      return scan.all(from, afterId, limit) as MatchRow[];
    },

    /** The same rows newest first (descending id, below `beforeId`): a capped search keeps the newest. */
    scanNewestForMatching(from: number, beforeId: number, limit: number): MatchRow[] {
      return scanDesc.all(from, beforeId, limit) as MatchRow[];
    },

    /**
     * Rows for a topic-language search in the list's own order (newest published first, then
     * newest id), passing every other filter, after the row `edge` ([publishedAt, id] of the
     * last row read): Explore's first page is the first matches of this walk.
     */
    scanInOrder(f: Omit<MentionFilter, 'q' | 'ids'>, edge: [number, number] | null, limit: number): MatchRow[] {
      const { where, args } = filterClause(f);
      if (edge) (where.push('(m.published_at, m.id) < (?, ?)'), args.push(edge[0], edge[1]));
      const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      return db
        .prepare(`${MATCH_ROWS}${w} ORDER BY m.published_at DESC, m.id DESC LIMIT ?`)
        .all(...args, limit) as MatchRow[];
    },

    /** Changes when a scan could answer differently (a mention stored, a source renamed); tags are not in it. */
    scanStamp(): string {
      return scanStamp.get() as string;
    },

    /**
     * Replace a topic's links among the mentions in [fromId, toId] published since `from` with
     * `ids`, then rebuild that topic's rollups from the links: one transaction, so the
     * rollups never disagree with the links.
     */
    relinkTopic(topicId: number, from: number, ids: number[]): void {
      db.transaction(() => {
        unlinkSince.run(topicId, from);
        for (const id of ids) link.run(topicId, id);
        rollups.rebuildTopic(topicId);
      })();
    },

    /**
     * Compare the rollups with a recount from the mentions themselves. Returns the
     * differing (topic|source, minute) keys; empty means they agree.
     */
    rollupDiff(): string[] {
      return rollups.diff();
    },
  };
}
