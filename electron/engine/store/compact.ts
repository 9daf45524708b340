// Giving the station file's free space back to the disk. Retention moves months out of the
// station file into archives; the pages they held stay inside it, reused by new mentions before
// the file grows, so the disk gets nothing back. Compacting rewrites the file without them
// (`VACUUM INTO` a new file beside it, then a rename over it). It runs only before the station
// opens its file — asked for from the station room (a marker beside the file, acted on at the
// next start) or by `fenghuo compact` with the station stopped — because the station's own
// connection would see the rename as the file disappearing under it.
//
// Nothing stored can be lost on the way: the new file is a snapshot SQLite writes in one
// transaction, and the old one is replaced by a rename only after the new one is written and
// synced; a process killed before that leaves the old file as it was and a `.compacting` file,
// removed at the next attempt. A disk without room for the copy fails the attempt by name.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Compaction } from '../../../shared/api/station';
import { whoHolds } from './holders';

/** Settings key of the last compaction. */
export const COMPACTION_KEY = 'storage.compaction';

/** Beside the station file: its presence asks the next start to compact the file first. */
export const COMPACT_MARKER = 'station.db.compact-at-start';

/** Beside the station file while a compaction at start is under way. */
const COMPACT_STARTED = 'station.db.compact-started';


const size = (f: string) => {
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};

/** A station file's bytes with its write-ahead log (what the station room shows as the live file). */
export const withLogBytes = (file: string): number => size(file) + size(`${file}-wal`);

function fsyncPath(p: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch {
    // A folder cannot be synced on some systems; the rename is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** A copy being written, with the journal SQLite keeps beside it while it writes. */
function removeCopy(file: string): void {
  for (const ext of ['', '-journal', '-wal']) fs.rmSync(`${file}.compacting${ext}`, { force: true });
}

/**
 * Rewrite `file` without its free pages. The caller makes sure no connection holds it (the
 * station is not running). Throws with the reason when it cannot; the file is then as it was.
 */
export function compactFile(file: string, now = Date.now()): Compaction {
  const started = Date.now();
  const tmp = `${file}.compacting`;
  removeCopy(file);
  const beforeBytes = withLogBytes(file);
  const db = new Database(file, { fileMustExist: true, timeout: 2000 });
  try {
    // The file to itself until the rename: a station with it open would go on writing to the
    // old file once renamed over, and lose all of it. Any other connection keeps this lock away.
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        const holder = whoHolds(file);
        throw new Error(`the station file is open in ${holder || 'another program'}: stop that station first; the station file is as it was`, { cause: e });
      }
      throw e;
    }
    // Everything in the log goes into the file first, so the copy and the file agree on disk.
    db.pragma('wal_checkpoint(TRUNCATE)');
    try {
      db.prepare('VACUUM INTO ?').run(tmp);
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      const why = code === 'SQLITE_FULL' ? 'the disk has no room for it' : (e as Error).message;
      throw new Error(`the compacted copy could not be written beside the station file (${why}); the station file is as it was`, { cause: e });
    }
    // Written through before the lock goes, so that only the rename is left after it. The new
    // file is made with the process's umask: it keeps the old file's permissions.
    fs.chmodSync(tmp, fs.statSync(file).mode & 0o7777);
    fsyncPath(tmp);
  } catch (e) {
    removeCopy(file);
    throw e;
  } finally {
    db.close();
  }
  // The last connection's close checkpointed its log away; one left with frames in it would be
  // read back into the new file, so then nothing is replaced.
  if (size(`${file}-wal`) > 0) {
    removeCopy(file);
    throw new Error('another connection kept the station file open (its log was not emptied); the station file is as it was');
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  fs.renameSync(tmp, file);
  fsyncPath(path.dirname(file));
  return { at: now, beforeBytes, afterBytes: size(file), ms: Date.now() - started, error: null };
}

export function compactionAsked(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, COMPACT_MARKER));
}

/** Ask for (or call off) a compaction at the next start. */
export function askCompaction(dataDir: string, on: boolean): void {
  const marker = path.join(dataDir, COMPACT_MARKER);
  if (on) fs.writeFileSync(marker, `asked ${new Date().toISOString()}\n`);
  else fs.rmSync(marker, { force: true });
}

/**
 * At open, before the store holds the file: compact it when asked. Whatever the outcome the
 * request is used up (a failure, or an attempt cut off, is recorded, not retried at every start).
 */
export function compactIfAsked(file: string, now: number, log: (line: string) => void): Compaction | null {
  const dataDir = path.dirname(file);
  const started = path.join(dataDir, COMPACT_STARTED);
  const bytes = () => withLogBytes(file);
  const failed = (error: string): Compaction => {
    log(`the station file was not compacted: ${error}`);
    return { at: now, beforeBytes: bytes(), afterBytes: bytes(), ms: 0, error };
  };
  // Nothing here may keep the station from starting: every failure is recorded instead.
  try {
    // A copy left by a process killed while compacting (by hand, or by the desktop shell's
    // watchdog on a start that took too long): the file is as it was, and the attempt is not
    // repeated at every start — it is recorded as cut off, to be asked for again.
    removeCopy(file);
    const cutOff = fs.existsSync(started);
    fs.rmSync(started, { force: true });
    if (!compactionAsked(dataDir)) {
      return cutOff ? failed('the last compaction was cut off (the process stopped during it); the station file was left as it was') : null;
    }
    fs.renameSync(path.join(dataDir, COMPACT_MARKER), started);
  } catch (e) {
    return failed((e as Error).message);
  }
  let result: Compaction;
  try {
    log(`compacting the station file (${Math.round(bytes() / 1e6)} MB) as asked; this start waits for it`);
    result = compactFile(file, now);
    log(`compacted the station file: ${Math.round(result.beforeBytes / 1e6)} MB → ${Math.round(result.afterBytes / 1e6)} MB in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    result = failed((e as Error).message);
  }
  fs.rmSync(started, { force: true });
  return result;
}
