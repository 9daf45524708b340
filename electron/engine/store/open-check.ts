// Whether the station file needs its whole-file check at open. A station that closed cleanly
// leaves a marker beside its file naming what it left: the file's size, times, inode and
// header, and its WAL's. At the next open a marker that matches means nothing touched the file
// since: the synchronous `quick_check` (a minute on a 10 M station) is skipped and the same
// check runs in a worker in the background instead. The marker is removed before the file is
// opened for writing, so a process that is killed, crashes or loses power leaves none, and the
// next open checks the whole file as before. Any mismatch or unreadable marker: checked.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DB_FILE } from './index';

/** How the station file was checked at open. */
export type OpenCheck =
  /** The whole file was checked before it was opened (no marker, or it did not match). */
  | 'at-open'
  /** Closed cleanly and untouched since: the check runs in the background after the open. */
  | 'deferred'
  /** There was no file: a new station. */
  | 'new'
  /** The data folder cannot be written: a copy is opened read-only (as before, not checked). */
  | 'read-only copy';

export const CLEAN_MARKER = 'station.db.clean';
const MARKER_VERSION = 1;

interface Identity {
  v: number;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  /** The first 100 bytes of the file (SQLite's header: change counter, page count, …), hex. */
  header: string;
  /** The WAL beside it: bytes and mtime; 0 and '' when it is absent or empty. */
  walSize: string;
  walMtimeNs: string;
}

function identity(file: string): Identity {
  const st = fs.statSync(file, { bigint: true });
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  let wal: fs.BigIntStats | null = null;
  try {
    wal = fs.statSync(`${file}-wal`, { bigint: true });
  } catch {
    // no WAL: the last connection checkpointed it away
  }
  const walSize = wal && wal.size > 0n ? wal.size : 0n;
  return {
    v: MARKER_VERSION,
    size: String(st.size),
    mtimeNs: String(st.mtimeNs),
    ctimeNs: String(st.ctimeNs),
    ino: String(st.ino),
    header: header.toString('hex'),
    walSize: String(walSize),
    walMtimeNs: walSize > 0n ? String(wal!.mtimeNs) : '',
  };
}

/** After a clean close: remember what the file looks like, so the next open may skip its check. */
export function recordCleanClose(dataDir: string): void {
  const file = path.join(dataDir, DB_FILE);
  const marker = path.join(dataDir, CLEAN_MARKER);
  const tmp = `${marker}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(identity(file)));
  fs.renameSync(tmp, marker);
}

/** The file is exactly as a clean close left it (a marker is there and matches everything). */
export function closedCleanly(dataDir: string): boolean {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, CLEAN_MARKER), 'utf8')) as Record<string, unknown>;
    const now = identity(path.join(dataDir, DB_FILE)) as unknown as Record<string, unknown>;
    return Object.keys(now).every((k) => saved[k] === now[k]);
  } catch {
    return false;
  }
}

/** Before the file is opened for writing: from now on only a clean close may vouch for it. */
export function forgetCleanClose(dataDir: string): void {
  fs.rmSync(path.join(dataDir, CLEAN_MARKER), { force: true });
}

export type BackgroundCheck = { ok: true } | { damaged: string } | { error: string };

const DAMAGE = /^SQLITE_(CORRUPT|NOTADB)/;

/**
 * `PRAGMA quick_check` of the live station file, read-only, in a worker thread (nothing about
 * the file is changed: no journal mode, no pragmas that write). Note: a worker cannot be stopped
 * inside SQLite, so a process that exits while it runs waits for it to finish.
 */
export function quickCheckInWorker(file: string): Promise<BackgroundCheck> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
  const r = db.pragma('quick_check').map((r) => r.quick_check).join('; ');
  parentPort.postMessage(r === 'ok' ? { ok: true } : { damaged: r.slice(0, 500) });
} catch (e) {
  parentPort.postMessage({ code: String(e && e.code || ''), message: String(e && e.message) });
} finally { if (db) db.close(); }`;
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const w = new Worker(code, { eval: true, workerData: { module, file } });
    w.unref();
    w.once('message', (m: BackgroundCheck | { code: string; message: string }) => {
      if ('code' in m) resolve(DAMAGE.test(m.code) ? { damaged: m.message } : { error: `${m.message} (${m.code})` });
      else resolve(m);
    });
    w.once('error', (e) => resolve({ error: e.message }));
    w.once('exit', (c) => resolve({ error: `the check of ${file} stopped (exit ${c})` }));
  });
}
