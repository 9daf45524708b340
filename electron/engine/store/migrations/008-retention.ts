// Retention: old calendar months (UTC) of mentions move to read-only files in archives/.
// archived_months says which ids of a month the archive holds (every mention of the month
// with id <= upto), so a search reads each mention from exactly one file at every moment of a
// move. archived_keys keeps what dedupe needs of a moved mention (source + guid, content hash
// and time): the same post imported again is still recognised as a duplicate.
export const up = /* sql */ `
CREATE TABLE archived_months (
  month       TEXT PRIMARY KEY,
  from_at     INTEGER NOT NULL,
  to_at       INTEGER NOT NULL,
  upto        INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  archived_at INTEGER NOT NULL
);
CREATE TABLE archived_keys (
  source_id    INTEGER NOT NULL,
  guid         TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (source_id, guid)
) WITHOUT ROWID;
CREATE INDEX archived_keys_hash ON archived_keys(content_hash, published_at);
`;
