// The per-minute rollups (rollup_topic_minute, rollup_source_minute): every statement that
// writes or reads them lives here. Ingest adds a batch's minutes, a correction moves one
// mention between labels, a re-tag rebuilds a topic; panels, insights and lights read sums,
// buckets and minutes, never the mentions themselves.
import { EMOTIONS, type Emotions } from '../../../shared/types';
import type { Db } from './db';
import type { Bound } from './mention-reads';

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
/** The hour (floor of minute / 60, before 1970 too) of rollup_topic_minute's `minute`, in SQL. */
const HOUR_OF_MINUTE = `((minute - (minute % 60 + 60) % 60) / 60)`;
const hourOf = (minute: number) => Math.floor(minute / 60);

/**
 * Which of [fromMinute, toMinute) the hour table answers for buckets of `bucketMin` minutes
 * counted from `fromMinute`: the whole hours [h0, h1) that lie inside one bucket each, and the
 * minute ranges left over (the ragged edges, and an hour a bucket's edge cuts). Null: read minutes only.
 */
export function hourPlan(fromMinute: number, toMinute: number, bucketMin: number): { h0: number; h1: number; minutes: [number, number][] } | null {
  if (bucketMin % 60 !== 0) return null;
  const h0 = Math.ceil(fromMinute / 60);
  const h1 = Math.floor(toMinute / 60);
  if (h1 - h0 < 2) return null;
  const minutes: [number, number][] = [];
  const push = (a: number, b: number) => {
    if (b <= a) return;
    const last = minutes[minutes.length - 1];
    if (last && last[1] === a) last[1] = b;
    else minutes.push([a, b]);
  };
  push(fromMinute, h0 * 60);
  // A bucket's edge inside an hour: that hour is read by the minute (only when `from` is not on the hour).
  if (fromMinute % 60 !== 0) {
    for (let edge = fromMinute + bucketMin; edge < h1 * 60; edge += bucketMin) {
      const h = hourOf(edge);
      if (h >= h0 && edge % 60 !== 0) push(h * 60, h * 60 + 60);
    }
  }
  push(h1 * 60, toMinute);
  return { h0, h1, minutes };
}

/** The minute of a time column in SQL, its floor as ingest counts it (before 1970 too; `/` truncates). */
export const minuteOf = (col: string) => `((${col} - (${col} % 60000 + 60000) % 60000) / 60000)`;

/** One minute of a topic as its links in one file count it. */
export type TopicMinute = { minute: number; count: number; pos: number; neu: number; neg: number; sent: number } & Record<(typeof EMOTIONS)[number], number>;

const minuteValues = (r: TopicMinute) => [r.count, r.pos, r.neu, r.neg, r.sent, ...EMOTIONS.map((e) => r[e])];

/**
 * What a topic's links in one file (the station file or an archive: the same tables) count in
 * each of the given minutes, among the rows `bound` lets through, each minute read through the
 * publication index (a re-tag recounts the minutes whose links changed). CROSS JOIN keeps
 * that order: left to choose, SQLite walked the topic's links for every minute (800 minutes of
 * a 1 M-mention station: 81 s, against 60 ms in this order).
 */
export function topicMinutesAt(db: Db, topicId: number, minutes: number[], bound: Bound): TopicMinute[] {
  return db
    .prepare(
      `SELECT j.value AS minute, count(*) AS count, sum(m.label = 1) AS pos, sum(m.label = 0) AS neu, sum(m.label = -1) AS neg,
         sum(m.sentiment) AS sent, ${EMOTIONS.map((e) => `coalesce(sum(json_extract(m.emotions, '$.${e}')), 0) AS ${e}`).join(', ')}
       FROM json_each(?) j
       CROSS JOIN mentions m ON m.published_at >= j.value * 60000 AND m.published_at < j.value * 60000 + 60000
       CROSS JOIN mention_topics mt ON mt.topic_id = ? AND mt.mention_id = m.id
       ${bound.sql.length ? `WHERE ${bound.sql.join(' AND ')}` : ''} GROUP BY j.value`,
    )
    .all(JSON.stringify(minutes), topicId, ...bound.args) as TopicMinute[];
}

