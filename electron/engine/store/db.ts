// Opens the station's SQLite file: pragmas, migrations, and nothing else.
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** A throwaway database (`Store.scratch`, in memory): journal in memory, no syncs. */
  scratch?: boolean;
  /** The folder that holds archives/, when not the file's own (a read-only copy's original folder). */
  archivesIn?: string;
}

export function openDb(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  if (opts.scratch) {
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
  } else if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A log grown long by an import (Store.bulkWrites) is cut back to this when it next starts
    // over, instead of keeping its largest size on disk.
    db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): number {
  let version = schemaVersion(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (version > newest) {
    throw new Error(
      `this station file is from a newer Fenghuo (schema ${version}, this build knows ${newest}); refusing to open it`,
    );
  }
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}

export function integrityCheck(db: Db): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
}
