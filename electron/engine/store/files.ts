// Files ingested from watched folders and `fenghuo import`, by content hash: a file is read once.
import type { Db } from './db';

export interface IngestedFile {
  file: string;
  bytes: number;
  rows: number;
  inserted: number;
  errors: number;
  at: number;
}

export function filesRepo(db: Db) {
  const seen = db.prepare(`SELECT file, bytes, rows, inserted, errors, at FROM ingested_files WHERE source_id = ? AND hash = ?`);
  const record = db.prepare(`INSERT OR REPLACE INTO ingested_files (source_id, hash, file, bytes, rows, inserted, errors, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  return {
    seen: (sourceId: number, hash: string): IngestedFile | null =>
      (seen.get(sourceId, hash) as IngestedFile | undefined) ?? null,
    record: (sourceId: number, hash: string, f: IngestedFile): void =>
      void record.run(sourceId, hash, f.file, f.bytes, f.rows, f.inserted, f.errors, f.at),
  };
}
