// How many mentions the station file holds, kept as one number: the station's status says it
// on every wall's start and every status event, and counting ten million rows to say it took
// 0.1 – 1 s of the station's thread each time. Mentions.insertMany adds what a batch stored and
// retention's delete takes off what it moved, each in the same transaction as the rows, so the
// number is always the count. Counted once here, when an older file is upgraded.
export const up = /* sql */ `
CREATE TABLE mention_count (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  n   INTEGER NOT NULL
);
INSERT INTO mention_count (one, n) SELECT 1, count(*) FROM mentions;
`;
