// Moving a month of mentions out of the station file into archives/mentions-YYYY-MM.db.
//
// The order is what makes a crash harmless:
// 1. copy — in a worker, so the station stays responsive: the month's rows (with their topic
//    links) are written to `<archive>.partial` in one transaction, counted against the
//    station file in the same read snapshot, synced, and renamed to the archive's
//    name. An archive under its final name is complete. A month already archived that got
//    late mentions is copied to a new .partial, the new rows appended, and renamed over.
// 2. record — the station file notes which ids the archive holds (archived_months: every
//    mention of the month with id <= upto). From then on a search reads those ids from the
//    archive and skips them in the station file, so nothing is read twice or missed.
// 3. delete — in batches, each its own transaction sized to take about one turn of the
//    station's thread, each batch's ids first checked present in the archive; the dedupe keys
//    (archived_keys) go in with the delete.
// A crash after 1 leaves an archive with no record: the next run reads the archive's own note
// of what it holds and records it (reconcile). A crash in 3 leaves rows in both files, which
// the record already partitions; the next run deletes the rest. Rollups are never touched.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { archiveFile, monthOf, monthRange, type ArchivedMonth } from './archives';
import type { Store } from './index';
import { SliceSizer, yieldToLoop } from '../sources/slices';

/**
 * How the deletes are paced (the event loop runs between batches): each transaction sized from
 * the ones before to hold the station's thread ~20 ms. A row's delete touches its indexes at
 * random places, so its cost grows with the file: at 10 M mentions a fixed 2,000 rows held the
 * thread ~140 ms a batch, and every wall's events and calls waited behind it for the whole move
 * (/healthz p50 142 ms, max 455).
 */
const DELETE_PACE = { ms: 20, first: 500, min: 50, max: 5_000 };

const COLS = `id, source_id, guid, content_hash, url, title, text, html, author, lang, published_at, fetched_at,
  sentiment, label, label_corrected, emotions, reach, tags`;

/** An archive file's tables: the station's mention tables, and a note of what it holds. */
const ARCHIVE_SCHEMA = /* sql */ `
CREATE TABLE archive (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, guid TEXT NOT NULL, content_hash TEXT NOT NULL,
  url TEXT, title TEXT, text TEXT NOT NULL, html TEXT, author TEXT, lang TEXT NOT NULL,
  published_at INTEGER NOT NULL, fetched_at INTEGER NOT NULL, sentiment REAL NOT NULL,
  label INTEGER NOT NULL, label_corrected INTEGER NOT NULL DEFAULT 0, emotions TEXT,
  reach INTEGER NOT NULL DEFAULT 0, tags TEXT
);
CREATE INDEX mentions_published ON mentions(published_at);
CREATE INDEX mentions_corrected ON mentions(id) WHERE label_corrected = 1;
CREATE TABLE mention_topics (
  topic_id INTEGER NOT NULL, mention_id INTEGER NOT NULL, PRIMARY KEY (topic_id, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_topics_mention ON mention_topics(mention_id);
`;

