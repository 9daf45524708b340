// Monthly archive files (archives/mentions-YYYY-MM.db beside the station file): where they
// are, what the station file says each holds (archived_months), and read-only connections to
// them for search, opened on demand and kept in a small LRU — a year of months is more files
// than SQLite's ATTACH limit (10 in this build), and a search reads only the months inside its
// time range. Each connection gets a TEMP copy of the station's sources, so the station's own
// mention SQL (which joins sources for their names) runs unchanged on an archive.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db';

export const ARCHIVE_DIR = 'archives';
/** Archive files kept open at once; an older one is closed when another is needed. */
const OPEN_MAX = 16;

/** A month's archive as the station file records it: every mention of [fromAt, toAt) with id <= upto. */
export interface ArchivedMonth {
  month: string;
  fromAt: number;
  toAt: number;
  upto: number;
  rows: number;
  bytes: number;
  archivedAt: number;
}

/** 'YYYY-MM' of a UTC time. */
export function monthOf(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** The UTC month [from, to) of 'YYYY-MM'. */
export function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
}

export function archiveFile(dataDir: string, month: string): string {
  return path.join(dataDir, ARCHIVE_DIR, `mentions-${month}.db`);
}

export function archivesRepo(db: Db, dataDir: string | null) {
  // A read-only copy of a file from before migration 008 has no archives.
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'archived_months'`).get()) dataDir = null;
  const list = dataDir == null ? null : db.prepare(`SELECT month, from_at AS fromAt, to_at AS toAt, upto, rows, bytes, archived_at AS archivedAt
    FROM archived_months ORDER BY month`);
  const record = dataDir == null ? null : db.prepare(`INSERT INTO archived_months (month, from_at, to_at, upto, rows, bytes, archived_at)
    VALUES (@month, @fromAt, @toAt, @upto, @rows, @bytes, @archivedAt)
    ON CONFLICT (month) DO UPDATE SET upto = excluded.upto, rows = excluded.rows, bytes = excluded.bytes,
      archived_at = excluded.archived_at`);
  const sources = db.prepare(`SELECT id, name FROM sources ORDER BY id`);
  let months: ArchivedMonth[] | null = null;
  // The tail of the queue of work that writes or copies archive files (see `exclusive`).
  let queue: Promise<unknown> = Promise.resolve();
  // month → its open connection, opened for one `upto` (a larger upto means a newer file).
  const open = new Map<string, { db: Db; upto: number; sources: string }>();

  function all(): ArchivedMonth[] {
    return (months ??= list ? (list.all() as ArchivedMonth[]) : []);
  }

  function connection(a: ArchivedMonth): Db {
    let h = open.get(a.month);
    if (h && h.upto !== a.upto) {
      h.db.close();
      open.delete(a.month);
      h = undefined;
    }
    if (!h) {
      const file = archiveFile(dataDir!, a.month);
      if (!fs.existsSync(file)) {
        throw new Error(`the archive of ${a.month} is missing: ${file} (restore it from backups/archives/)`);
      }
      // Read-only (SQLITE_OPEN_READONLY; this build takes no `file:` URIs, so not `?mode=ro`).
      const adb = new Database(file, { readonly: true, fileMustExist: true });
      adb.exec(`CREATE TEMP TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
      h = { db: adb, upto: a.upto, sources: '' };
      if (open.size >= OPEN_MAX) {
        const [oldest, o] = open.entries().next().value!;
        o.db.close();
        open.delete(oldest);
      }
    } else {
      open.delete(a.month);
    }
    open.set(a.month, h);
    // The station's source names, as the archive's SQL reads them (a rename shows at once).
    const now = sources.all() as { id: number; name: string }[];
    const stamp = JSON.stringify(now);
    if (stamp !== h.sources) {
      h.db.transaction(() => {
        h.db.exec(`DELETE FROM temp.sources`);
        const ins = h.db.prepare(`INSERT INTO temp.sources (id, name) VALUES (?, ?)`);
        for (const s of now) ins.run(s.id, s.name);
      })();
      h.sources = stamp;
    }
    return h.db;
  }

  return {
    /** Every archived month, oldest first. */
    list: all,

    /** The archived months that overlap [from, to) (either end open when absent). */
    overlapping(from?: number | null, to?: number | null): ArchivedMonth[] {
      return all().filter((a) => (from == null || a.toAt > from) && (to == null || a.fromAt < to));
    },

    /** A read-only connection to a month's archive, with the station's sources in TEMP. */
    connection,

    /**
     * Runs `fn` when no other work that writes or copies archive files is under way, and holds
     * them off until it ends: a retention run's copy of a month (which rewrites an archive whole
     * when late mentions arrive), a re-tag's rewrite of a topic's links in them, and a backup's
     * copy of them. Each would otherwise lose or tear the other's change.
     */
    exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
      const run = queue.then(fn, fn);
      queue = run.catch(() => undefined);
      return run;
    },

    /**
     * Runs `fn` in one transaction on a read-write connection to a month's archive (a re-tag
     * rewriting a topic's links), synced before it returns. Call it inside `exclusive`. The
     * read-only connection searches use sees the change at its next read.
     */
    write<T>(a: ArchivedMonth, fn: (adb: Db) => T): T {
      if (dataDir == null || db.readonly) throw new Error('this store cannot change its archives (a scratch or read-only store)');
      const file = archiveFile(dataDir, a.month);
      if (!fs.existsSync(file)) throw new Error(`the archive of ${a.month} is missing: ${file} (restore it from backups/archives/)`);
      const adb = new Database(file, { fileMustExist: true });
      try {
        adb.pragma('synchronous = FULL');
        return adb.transaction(() => fn(adb))();
      } finally {
        adb.close();
      }
    },

    /** The folder of the archive files (null: a store without archives). */
    dir: dataDir && path.join(dataDir, ARCHIVE_DIR),

    /** Record (or move forward) what a month's archive holds. */
    record(a: ArchivedMonth): void {
      if (!record) throw new Error('this station has no archives (a scratch or read-only store)');
      record.run(a);
      months = null;
    },

    /** The highest id any archive holds: new mentions are numbered above it. */
    idFloor(): number {
      return all().reduce((m, a) => Math.max(m, a.upto), 0);
    },

    /** Changes when a month is archived or moved forward (search caches key on it). */
    stamp(): string {
      return all().map((a) => `${a.month}:${a.upto}`).join(',');
    },

    close(): void {
      for (const h of open.values()) h.db.close();
      open.clear();
    },
  };
}

export type Archives = ReturnType<typeof archivesRepo>;
