// Keeping the station file safe: a check at open that sets a damaged file aside and restores
// the newest good backup (telling the operator what was lost), scheduled online backups into
// <data>/backups/ that never stop ingest, and plain words for storage failures (disk full).
//
// Busy, damaged and read-only are told apart at open. Only a file that fails `quick_check`
// (or is not a database at all) is damaged and set aside. A file another program holds locked
// is waited on, then named with what holds it, and left alone. A data folder that cannot be
// written is said to be read-only, and the station opens a read-only copy of what it holds.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Store, DB_FILE } from './index';
import { COMPACTION_KEY, compactIfAsked } from './compact';
import { whoHolds } from './holders';
import { closedCleanly, forgetCleanClose, type OpenCheck } from './open-check';
import type { OpenOptions } from './db';

export const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^station-(\d{8}T\d{6}Z)\.db$/;
const RECOVERY_KEY = 'storage.recovery';

/** What the last recovery at open did; kept in settings and shown in station.status. */
export interface Recovery {
  at: number;
  /** The damaged file, renamed beside the new one. */
  setAsideAs: string;
  /** The backup file restored, or null when there was none (the station started empty). */
  restoredFrom: string | null;
  /** When that backup was taken: mentions stored after it are lost. */
  backupAt: number | null;
  /** Why the file was judged damaged. */
  problem: string;
  message: string;
}

export interface StorageHealth {
  ok: boolean;
  /** Plain words, e.g. "disk full: …"; null when ok. */
  error: string | null;
  /** Since when the current state holds. */
  since: number;
}

// ---------------------------------------------------------------------------------------
// Names and times

export function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function parseStamp(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Backups in a data dir, newest first. */
export function listBackups(dataDir: string): { file: string; at: number }[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: BACKUP_NAME.exec(name) }))
    .filter((x) => x.m)
    .map((x) => ({ file: path.join(dir, x.name), at: parseStamp(x.m![1]!) }))
    .sort((a, b) => b.at - a.at);
}

// ---------------------------------------------------------------------------------------
// Storage errors

const STORAGE_CODES: Record<string, string> = {
  SQLITE_FULL: 'disk full',
  SQLITE_IOERR: 'disk error',
  SQLITE_READONLY: 'storage is read-only',
  SQLITE_CANTOPEN: 'cannot open the station file',
  SQLITE_CORRUPT: 'the station file is damaged',
  SQLITE_NOTADB: 'the station file is damaged',
};

/** "disk full: …" for errors about the storage itself; null for any other error. */
export function describeStorageError(e: unknown, dataDir: string): string | null {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : '';
  const base = Object.keys(STORAGE_CODES).find((c) => code === c || code.startsWith(`${c}_`));
  if (base) return `${STORAGE_CODES[base]}: ${dataDir}: ${String(err.message)} (${code})`;
  if (code === 'ENOSPC') return `disk full: ${dataDir}: ${String(err.message)}`;
  return null;
}

// ---------------------------------------------------------------------------------------
// Checking a file

/**
 * Make a fresh copy self-contained (rollback journal, so no -wal/-shm beside it) and run
 * `PRAGMA quick_check` on it, in a worker thread so a big file never blocks ingest.
 */
