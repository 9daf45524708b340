// The per-minute rollups (rollup_topic_minute, rollup_source_minute): every statement that
// writes or reads them lives here. Ingest adds a batch's minutes, a correction moves one
// mention between labels, a re-tag rebuilds a topic; panels, insights and lights read sums,
// buckets and minutes, never the mentions themselves.
import { EMOTIONS, type Emotions } from '../../../shared/types';
import type { Db } from './db';

export interface BucketRow {
  topic_id: number;
  b: number;
  count: number;
  pos: number;
  neg: number;
  sent: number;
}

/** Totals over a window of minutes, and the newest minute with data (at or before the window's end). */
export interface WindowMetrics {
  count: number;
  pos: number;
  neg: number;
  sentSum: number;
  newestMinute: number | null;
}

export type MinuteRow = { minute: number } & Omit<WindowMetrics, 'newestMinute'>;

/** The rollup series a rule reads: one topic, one source, or the station (all sources). */
export type SeriesKey = { scope: 'topic'; id: number } | { scope: 'source'; id: number } | { scope: 'station' };

/** One minute's additions for one topic or source, accumulated over a batch. */
export interface MinuteSums {
  count: number;
  pos: number;
  neu: number;
  neg: number;
  sent: number;
  /** Sums per emotion, in EMOTIONS order. */
  emo: number[];
}

export type LabelColumn = 'neg' | 'neu' | 'pos';

const COLS = `count, pos, neu, neg, sent_sum, ${EMOTIONS.join(', ')}`;
const ADD = ['count', 'pos', 'neu', 'neg', 'sent_sum', ...EMOTIONS].map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
const TABLE = { topic: 'rollup_topic_minute', source: 'rollup_source_minute' } as const;
const KEY = { topic: 'topic_id', source: 'source_id' } as const;