// Runs in a worker (CommonJS, eval): the copy of step 1. The station file is attached by path
// and only read; the read snapshot holds from the first read to the commit.
const COPY_CODE = `const { parentPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const Database = require(w.module);
let db = null;
try {
  for (const f of [w.partial, w.partial + '-journal']) fs.rmSync(f, { force: true });
  const fresh = !fs.existsSync(w.final);
  if (!fresh) fs.copyFileSync(w.final, w.partial);
  db = new Database(w.partial);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  if (fresh) db.exec(w.schema);
  db.prepare('ATTACH DATABASE ? AS live').run(w.live);
  const one = (sql, ...a) => db.prepare(sql).pluck().get(...a);
  const r = db.transaction(() => {
    // An archive written before migration 009 carries the old full-text index: it goes too.
    db.exec('DROP TABLE IF EXISTS main.mentions_fts');
    const after = fresh ? 0 : Number(one("SELECT value FROM archive WHERE key = 'upto'"));
    const upto = Math.max(after, one('SELECT coalesce(max(id), 0) FROM live.mentions'));
    const range = 'published_at >= ? AND published_at < ? AND id > ? AND id <= ?';
    const args = [w.from, w.to, after, upto];
    const want = one('SELECT count(*) FROM live.mentions WHERE ' + range, ...args);
    const moved = db.prepare('INSERT INTO main.mentions (' + w.cols + ') SELECT ' + w.cols + ' FROM live.mentions WHERE ' + range).run(...args).changes;
    const newIds = 'SELECT id FROM main.mentions WHERE id > ' + after + ' AND id <= ' + upto;
    const links = db.prepare('INSERT INTO main.mention_topics (topic_id, mention_id) SELECT topic_id, mention_id FROM live.mention_topics WHERE mention_id IN (' + newIds + ')').run().changes;
    const wantLinks = one('SELECT count(*) FROM live.mention_topics WHERE mention_id IN (SELECT id FROM live.mentions WHERE ' + range + ')', ...args);
    const rows = one('SELECT count(*) FROM main.mentions');
    if (moved !== want || links !== wantLinks) {
      throw new Error('the copy does not add up (mentions ' + moved + ' of ' + want + ', topic links ' + links + ' of ' + wantLinks + ')');
    }
    const note = db.prepare('INSERT OR REPLACE INTO archive (key, value) VALUES (?, ?)');
    note.run('month', w.month);
    note.run('upto', upto);
    note.run('rows', rows);
    return { upto, rows, moved };
  })();
  db.exec('DETACH DATABASE live');
  db.close();
  db = null;
  const fd = fs.openSync(w.partial, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(w.partial, w.final);
  try {
    const dir = fs.openSync(path.dirname(w.final), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {}
  parentPort.postMessage({ ...r, bytes: fs.statSync(w.final).size });
} catch (e) {
  if (db) db.close();
  for (const f of [w.partial, w.partial + '-journal']) fs.rmSync(f, { force: true });
  parentPort.postMessage({ error: String(e && e.message) });
}`;

interface Copied {
  upto: number;
  rows: number;
  moved: number;
  bytes: number;
}

/** Step 1: copy the month's mentions not yet archived into its archive file (a worker). */
export function copyMonth(store: Store, month: string): Promise<Copied> {
  const { from, to } = monthRange(month);
  const final = archiveFile(path.dirname(store.file), month);
  fs.mkdirSync(path.dirname(final), { recursive: true });
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const workerData = { module, live: store.file, final, partial: `${final}.partial`, month, from, to, cols: COLS, schema: ARCHIVE_SCHEMA };
  return new Promise((resolve, reject) => {
    const w = new Worker(COPY_CODE, { eval: true, workerData });
    w.once('message', (m: Copied | { error: string }) =>
      'error' in m ? reject(new Error(`archiving ${month} into ${final} failed: ${m.error}`)) : resolve(m),
    );
    w.once('error', reject);
    w.once('exit', (c) => reject(new Error(`archiving ${month} stopped (worker exit ${c})`)));
  });
}

/** What an archive file says it holds, read from the file itself. */
export function readArchiveNote(file: string): { month: string; upto: number; rows: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const note = Object.fromEntries(
      (db.prepare(`SELECT key, value FROM archive`).all() as { key: string; value: string | number }[]).map((r) => [r.key, r.value]),
    );
    return { month: String(note.month), upto: Number(note.upto), rows: Number(note.rows) };
  } finally {
    db.close();
  }
}

/**
 * Step 2, and the repair after a crash between 1 and 2: record every archive file that holds
 * more than the station file has recorded. Leftover .partial files (a copy cut off) go.
 */
export function reconcile(store: Store, now: number): void {
  const dir = store.archives.dir;
  if (!dir || !fs.existsSync(dir)) return;
  const recorded = new Map(store.archives.list().map((a) => [a.month, a]));
  for (const f of fs.readdirSync(dir)) {
    if (f.includes('.partial')) {
      fs.rmSync(path.join(dir, f), { force: true });
      continue;
    }
    const m = /^mentions-(\d{4}-\d{2})\.db$/.exec(f);
    if (!m) continue;
    const file = path.join(dir, f);
    const note = readArchiveNote(file);
    if (note.month !== m[1]) throw new Error(`${file} says it holds ${note.month}, not ${m[1]}: move it aside`);
    const had = recorded.get(note.month);
    if (had && had.upto >= note.upto) continue;
    const { from, to } = monthRange(note.month);
    store.archives.record({ month: note.month, fromAt: from, toAt: to, upto: note.upto, rows: note.rows, bytes: fs.statSync(file).size, archivedAt: now });
  }
}

