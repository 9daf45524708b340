// The station's store: one SQLite file per station, reached only through these repos.
import fs from 'node:fs';
import path from 'node:path';
import { annotationsRepo } from './annotations';
import { archivesRepo } from './archives';
import { boardsRepo } from './boards';
import { correctionsRepo } from './corrections';
import { openDb, type Db, type OpenOptions } from './db';
import { filesRepo } from './files';
import { gaugesRepo } from './gauges';
import { insightsRepo } from './insights';
import { lightsRepo } from './lights';
import { mentionsRepo, type NewMention } from './mentions';
import { rollupsRepo } from './rollups';
import { settingsRepo } from './settings';
import { sourcesRepo, type PollState } from './sources';
import { topicsRepo } from './topics';

export const DB_FILE = 'station.db';
/** Pages of write-ahead log between copies back into the file: SQLite's default, and during a file's import. */
const CHECKPOINT = 1000;
const BULK_CHECKPOINT = 3000;
const BULK_LINGER_MS = 1000;
/** A write-ahead log past this has not started over for a while: a long read is holding it. */
const HELD_LOG_BYTES = 64 * 2 ** 20;
/** How often a background writer waiting on a held log tries to copy it back, and for how long at most. */
const HELD_LOG_RETRY_MS = 250;
const HELD_LOG_WAIT_MS = 5 * 60_000;

export class Store {
  readonly mentions;
  readonly sources;
  readonly topics;
  readonly lights;
  readonly boards;
  readonly settings;
  readonly rollups;
  readonly insights;
  readonly corrections;
  readonly annotations;
  readonly gauges;
  readonly files;
  /** The monthly archive files of old mentions (store/archives.ts); none for a scratch store. */
  readonly archives;

  constructor(readonly db: Db, readonly file: string, opts: { archivesIn?: string } = {}) {
    this.rollups = rollupsRepo(db);
    this.archives = archivesRepo(db, file === ':memory:' ? null : (opts.archivesIn ?? path.dirname(file)));
    this.mentions = mentionsRepo(db, this.rollups, { archives: this.archives });
    this.sources = sourcesRepo(db);
    this.topics = topicsRepo(db);
    this.lights = lightsRepo(db, this.rollups);
    this.boards = boardsRepo(db);
    this.settings = settingsRepo(db);
    this.insights = insightsRepo(db);
    this.corrections = correctionsRepo(db, this.rollups, this.archives);
    this.annotations = annotationsRepo(db);
    this.gauges = gaugesRepo(db);
    this.files = filesRepo(db);
  }

  static open(dataDir: string, opts: OpenOptions = {}): Store {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DB_FILE);
    return new Store(openDb(file, opts), file, { archivesIn: opts.archivesIn });
  }

  /**
   * A throwaway station in memory (a drill replays a recorded week into one): no file, no disk
   * write. In a file with its journal in memory and no syncs, a quiet week's drill took
   * 10.4 CPU-s here; in memory 8.3.
   */
  static scratch(): Store {
    return new Store(openDb(':memory:', { scratch: true }), ':memory:');
  }

  /**
   * One poll's worth of mentions and the source's new poll state, in ONE transaction: a crash
   * leaves either both or neither, so a restarted source neither loses nor repeats items.
   */
  ingest(
    batch: NewMention[],
    source?: { id: number; poll: PollState; now: number; nextCheckAt: number },
  ): { ids: number[]; duplicates: number; stored: NewMention[] } {
    // IMMEDIATE: the write lock is taken at BEGIN, so a second process writing the same file
    // (`fenghuo import` beside a running station) is waited for, never "database is locked" —
    // a deferred transaction that read first cannot wait for the lock once another wrote.
    return this.db
      .transaction(() => {
        const r = this.mentions.insertMany(batch);
        if (source) this.sources.recordSuccess(source.id, source.poll, source.now, source.nextCheckAt);
        return r;
      })
      .immediate();
  }

  private bulkWriters = 0;
  private bulkEnd: NodeJS.Timeout | null = null;

  /**
   * A file's rows start (`true`) or stop (`false`) going in. While any do, the write-ahead log
   * is copied back into the file every BULK_CHECKPOINT pages instead of SQLite's 1,000. The
   * rows' index entries land at random places, so the same index pages are written to the log
   * again and again; a longer log copies each of them back once where a short one copied it
   * several times (a served 1 M-row CSV import: 80 – 87 → 59 – 69 s). Each copy holds the
   * station's thread longer (/healthz p99 during that import 29 – 30 → 58 – 61 ms; at 10,000
   * pages 133 ms, past the 100 ms allowed), so live writes keep SQLite's 1,000. The short log
   * comes back a second after the last file's rows went in: an import pauses between batches
   * (reading the file), and each return to it would copy the long log back at the next commit.
   */
  bulkWrites(on: boolean): void {
    const before = this.bulkWriters;
    this.bulkWriters = Math.max(0, before + (on ? 1 : -1));
    if (this.bulkWriters > 0) {
      // Within the second after the last file: the long log is still set.
      if (this.bulkEnd) (clearTimeout(this.bulkEnd), (this.bulkEnd = null));
      else if (before === 0) this.checkpointEvery(BULK_CHECKPOINT);
    } else if (before > 0) {
      this.bulkEnd = setTimeout(() => {
        this.bulkEnd = null;
        this.checkpointEvery(CHECKPOINT);
      }, BULK_LINGER_MS);
      this.bulkEnd.unref();
    }
  }

  /**
   * Background writers (a retention move) call this between transactions. A long read on
   * another connection (the whole-file check a worker runs 30 s after a start takes tens of
   * seconds at 10 M mentions) keeps SQLite from starting the write-ahead log over, so every
   * commit appends to it, and the first checkpoint after the read copies all of it back at once
   * on the station's thread: during a retention move at 10 M the log was seen at 1.4 GB and one
   * commit then held the thread 2.1 s. Past 64 MB this waits, trying a passive checkpoint every
   * 250 ms, until the whole log has been copied back (at most 5 minutes; then the writer goes on).
   */
  async logRoom(): Promise<void> {
    if (this.db.readonly || walBytes(this.file) <= HELD_LOG_BYTES) return;
    const until = Date.now() + HELD_LOG_WAIT_MS;
    for (;;) {
      const [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      if (!r || r.log < 0 || r.checkpointed >= r.log || Date.now() > until) return;
      await new Promise((resolve) => setTimeout(resolve, HELD_LOG_RETRY_MS));
    }
  }

  /** Pages of log between copies back into the file (SQLite's `wal_autocheckpoint`). */
  get checkpointPages(): number {
    return this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  }

  private checkpointEvery(pages: number): void {
    if (this.db.open && !this.db.readonly) this.db.pragma(`wal_autocheckpoint = ${pages}`);
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.bulkEnd) (clearTimeout(this.bulkEnd), (this.bulkEnd = null));
    this.archives.close();
    if (this.db.open) this.db.close();
    for (const f of this.onClose.splice(0)) f();
  }

  /** Run after the file is closed (a read-only copy's folder is removed then). */
  readonly onClose: (() => void)[] = [];
}

export type { NewMention } from './mentions';
export type { PollState, SourceRecord } from './sources';

function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