export function rollupsRepo(db: Db) {
  const placeholders = `?, ?, ${['?', '?', '?', '?', '?', ...EMOTIONS.map(() => '?')].join(', ')}`;
  const up = (k: 'topic' | 'source') =>
    db.prepare(`INSERT INTO ${TABLE[k]} (${KEY[k]}, minute, ${COLS}) VALUES (${placeholders})
      ON CONFLICT (${KEY[k]}, minute) DO UPDATE SET ${ADD}`);
  const add = { topic: up('topic'), source: up('source') };
  const addHour = db.prepare(`INSERT INTO rollup_topic_hour (topic_id, hour, ${COLS}) VALUES (${placeholders})
    ON CONFLICT (topic_id, hour) DO UPDATE SET ${ADD}`);
  // A re-tag's recount of some minutes of a topic, and of their hours (recountTopicMinutes).
  const clearMinutes = db.prepare(`DELETE FROM rollup_topic_minute WHERE topic_id = ? AND minute IN (SELECT value FROM json_each(?))`);
  const clearHours = db.prepare(`DELETE FROM rollup_topic_hour WHERE topic_id = ? AND hour IN (SELECT value FROM json_each(?))`);
  const recountHours = db.prepare(`INSERT INTO rollup_topic_hour (topic_id, hour, ${COLS})
    SELECT ?, j.value, sum(count), sum(pos), sum(neu), sum(neg), sum(sent_sum), ${EMOTIONS.map((e) => `sum(${e})`).join(', ')}
    FROM json_each(?) j CROSS JOIN rollup_topic_minute r ON r.topic_id = ? AND r.minute >= j.value * 60 AND r.minute < j.value * 60 + 60
    GROUP BY j.value`);
  // The ragged minutes before the first whole hour and after the last, and the hours between.
  const perCols = `topic_id, count, pos, neg, ${EMOTIONS.join(', ')}`;
  const perTopic = db.prepare(`SELECT topic_id, sum(count) AS count, sum(pos) AS pos, sum(neg) AS neg,
      ${EMOTIONS.map((e) => `sum(${e}) AS ${e}`).join(', ')}
    FROM (
      SELECT ${perCols} FROM rollup_topic_minute WHERE topic_id IN (SELECT id FROM topics) AND minute >= ? AND minute < ?
      UNION ALL
      SELECT ${perCols} FROM rollup_topic_hour WHERE topic_id IN (SELECT id FROM topics) AND hour >= ? AND hour < ?
      UNION ALL
      SELECT ${perCols} FROM rollup_topic_minute WHERE topic_id IN (SELECT id FROM topics) AND minute >= ? AND minute < ?
    ) GROUP BY topic_id`);

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
      const hours = new Map<string, MinuteSums>();
      for (const [key, a] of sums) {
        const [id, minute] = key.split(':').map(Number) as [number, number];
        add[kind].run(id, minute, a.count, a.pos, a.neu, a.neg, a.sent, ...a.emo);
        if (kind !== 'topic') continue;
        const hk = `${id}:${hourOf(minute)}`;
        const h = hours.get(hk);
        if (!h) hours.set(hk, { ...a, emo: [...a.emo] });
        else {
          h.count += a.count;
          h.pos += a.pos;
          h.neu += a.neu;
          h.neg += a.neg;
          h.sent += a.sent;
          a.emo.forEach((v, i) => (h.emo[i]! += v));
        }
      }
      for (const [key, a] of hours) {
        const [id, hour] = key.split(':').map(Number);
        addHour.run(id, hour, a.count, a.pos, a.neu, a.neg, a.sent, ...a.emo);
      }
    },
    /** Move one mention of that minute from one label's column to another's. */
    moveLabel(kind: 'topic' | 'source', id: number, minute: number, from: LabelColumn, to: LabelColumn): void {
      db.prepare(`UPDATE ${TABLE[kind]} SET ${from} = ${from} - 1, ${to} = ${to} + 1 WHERE ${KEY[kind]} = ? AND minute = ?`).run(
        id,
        minute,
      );
      if (kind === 'topic') {
        db.prepare(`UPDATE rollup_topic_hour SET ${from} = ${from} - 1, ${to} = ${to} + 1 WHERE topic_id = ? AND hour = ?`).run(id, hourOf(minute));
      }
    },
    /**
     * Set a topic's `minutes` to what `rows` count (the sums of each file's topicMinutesAt; a
     * minute without a row has no mention left), and recount their hours from the minutes (each
     * hour a range of its minutes: CROSS JOIN keeps that order, where SQLite chose to walk every
     * minute of the topic and scan the hours' list at each).
     */
    recountTopicMinutes(topicId: number, minutes: number[], rows: TopicMinute[]): void {
      clearMinutes.run(topicId, JSON.stringify(minutes));
      for (const r of rows) add.topic.run(topicId, r.minute, ...minuteValues(r));
      const hours = JSON.stringify([...new Set(minutes.map(hourOf))]);
      clearHours.run(topicId, hours);
      recountHours.run(topicId, hours, topicId);
    },

    /** Sums per topic per bucket of `bucketMin` minutes over [fromMinute, toMinute). */
    topicBuckets(fromMinute: number, toMinute: number, bucketMin: number, topicIds: number[]): BucketRow[] {
      const inTopics = topicIds.length ? `AND topic_id IN (${topicIds.map(() => '?').join(',')})` : '';
      const byMinute = db.prepare(
        `SELECT topic_id, CAST((minute - ?) / ? AS INTEGER) AS b, sum(count) AS count, sum(pos) AS pos, sum(neg) AS neg,
           sum(sent_sum) AS sent
         FROM rollup_topic_minute WHERE minute >= ? AND minute < ? ${inTopics}
         GROUP BY topic_id, b`,
      );
      const plan = hourPlan(fromMinute, toMinute, bucketMin);
      if (!plan) return byMinute.all(fromMinute, bucketMin, fromMinute, toMinute, ...topicIds) as BucketRow[];
      // Whole hours inside one bucket from the hour table; the rest by the minute, summed in.
      const byHour = db.prepare(
        `SELECT topic_id, CAST((hour * 60 - ?) / ? AS INTEGER) AS b, sum(count) AS count, sum(pos) AS pos, sum(neg) AS neg,
           sum(sent_sum) AS sent
         FROM rollup_topic_hour WHERE hour >= ? AND hour < ? AND (hour * 60 - ?) % ? <= ? ${inTopics}
         GROUP BY topic_id, b`,
      );
      const out = new Map<string, BucketRow>();
      const put = (rows: BucketRow[]) => {
        for (const r of rows) {
          const k = `${r.topic_id}:${r.b}`;
          const had = out.get(k);
          if (!had) out.set(k, { ...r });
          else (had.count += r.count), (had.pos += r.pos), (had.neg += r.neg), (had.sent += r.sent);
        }
      };
      put(byHour.all(fromMinute, bucketMin, plan.h0, plan.h1, fromMinute, bucketMin, bucketMin - 60, ...topicIds) as BucketRow[]);
      for (const [a, b] of plan.minutes) put(byMinute.all(fromMinute, bucketMin, a, b, ...topicIds) as BucketRow[]);
      return [...out.values()];
    },
    /**
     * Counts, tone and emotion sums per topic over [fromMinute, toMinute). A range seek per
     * topic on the (topic_id, minute) key — without the topic list it was a scan of every
     * minute ever counted (1 s at 6.5 M mentions).
     */
    perTopic(fromMinute: number, toMinute: number): Map<number, { count: number; pos: number; neg: number; emotions: Emotions }> {
      const out = new Map<number, { count: number; pos: number; neg: number; emotions: Emotions }>();
      const h0 = Math.ceil(fromMinute / 60);
      const h1 = Math.floor(toMinute / 60);
      const args = h1 > h0 ? [fromMinute, h0 * 60, h0, h1, h1 * 60, toMinute] : [fromMinute, toMinute, 0, 0, 0, 0];
      for (const r of perTopic.all(...args) as Record<string, number>[]) {
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
      // Each side into a keyed table first: a FULL OUTER JOIN of the two subqueries compared
      // every row with every row (6 s for 4,500 minutes).
      const cmp = (stored: string, recount: string, label: string) => {
        const side = (name: string, sql: string) => {
          db.exec(`DROP TABLE IF EXISTS temp.${name}; CREATE TEMP TABLE ${name} (k TEXT PRIMARY KEY, c INT, n INT, s REAL) WITHOUT ROWID`);
          db.prepare(`INSERT INTO temp.${name} SELECT k, c, n, s FROM (${sql})`).run();
        };
        side('diff_a', stored);
        side('diff_b', recount);
        const rows = db
          .prepare(
            `SELECT a.k AS k FROM temp.diff_a a LEFT JOIN temp.diff_b b ON b.k = a.k
               WHERE b.k IS NULL OR a.c != b.c OR a.n != b.n OR abs(a.s - b.s) > 1e-6
             UNION ALL SELECT b.k FROM temp.diff_b b WHERE NOT EXISTS (SELECT 1 FROM temp.diff_a a WHERE a.k = b.k)`,
          )
          .all() as { k: string | null }[];
        db.exec(`DROP TABLE temp.diff_a; DROP TABLE temp.diff_b`);
        for (const r of rows) diff.push(`${label}:${r.k ?? '?'}`);
      };
      cmp(
        `SELECT topic_id || ':' || minute AS k, count AS c, neg AS n, sent_sum AS s FROM rollup_topic_minute
         WHERE minute >= ${since}`,
        `SELECT mt.topic_id || ':' || ${minuteOf('m.published_at')} AS k, count(*) AS c,
           sum(m.label = -1) AS n, sum(m.sentiment) AS s
         FROM mentions m JOIN mention_topics mt ON mt.mention_id = m.id WHERE m.published_at >= ${since * 60_000} GROUP BY 1`,
        'topic',
      );
      cmp(
        `SELECT source_id || ':' || minute AS k, count AS c, neg AS n, sent_sum AS s FROM rollup_source_minute
         WHERE minute >= ${since}`,
        `SELECT source_id || ':' || ${minuteOf('published_at')} AS k, count(*) AS c,
           sum(label = -1) AS n, sum(sentiment) AS s FROM mentions WHERE published_at >= ${since * 60_000} GROUP BY 1`,
        'source',
      );
      // The hour table against its own minutes, all of them (both stay when months are archived);
      // n holds the negative and the positive counts together.
      cmp(
        `SELECT topic_id || ':' || hour AS k, count AS c, neg * 1000003 + pos AS n, sent_sum AS s FROM rollup_topic_hour`,
        `SELECT topic_id || ':' || ${HOUR_OF_MINUTE} AS k, sum(count) AS c, sum(neg) * 1000003 + sum(pos) AS n, sum(sent_sum) AS s
         FROM rollup_topic_minute GROUP BY 1`,
        'topic-hour',
      );
      return diff;
    },
  };
}

export type Rollups = ReturnType<typeof rollupsRepo>;