/**
 * Step 3: delete from the station file the month's mentions its archive holds, a batch at a time,
 * letting the event loop run between batches. Returns how many were deleted.
 */
export async function deleteArchived(store: Store, a: ArchivedMonth, onStep: MoveProgress = () => {}): Promise<number> {
  const db = store.db;
  const total = db.prepare(`SELECT count(*) FROM mentions WHERE published_at >= ? AND published_at < ? AND id <= ?`).pluck().get(a.fromAt, a.toAt, a.upto) as number;
  onStep('delete', 0, total);
  const next = db.prepare(`SELECT id FROM mentions WHERE published_at >= ? AND published_at < ? AND id <= ? LIMIT ?`).pluck();
  const keep = db.prepare(`INSERT OR IGNORE INTO archived_keys (source_id, guid, content_hash, published_at)
    SELECT source_id, guid, content_hash, published_at FROM mentions WHERE id IN (SELECT value FROM json_each(?))`);
  let deleted = 0;
  const sizer = new SliceSizer(DELETE_PACE);
  for (;;) {
    await store.logRoom();
    const t0 = performance.now();
    const ids = next.all(a.fromAt, a.toAt, a.upto, sizer.size) as number[];
    if (!ids.length) return deleted;
    const list = JSON.stringify(ids);
    const there = store.archives
      .connection(a)
      .prepare(`SELECT count(*) FROM mentions WHERE id IN (SELECT value FROM json_each(?)) AND id <= ?`)
      .pluck()
      .get(list, a.upto) as number;
    if (there !== ids.length) {
      throw new Error(
        `the archive of ${a.month} lacks ${ids.length - there} of ${ids.length} mentions the station file still holds; nothing more is deleted`,
      );
    }
    store.tx(() => {
      keep.run(list);
      store.mentions.deleteIds(ids);
    });
    deleted += ids.length;
    onStep('delete', deleted, total);
    sizer.took(ids.length, performance.now() - t0);
    await yieldToLoop();
  }
}

/** The months (UTC) of the station file's mentions published before `cutoff`, oldest first. */
export function monthsBefore(store: Store, cutoff: number): string[] {
  const oldest = store.db.prepare(`SELECT min(published_at) FROM mentions`).pluck().get() as number | null;
  const any = store.db.prepare(`SELECT 1 FROM mentions WHERE published_at >= ? AND published_at < ? LIMIT 1`);
  const out: string[] = [];
  if (oldest == null) return out;
  for (let m = monthOf(oldest); monthRange(m).to <= cutoff; m = monthOf(monthRange(m).to)) {
    const { from, to } = monthRange(m);
    if (any.get(from, to)) out.push(m);
  }
  return out;
}

/** How far a month's move is: its step, and of the step's mentions how many are done. */
export type MoveProgress = (step: 'copy' | 'delete', done: number, total: number) => void;

/** Move one month: copy what its archive lacks, record, delete. Returns the mentions moved. */
export async function archiveMonth(store: Store, month: string, now: number, onStep: MoveProgress = () => {}): Promise<number> {
  const { from, to } = monthRange(month);
  const had = store.archives.list().find((a) => a.month === month);
  const beyond = store.db
    .prepare(`SELECT 1 FROM mentions WHERE published_at >= ? AND published_at < ? AND id > ? LIMIT 1`)
    .get(from, to, had?.upto ?? 0);
  if (beyond) {
    const copying = store.db
      .prepare(`SELECT count(*) FROM mentions WHERE published_at >= ? AND published_at < ? AND id > ?`)
      .pluck()
      .get(from, to, had?.upto ?? 0) as number;
    onStep('copy', 0, copying);
    // Not while a re-tag rewrites links in the archive this may copy whole, or a backup copies it.
    const c = await store.archives.exclusive(async () => {
      const copied = await copyMonth(store, month);
      store.archives.record({ month, fromAt: from, toAt: to, upto: copied.upto, rows: copied.rows, bytes: copied.bytes, archivedAt: now });
      return copied;
    });
    onStep('copy', c.moved, copying);
  }
  const a = store.archives.list().find((x) => x.month === month);
  return a ? deleteArchived(store, a, onStep) : 0;
}