export function settleCopyInWorker(file: string): Promise<string> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('journal_mode = DELETE');
  parentPort.postMessage(db.pragma('quick_check').map((r) => r.quick_check).join('; '));
} finally { db.close(); }`;
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { module, file } });
    w.once('message', (m: string) => resolve(m));
    w.once('error', reject);
    w.once('exit', (c) => (c !== 0 ? reject(new Error(`the check of ${file} stopped (exit ${c})`)) : undefined));
  });
}

/** The file's lock is held by another connection (another station, a `sqlite3` shell, a backup tool). */
export class StationFileBusyError extends Error {
  override name = 'StationFileBusyError';
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED_SHAREDCACHE']);

type FileCheck = { ok: true } | { damaged: string } | { busy: string };

/**
 * Open a file read-only and check it. Only `quick_check` failing, or SQLite saying the file is
 * not a database or is corrupt, is damage; a lock is "busy"; anything else (no permission, no
 * such folder) is thrown as it is, since setting the file aside would not help.
 */
function checkFile(file: string, timeoutMs: number, whole = true): FileCheck {
  let db: Database.Database | null = null;
  try {
    // No pragmas, no migrations: a damaged file must not be written to.
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: timeoutMs });
    // Not the whole file (closed cleanly, checked in the background): still find a lock.
    if (!whole) {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      return { ok: true };
    }
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const result = rows.map((r) => r.quick_check).join('; ');
    return result === 'ok' ? { ok: true } : { damaged: result.slice(0, 500) };
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (DAMAGE_CODES.has(code)) return { damaged: (e as Error).message };
    if (BUSY_CODES.has(code)) return { busy: (e as Error).message };
    throw e;
  } finally {
    db?.close();
  }
}

/** Open a file read-only and say what is wrong with it, or null when `quick_check` passes. */
function problemWith(file: string): string | null {
  try {
    const c = checkFile(file, 2000);
    return 'damaged' in c ? c.damaged : 'busy' in c ? `in use (${c.busy})` : null;
  } catch (e) {
    return (e as Error).message;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The data folder cannot be written: why ('read-only file system', 'permission denied'), else null. */
function unwritable(dataDir: string): string | null {
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return 'the file system is read-only';
    if (code === 'EACCES' || code === 'EPERM') return 'this user may not write there';
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Opening with recovery

/**
 * Open the station's store. A file that fails to open or fails `quick_check` is renamed
 * aside (with its -wal/-shm), the newest backup that passes the check is restored, and the
 * recovery is recorded in settings for station.status and logged.
 */
export function openStoreSafely(
  dataDir: string,
  opts: OpenOptions & {
    now: number;
    log?: (line: string) => void;
    /** How long a file another program holds locked is waited for (default 30 s). */
    lockWaitMs?: number;
  },
): { store: Store; recovery: Recovery | null; readOnly: string | null; check: OpenCheck } {
  const log = opts.log ?? (() => {});
  const file = path.join(dataDir, DB_FILE);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      throw new Error(`the data folder ${dataDir} does not exist and cannot be made: it is on a read-only disk or this user may not write there (${code})`, { cause: e });
    }
    throw e;
  }
  const readOnlyWhy = unwritable(dataDir);
  if (readOnlyWhy) return openReadOnlyCopy(dataDir, file, readOnlyWhy, log);

  let problem: string | null = null;
  let check: OpenCheck = 'new';
  if (fs.existsSync(file)) {
    // Closed cleanly and untouched since: the whole-file check is left to the background.
    check = closedCleanly(dataDir) ? 'deferred' : 'at-open';
    const waitMs = opts.lockWaitMs ?? 30_000;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const c = checkFile(file, Math.min(5000, waitMs), check === 'at-open');
      if ('busy' in c) {
        if (Date.now() - started >= waitMs) {
          const holder = whoHolds(file);
          throw new StationFileBusyError(
            `the station file ${file} is locked by ${holder || 'another program'}; waited ${Math.round((Date.now() - started) / 1000)} s. ` +
              'Close that program (or stop that station) and start again. The file was left as it is.',
          );
        }
        if (attempt === 0) log(`the station file is locked by another program (${c.busy}); waiting up to ${Math.round(waitMs / 1000)} s`);
        sleepSync(Math.min(500, waitMs));
        continue;
      }
      // Another program held the file: it may have written meanwhile, so look again.
      if (check === 'deferred' && attempt > 0 && !closedCleanly(dataDir)) {
        check = 'at-open';
        continue;
      }
      problem = 'damaged' in c ? c.damaged : null;
      break;
    }
  }
  // Opened for writing from here on: only the next clean close may vouch for the file again.
  forgetCleanClose(dataDir);
  if (!problem) {
    const compaction = fs.existsSync(file) ? compactIfAsked(file, opts.now, log) : null;
    const store = Store.open(dataDir, opts);
    if (compaction) store.settings.set(COMPACTION_KEY, compaction);
    return { store, recovery: store.settings.get<Recovery | null>(RECOVERY_KEY, null), readOnly: null, check };
  }

  const setAsideAs = `${file}.corrupt-${stamp(opts.now)}`;
  fs.renameSync(file, setAsideAs);
  for (const ext of ['-wal', '-shm']) {
    if (fs.existsSync(file + ext)) fs.renameSync(file + ext, setAsideAs + ext);
  }
  let restored: { file: string; at: number } | null = null;
  for (const b of listBackups(dataDir)) {
    const bad = problemWith(b.file);
    if (!bad) {
      restored = b;
      break;
    }
    log(`backup ${path.basename(b.file)} is damaged too (${bad}); trying an older one`);
  }
  if (restored) fs.copyFileSync(restored.file, file);
  const recovery: Recovery = {
    at: opts.now,
    setAsideAs,
    restoredFrom: restored?.file ?? null,
    backupAt: restored?.at ?? null,
    problem,
    message: restored
      ? `the station file was damaged (${problem}); restored the backup of ${utcMinute(restored.at)}; mentions stored after that are lost. The damaged file is kept as ${path.basename(setAsideAs)}.`
      : `the station file was damaged (${problem}) and there is no good backup: the station starts empty. The damaged file is kept as ${path.basename(setAsideAs)}.`,
  };
  log(recovery.message);
  const store = Store.open(dataDir, opts);
  store.settings.set(RECOVERY_KEY, recovery);
  return { store, recovery, readOnly: null, check };
}

/**
 * A data folder that cannot be written: SQLite cannot even read a WAL file there (it needs its
 * -shm beside it), so a copy of the file (and its WAL) in a temporary folder is opened
 * read-only. Nothing in the data folder is touched.
 */
function openReadOnlyCopy(
  dataDir: string,
  file: string,
  why: string,
  log: (line: string) => void,
): { store: Store; recovery: Recovery | null; readOnly: string; check: OpenCheck } {
  if (!fs.existsSync(file)) throw new Error(`the data folder ${dataDir} is read-only (${why}) and holds no station file: there is nothing to show`);
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-read-only-'));
  for (const ext of ['', '-wal']) {
    if (fs.existsSync(file + ext)) fs.copyFileSync(file + ext, path.join(copyDir, DB_FILE + ext));
  }
  const remove = () => fs.rmSync(copyDir, { recursive: true, force: true });
  let store: Store;
  try {
    store = Store.open(copyDir, { readonly: true, archivesIn: dataDir });
  } catch (e) {
    remove();
    throw e;
  }
  // The copy goes when the station closes, or with the process if it never does.
  process.once('exit', remove);
  store.onClose.push(() => {
    process.off('exit', remove);
    remove();
  });
  const message = `read-only: the data folder ${dataDir} cannot be written (${why}); the station shows what it holds and stores nothing new`;
  log(message);
  return { store, recovery: store.settings.get<Recovery | null>(RECOVERY_KEY, null), readOnly: message, check: 'read-only copy' };
}
