// Topic rollups per hour beside the per-minute ones. A chart over weeks read every minute of
// every topic: a year of daily buckets at ten million mentions was 2.3 s of the station's
// thread, a 30-day volume panel 0.34 s a refresh. The hour table holds the same sums sixty
// minutes to a row; reads take whole hours from it and only the ragged minutes at the edges
// from the minute table. Every write to the minute table writes the hour too (store/rollups.ts),
// and rollups.diff checks that the hours equal the minutes summed. Built here from the minutes
// (an hour is the floor of minute / 60, before 1970 too).
export const up = /* sql */ `
CREATE TABLE rollup_topic_hour (
  topic_id INTEGER NOT NULL,
  hour     INTEGER NOT NULL,
  count    INTEGER NOT NULL,
  pos      INTEGER NOT NULL,
  neu      INTEGER NOT NULL,
  neg      INTEGER NOT NULL,
  sent_sum REAL NOT NULL,
  joy REAL NOT NULL DEFAULT 0, anger REAL NOT NULL DEFAULT 0, sadness REAL NOT NULL DEFAULT 0,
  fear REAL NOT NULL DEFAULT 0, disgust REAL NOT NULL DEFAULT 0, surprise REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (topic_id, hour)
) WITHOUT ROWID;
INSERT INTO rollup_topic_hour (topic_id, hour, count, pos, neu, neg, sent_sum, joy, anger, sadness, fear, disgust, surprise)
  SELECT topic_id, (minute - (minute % 60 + 60) % 60) / 60, sum(count), sum(pos), sum(neu), sum(neg), sum(sent_sum),
    sum(joy), sum(anger), sum(sadness), sum(fear), sum(disgust), sum(surprise)
  FROM rollup_topic_minute GROUP BY 1, 2;
`;