export function rollupsRepo(db: Db) {
  const placeholders = `?, ?, ${['?', '?', '?', '?', '?', ...EMOTIONS.map(() => '?')].join(', ')}`;
  const up = (k: 'topic' | 'source') =>
    db.prepare(`INSERT INTO ${TABLE[k]} (${KEY[k]}, minute, ${COLS}) VALUES (${placeholders})
      ON CONFLICT (${KEY[k]}, minute) DO UPDATE SET ${ADD}`);
  const add = { topic: up('topic'), source: up('source') };
  const clearTopic = db.prepare(`DELETE FROM rollup_topic_minute WHERE topic_id = ? AND minute >= ?`);
  const rebuildTopic = db.prepare(`INSERT INTO rollup_topic_minute (topic_id, minute, ${COLS})
    SELECT mt.topic_id, m.published_at / 60000, count(*), sum(m.label = 1), sum(m.label = 0), sum(m.label = -1),
      sum(m.sentiment), ${EMOTIONS.map((e) => `coalesce(sum(json_extract(m.emotions, '$.${e}')), 0)`).join(', ')}
    FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id WHERE mt.topic_id = ? AND m.published_at >= ?
    GROUP BY m.published_at / 60000`);
  const perTopic = db.prepare(`SELECT topic_id, sum(count) AS count, sum(pos) AS pos, sum(neg) AS neg,
      ${EMOTIONS.map((e) => `sum(${e}) AS ${e}`).join(', ')}
    FROM rollup_topic_minute WHERE topic_id IN (SELECT id FROM topics) AND minute >= ? AND minute < ? GROUP BY topic_id`);

  // Reads per series kind. The station is the sum over sources, read source by source so
  // every read stays a range seek on the (source_id, minute) key.
  const series = (k: 'topic' | 'source') => ({
    sum: db.prepare(`SELECT coalesce(sum(count), 0) AS count, coalesce(sum(pos), 0) AS pos,
      coalesce(sum(neg), 0) AS neg, coalesce(sum(sent_sum), 0) AS sentSum
      FROM ${TABLE[k]} WHERE ${KEY[k]} = ? AND minute >= ? AND minute <= ?`),
    newest: db.prepare(`SELECT max(minute) AS m FROM ${TABLE[k]} WHERE ${KEY[k]} = ? AND minute <= ?`),
    first: db.prepare(`SELECT min(minute) AS m FROM ${TABLE[k]} WHERE ${KEY[k]} = ?`),
    buckets: db.prepare(`SELECT CAST((minute - ?) / ? AS INTEGER) AS b, sum(count) AS n FROM ${TABLE[k]}
      WHERE ${KEY[k]} = ? AND minute >= ? AND minute < ? GROUP BY b`),
    minutes: db.prepare(`SELECT minute, count, pos, neg, sent_sum AS sentSum FROM ${TABLE[k]}
      WHERE ${KEY[k]} = ? AND minute >= ? AND minute <= ?`),
  });
  const T = { topic: series('topic'), source: series('source') };
  // The sources with any minute counted: a seek per source (sources are never deleted, and
  // every counted source is one of them), not a DISTINCT over every minute ever counted.
  const sourceIds = db
    .prepare(`SELECT s.id FROM sources s WHERE EXISTS (SELECT 1 FROM rollup_source_minute r WHERE r.source_id = s.id) ORDER BY s.id`)
    .pluck();
  const ids = (k: SeriesKey): { t: typeof T.topic; ids: number[] } =>
    k.scope === 'station' ? { t: T.source, ids: sourceIds.all() as number[] } : { t: T[k.scope], ids: [k.id] };

  return {
    /** Add a batch's sums, keyed "<topic or source id>:<minute>". Inside the batch's transaction. */
    add(kind: 'topic' | 'source', sums: Map<string, MinuteSums>): void {
      for (const [key, a] of sums) {
        const [id, minute] = key.split(':').map(Number);
        add[kind].run(id, minute, a.count, a.pos, a.neu, a.neg, a.sent, ...a.emo);
      }
    },
    /** Move one mention of that minute from one label's column to another's. */
    moveLabel(kind: 'topic' | 'source', id: number, minute: number, from: LabelColumn, to: LabelColumn): void {
      db.prepare(`UPDATE ${TABLE[kind]} SET ${from} = ${from} - 1, ${to} = ${to} + 1 WHERE ${KEY[kind]} = ? AND minute = ?`).run(
        id,
        minute,
      );
    },
    /** Recount a topic's minutes from `fromMinute` on from its links (after a re-tag). */
    rebuildTopic(topicId: number, fromMinute = 0): void {
      clearTopic.run(topicId, fromMinute);
      rebuildTopic.run(topicId, fromMinute * 60_000);
    },

    /** Sums per topic per bucket of `bucketMin` minutes over [fromMinute, toMinute). */
    topicBuckets(fromMinute: number, toMinute: number, bucketMin: number, topicIds: number[]): BucketRow[] {
      const inTopics = topicIds.length ? `AND topic_id IN (${topicIds.map(() => '?').join(',')})` : '';
      return db
        .prepare(
          `SELECT topic_id, CAST((minute - ?) / ? AS INTEGER) AS b, sum(count) AS count, sum(pos) AS pos, sum(neg) AS neg,
             sum(sent_sum) AS sent
           FROM rollup_topic_minute WHERE minute >= ? AND minute < ? ${inTopics}
           GROUP BY topic_id, b`,
        )
        .all(fromMinute, bucketMin, fromMinute, toMinute, ...topicIds) as BucketRow[];
    },
    /**
     * Counts, tone and emotion sums per topic over [fromMinute, toMinute). A range seek per
     * topic on the (topic_id, minute) key — without the topic list it was a scan of every
     * minute ever counted (1 s at 6.5 M mentions).
     */
    perTopic(fromMinute: number, toMinute: number): Map<number, { count: number; pos: number; neg: number; emotions: Emotions }> {
      const out = new Map<number, { count: number; pos: number; neg: number; emotions: Emotions }>();
      for (const r of perTopic.all(fromMinute, toMinute) as Record<string, number>[]) {
        const emotions: Emotions = {};
        for (const e of EMOTIONS) if (r[e]) emotions[e] = r[e];
        out.set(r.topic_id!, { count: r.count!, pos: r.pos!, neg: r.neg!, emotions });
      }
      return out;
    },
    /** Totals for a series over [fromMinute, toMinute], and its newest minute with data. */
    windowMetrics(key: SeriesKey | number, fromMinute: number, toMinute: number): WindowMetrics {
      const k: SeriesKey = typeof key === 'number' ? { scope: 'topic', id: key } : key;
      const { t, ids: list } = ids(k);
      const out: WindowMetrics = { count: 0, pos: 0, neg: 0, sentSum: 0, newestMinute: null };
      for (const id of list) {
        const s = t.sum.get(id, fromMinute, toMinute) as Omit<WindowMetrics, 'newestMinute'>;
        out.count += s.count;
        out.pos += s.pos;
        out.neg += s.neg;
        out.sentSum += s.sentSum;
        const n = (t.newest.get(id, toMinute) as { m: number | null }).m;
        if (n !== null && (out.newestMinute === null || n > out.newestMinute)) out.newestMinute = n;
      }
      return out;
    },
    /** The first minute with data: history before it is unknown, not zero. */
    firstMinute(key: SeriesKey): number | null {
      const { t, ids: list } = ids(key);
      let first: number | null = null;
      for (const id of list) {
        const m = (t.first.get(id) as { m: number | null }).m;
        if (m !== null && (first === null || m < first)) first = m;
      }
      return first;
    },
    /** Counts per bucket of `size` minutes over [fromMinute, toMinute), empty buckets as 0. */
    bucketCounts(key: SeriesKey, fromMinute: number, toMinute: number, size: number): number[] {
      const n = Math.max(0, Math.floor((toMinute - fromMinute) / size));
      const out = new Array<number>(n).fill(0);
      const { t, ids: list } = ids(key);
      for (const id of list) {
        for (const r of t.buckets.all(fromMinute, size, id, fromMinute, fromMinute + n * size) as { b: number; n: number }[]) {
          if (r.b >= 0 && r.b < n) out[r.b]! += r.n;
        }
      }
      return out;
    },
    /** Every minute with data over [fromMinute, toMinute], one row per minute and id (a backtest sums them). */
    minuteRows(key: SeriesKey, fromMinute: number, toMinute: number): MinuteRow[] {
      const { t, ids: list } = ids(key);
      return list.flatMap((id) => t.minutes.all(id, fromMinute, toMinute) as MinuteRow[]);
    },

    /**
     * Compare the rollups with a recount from the mentions themselves. Returns the
     * differing (topic|source, minute) keys; empty means they agree. Minutes before
     * `fromMinute` (archived months: their mentions are in archive files) are not compared.
     */
    diff(fromMinute = 0): string[] {
      const diff: string[] = [];
      const since = Math.floor(fromMinute);
      const cmp = (stored: string, recount: string, label: string) => {
        const rows = db
          .prepare(
            `SELECT a.k AS k FROM (${stored}) a FULL OUTER JOIN (${recount}) b ON a.k = b.k
             WHERE a.k IS NULL OR b.k IS NULL OR a.c != b.c OR a.n != b.n OR abs(a.s - b.s) > 1e-6`,
          )
          .all() as { k: string | null }[];
        for (const r of rows) diff.push(`${label}:${r.k ?? '?'}`);
      };
      cmp(
        `SELECT topic_id || ':' || minute AS k, count AS c, neg AS n, sent_sum AS s FROM rollup_topic_minute
         WHERE minute >= ${since}`,
        `SELECT mt.topic_id || ':' || (m.published_at / 60000) AS k, count(*) AS c,
           sum(m.label = -1) AS n, sum(m.sentiment) AS s
         FROM mentions m JOIN mention_topics mt ON mt.mention_id = m.id WHERE m.published_at >= ${since * 60_000} GROUP BY 1`,
        'topic',
      );
      cmp(
        `SELECT source_id || ':' || minute AS k, count AS c, neg AS n, sent_sum AS s FROM rollup_source_minute
         WHERE minute >= ${since}`,
        `SELECT source_id || ':' || (published_at / 60000) AS k, count(*) AS c,
           sum(label = -1) AS n, sum(sentiment) AS s FROM mentions WHERE published_at >= ${since * 60_000} GROUP BY 1`,
        'source',
      );
      return diff;
    },
  };
}

export type Rollups = ReturnType<typeof rollupsRepo>;
