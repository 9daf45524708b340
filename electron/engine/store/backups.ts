// Scheduled online backups into <data>/backups/: every few hours, each copy checked, the old
// ones pruned (the newest always kept). How a copy is made and checked: backup.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import type { Store } from './index';
import { BACKUP_DIR, listBackups, settleCopyInWorker, stamp } from './backup';

export interface BackupOptions {
  /** How often; default every 6 hours. */
  everyMs?: number;
  /** Days of backups kept: every one of the last day, then the newest of each day; default 7 (the newest is always kept). */
  keepDays?: number;
}

/** Bytes of a copy written between two early flushes. */
const FLUSH_EVERY = 16 * 2 ** 20;

/**
 * Flushes a backup copy to disk while it is written, a few MB at a time, off the event loop.
 * SQLite syncs the copy when its last step commits, on the station's thread: at 10 M mentions
 * (2.2 GB) that sync waited 1.4 – 1.7 s for every page still in the OS's cache, and every wall
 * waited with it. Flushed as it goes, the last sync has ~16 MB left: 40 – 96 ms, and the whole
 * copy took 4.2 – 5 s instead of 6 – 9 (scratch, the same file, runs alternated).
 */
class EarlyFlush {
  private flushed = 0;
  private syncing: Promise<void> | null = null;
  constructor(private file: string) {}

  written(bytes: number): void {
    if (this.syncing || bytes - this.flushed < FLUSH_EVERY) return;
    this.flushed = bytes;
    this.syncing = fs.promises
      .open(this.file, 'r+')
      .then(async (h) => {
        try {
          await h.datasync();
        } finally {
          await h.close();
        }
      })
      // Only a head start: SQLite's own sync at the end is the one that counts.
      .catch(() => {})
      .finally(() => (this.syncing = null));
  }

  async done(): Promise<void> {
    await this.syncing;
  }
}

export class Backups {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string> | null = null;
  private log: (line: string) => void;
  readonly everyMs: number;
  readonly keepDays: number;

  constructor(
    private store: Store,
    private dataDir: string,
    private clock: Clock,
    opts: BackupOptions & { log?: (line: string) => void } = {},
  ) {
    this.everyMs = opts.everyMs ?? 6 * 3600_000;
    this.keepDays = opts.keepDays ?? 7;
    this.log = opts.log ?? (() => {});
  }

  /** Back up now if the newest backup is older than the interval, then on the interval. */
  start(): void {
    const newest = listBackups(this.dataDir)[0]?.at ?? 0;
    const firstIn = Math.max(0, Math.min(this.everyMs, newest + this.everyMs - this.clock.now()));
    const run = (): void => {
      void this.backupNow().catch((e: Error) => this.log(`backup failed: ${e.message}`));
    };
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, this.everyMs);
      this.timer.unref?.();
    }, Math.max(firstIn, 60_000));
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /**
   * Copy the live database page by page (better-sqlite3's online backup yields to the event
   * loop between steps, so ingest goes on), check the copy in a worker, then give it its
   * final name — a backup that exists under that name is complete and good.
   */
  backupNow(): Promise<string> {
    if (this.running) return this.running;
    const run = async (): Promise<string> => {
      const dir = path.join(this.dataDir, BACKUP_DIR);
      fs.mkdirSync(dir, { recursive: true });
      // A copy cut off by a crash is never a backup; clear it away.
      for (const f of fs.readdirSync(dir)) if (f.includes('.partial')) fs.rmSync(path.join(dir, f), { force: true });
      const at = this.clock.now();
      const final = path.join(dir, `station-${stamp(at)}.db`);
      const partial = `${final}.partial`;
      try {
        const flush = new EarlyFlush(partial);
        const pageBytes = this.store.db.pragma('page_size', { simple: true }) as number;
        await this.store.db.backup(partial, {
          progress: ({ totalPages, remainingPages }) => {
            flush.written((totalPages - remainingPages) * pageBytes);
            return 256;
          },
        });
        await flush.done();
        const check = await settleCopyInWorker(partial);
        if (check !== 'ok') throw new Error(`the copy failed its check: ${check}`);
        fs.renameSync(partial, final);
      } catch (e) {
        for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
        throw e;
      }
      this.prune(at);
      await this.copyArchives(dir);
      this.log(`backup written: ${path.relative(this.dataDir, final)}`);
      return final;
    };
    this.running = run().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Monthly archive files change seldom: rewritten whole when late mentions of an archived month
   * arrive, and a topic's links rewritten in them by a re-tag. Each is copied into
   * backups/archives/ when the copy there is missing or differs in size or modification time
   * (the copy takes the original's), and never pruned — an archive is the only copy of its
   * months. Copied while nothing writes archives (`archives.exclusive`), so no copy is torn, and
   * off the event loop: an archive is ~130 MB at 10 M mentions, and a synchronous copy held the
   * station's thread 1.8 s while walls waited.
   */
  private async copyArchives(dir: string): Promise<void> {
    const from = this.store.archives.dir;
    if (!from || !fs.existsSync(from)) return;
    const to = path.join(dir, 'archives');
    fs.mkdirSync(to, { recursive: true });
    await this.store.archives.exclusive(async () => {
      for (const f of fs.readdirSync(from)) {
        if (!/^mentions-\d{4}-\d{2}\.db$/.test(f)) continue;
        const src = path.join(from, f);
        const dst = path.join(to, f);
        const s = fs.statSync(src);
        const d = fs.existsSync(dst) ? fs.statSync(dst) : null;
        // Within a millisecond: a time set on a file keeps less than the nanoseconds a write stamps.
        if (d && d.size === s.size && Math.abs(d.mtimeMs - s.mtimeMs) < 1) continue;
        await fs.promises.copyFile(src, `${dst}.partial`);
        await fs.promises.utimes(`${dst}.partial`, s.atime, s.mtime);
        await fs.promises.rename(`${dst}.partial`, dst);
      }
    });
  }

  /**
   * Keep every backup of the last day and the newest of each day (UTC) before it, up to
   * keepDays; the newest is always kept. Every 6 hours for 7 days was 28 copies — 61 GB beside
   * a 10 M-mention station — where this keeps at most ~12, and a damaged file is restored from
   * the newest good one anyway.
   */
  prune(now: number): void {
    const DAY = 86_400_000;
    const oldest = now - this.keepDays * DAY;
    const [, ...older] = listBackups(this.dataDir);
    const days = new Set<number>();
    for (const b of older) {
      const day = Math.floor(b.at / DAY);
      const lastDay = b.at >= now - DAY;
      // Newest first: of each day before the last, the first seen is the one kept.
      if (b.at < oldest || (!lastDay && days.has(day))) fs.rmSync(b.file, { force: true });
      else if (!lastDay) days.add(day);
    }
  }
}
