// Time series for panels, read from the per-minute rollups (never from mentions).
import type { Db } from './db';

export interface BucketRow {
  topic_id: number;
  b: number;
  count: number;
  pos: number;
  neg: number;
  sent: number;
}

export function rollupsRepo(db: Db) {
  return {
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
  };
}
