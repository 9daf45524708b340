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

export function mentionsRepo(db: Db, rollups: Rollups) {
  const insert = db.prepare(`INSERT INTO mentions
    (source_id, guid, content_hash, url, title, text, html, author, lang, published_at, fetched_at,
     sentiment, label, emotions, reach, tags)
    VALUES (@sourceId, @guid, @contentHash, @url, @title, @text, @html, @author, @lang, @publishedAt, @fetchedAt,
     @sentiment, @label, @emotions, @reach, @tags)
    ON CONFLICT (source_id, guid) DO NOTHING`);
  const hashSeen = db.prepare(
    `SELECT 1 FROM mentions WHERE content_hash = ? AND published_at > ? AND source_id != ? LIMIT 1`,
  );
  const link = db.prepare(`INSERT OR IGNORE INTO mention_topics (topic_id, mention_id) VALUES (?, ?)`);
  const byIds = (ids: number[]) =>
    db.prepare(`${SELECT} WHERE m.id IN (${ids.map(() => '?').join(',')}) ORDER BY m.published_at DESC`);
  const scan = db.prepare(`SELECT m.id, m.title, m.text, m.author, m.lang, m.tags, s.name AS source
    FROM mentions m JOIN sources s ON s.id = m.source_id
    WHERE m.published_at >= ? AND m.id > ? ORDER BY m.id LIMIT ?`);
  const unlinkSince = db.prepare(`DELETE FROM mention_topics WHERE topic_id = ?
    AND mention_id IN (SELECT id FROM mentions WHERE published_at >= ?)`);
  const count = db.prepare(`SELECT count(*) AS n FROM mentions`);
  const newest = db.prepare(`SELECT max(published_at) AS t FROM mentions`);

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
    insertMany(items: NewMention[]): { ids: number[]; duplicates: number } {
      const ids: number[] = [];
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
        const minute = Math.floor(m.publishedAt / 60_000);
        for (const t of m.topicIds) {
          link.run(t, id);
          accumulate(topicAcc, `${t}:${minute}`, m);
        }
        accumulate(sourceAcc, `${m.sourceId}:${minute}`, m);
      }
      rollups.add('topic', topicAcc);
      rollups.add('source', sourceAcc);
      return { ids, duplicates };
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

    /** Newest first, with filters; `q` is a full-text query. */
    find(f: MentionFilter, limit: number, offset = 0): { items: Mention[]; total: number } {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.topicId) {
        where.push('m.id IN (SELECT mention_id FROM mention_topics WHERE topic_id = ?)');
        args.push(f.topicId);
      }
      if (f.sourceId) (where.push('m.source_id = ?'), args.push(f.sourceId));
      if (f.lang) (where.push('m.lang = ?'), args.push(f.lang));
      if (f.label) (where.push('m.label = ?'), args.push(LABEL_VALUE[f.label]));
      if (f.from != null) (where.push('m.published_at >= ?'), args.push(f.from));
      if (f.to != null) (where.push('m.published_at < ?'), args.push(f.to));
      if (f.before != null) (where.push('m.published_at < ?'), args.push(f.before));
      if (f.ids) (where.push('m.id IN (SELECT value FROM json_each(?))'), args.push(JSON.stringify(f.ids)));
      const q = f.q?.trim();
      if (q) {
        // The trigram tokenizer needs 3+ characters; shorter terms (2-char Chinese words are
        // common) fall back to a substring scan.
        if ([...q].length >= 3) {
          where.push('m.id IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?)');
          args.push(`"${q.replace(/"/g, '""')}"`);
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
      const total = (db.prepare(`SELECT count(*) AS n FROM mentions m${w}`).get(...args) as { n: number }).n;
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
