// Files ingested by watched folders and `fenghuo import`, by content hash, so the same file
// dropped (or copied) again is not read twice. Gauges and their readings are in 003.
export const up = /* sql */ `
CREATE TABLE ingested_files (
  source_id  INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  file       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  rows       INTEGER NOT NULL,
  inserted   INTEGER NOT NULL,
  errors     INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (source_id, hash)
) WITHOUT ROWID;
`;
