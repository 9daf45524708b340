// Re-tagging a topic's stored mentions across the station file and the monthly archives, in
// turns: a re-tag's scan (api/topics.ts) finds the ids its query matches now; this finds, file
// by file, the links that go and the ones that come, then writes them a few minutes of
// publication at a time, each slice with its minutes' rollups recounted from every file in the
// same turn — so between turns the rollups agree with the links, and the walls are served
// while a big edit lands. Call it inside `archives.exclusive`: no archive is copied or
// rewritten meanwhile, so each link goes to the file the mention was found in.
import type { Db } from './db';
import type { Store } from './index';
import type { RetagFile } from './mentions';
import { minuteOf, topicMinutesAt } from './rollups';
import { SliceSizer, yieldToLoop } from '../sources/slices';

/** Links or ids read at a time while finding what changes. */
const READ = 5_000;
/** Each slice of writes is sized to hold the station's thread ~20 ms. */
const PACE = { ms: 20, first: 200, min: 20, max: 20_000 };

interface Change {
  id: number;
  minute: number;
  add: boolean;
  file: number;
}

/** The index of the first of the sorted `xs` at or above `x` (xs.length when none is). */
function firstAtLeast(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the sorted `xs` holds `x`. */
const holds = (xs: Float64Array, x: number): boolean => xs[firstAtLeast(xs, x)] === x;

/** How far a re-tag's relink is: comparing links file by file, then writing the changes. */
export type RelinkProgress = { phase: 'comparing' | 'writing'; fraction: number; changes: number };

/**
 * The topic's links among mentions published in [from, until) with id up to `upto` become
 * `ids` (which must all be published in that stretch), in every file. Mentions above `upto`
 * (stored after the scan began) were tagged by the query when they were stored, and are left as
 * they are. Returns how many links changed, and how many mentions in the stretch the topic
 * holds now.
 */
export async function relinkTopic(
  store: Store,
  topicId: number,
  from: number,
  ids: number[],
  upto: number,
  { until = Number.MAX_SAFE_INTEGER, onProgress }: { until?: number; onProgress?: (p: RelinkProgress) => void } = {},
): Promise<{ changed: number; tagged: number }> {
  const want = Float64Array.from(ids).sort();
  const files = store.mentions.filesSince(from, until);
  const changes: Change[] = [];
  for (let k = 0; k < files.length; k++) {
    const f = files[k]!;
    onProgress?.({ phase: 'comparing', fraction: k / files.length, changes: changes.length });
    // Links that go: the topic's links in this file, in id order, a slice at a time.
    // (Each read asks for the file's connection afresh: an archive's may be closed between turns.)
    const linked = `SELECT m.id, ${minuteOf('m.published_at')} AS minute FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id
      WHERE mt.topic_id = ? AND mt.mention_id > ? AND mt.mention_id <= ? AND m.published_at >= ? AND m.published_at < ? ORDER BY mt.mention_id LIMIT ?`;
    for (let after = -1; ; ) {
      const rows = f.db.prepare(linked).all(topicId, after, upto, from, until, READ) as { id: number; minute: number }[];
      for (const r of rows) if (!holds(want, r.id)) changes.push({ id: r.id, minute: r.minute, add: false, file: k });
      if (rows.length < READ) break;
      after = rows[rows.length - 1]!.id;
      await yieldToLoop();
    }
    // Links that come: the wanted mentions this file holds, not linked yet — looked up among
    // the wanted ids inside the file's own range of ids (an archive's month holds a stretch of them).
    const unlinked = `SELECT m.id, ${minuteOf('m.published_at')} AS minute FROM mentions m
      WHERE m.id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = ? AND mt.mention_id = m.id)`;
    const span = f.db.prepare(`SELECT (SELECT min(id) FROM mentions) AS lo, (SELECT max(id) FROM mentions) AS hi`).get() as { lo: number | null; hi: number | null };
    const inFile = span.lo == null ? want.subarray(0, 0) : want.subarray(firstAtLeast(want, span.lo), firstAtLeast(want, span.hi! + 1));
    for (let i = 0; i < inFile.length; i += READ) {
      const rows = f.db.prepare(unlinked).all(JSON.stringify(Array.from(inFile.subarray(i, i + READ))), topicId) as { id: number; minute: number }[];
      for (const r of rows) changes.push({ id: r.id, minute: r.minute, add: true, file: k });
      await yieldToLoop();
    }
  }

  // Written by minute of publication, whole minutes to a slice.
  changes.sort((a, b) => a.minute - b.minute);
  const sizer = new SliceSizer(PACE);
  for (let i = 0; i < changes.length; ) {
    onProgress?.({ phase: 'writing', fraction: i / changes.length, changes: changes.length });
    await store.logRoom();
    if (!store.topics.get(topicId)) break; // deleted meanwhile: its links went with it
    let j = Math.min(changes.length, i + sizer.size);
    while (j < changes.length && changes[j]!.minute === changes[j - 1]!.minute) j++;
    const t0 = performance.now();
    writeSlice(store, files, topicId, changes.slice(i, j));
    sizer.took(j - i, performance.now() - t0);
    i = j;
    await yieldToLoop();
  }
  const since = store.db
    .prepare(`SELECT count(*) FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id WHERE mt.topic_id = ? AND mt.mention_id > ? AND m.published_at >= ? AND m.published_at < ?`)
    .pluck()
    .get(topicId, upto, from, until) as number;
  return { changed: changes.length, tagged: ids.length + since };
}

/**
 * The minutes of a slice whose archive links are written and whose recount is not yet (a
 * crash between the two would leave the rollups of those minutes on the old links, and a later
 * re-tag finds no change there to recount): kept in the station file's settings until the
 * recount commits, and recounted at the next open (finishRetags).
 */
const PENDING = 'retag.pending';

type Pending = { topicId: number; minutes: number[] } | null;

/** Recount what a re-tag cut off between an archive's write and the station file's left pending. */
export function finishRetags(store: Store): void {
  const p = store.settings.get<Pending>(PENDING, null);
  if (!p) return;
  store.tx(() => {
    if (store.topics.get(p.topicId)) recount(store, store.mentions.filesSince(p.minutes.reduce((a, b) => Math.min(a, b)) * 60_000), p.topicId, p.minutes);
    store.settings.set(PENDING, null);
  });
}

function recount(store: Store, files: RetagFile[], topicId: number, minutes: number[]): void {
  const rows = files.flatMap((f) => topicMinutesAt(f.db, topicId, minutes, f.bound));
  store.rollups.recountTopicMinutes(topicId, minutes, rows);
}

/** One slice: each archive's links (its own transaction), then the station file's and the slice's minutes recounted, in one. */
function writeSlice(store: Store, files: RetagFile[], topicId: number, slice: Change[]): void {
  const minutes = [...new Set(slice.map((c) => c.minute))];
  const apply = (f: Db, k: number) => {
    const drop = f.prepare(`DELETE FROM mention_topics WHERE topic_id = ? AND mention_id = ?`);
    // Only while the mention is still there (a retention run may have deleted the station file's copy since).
    const link = f.prepare(`INSERT OR IGNORE INTO mention_topics (topic_id, mention_id) SELECT ?, id FROM mentions WHERE id = ?`);
    for (const c of slice) if (c.file === k) (c.add ? link : drop).run(topicId, c.id);
  };
  const archived = files.flatMap((f, k) => (f.month && slice.some((c) => c.file === k) ? [{ month: f.month, k }] : []));
  if (archived.length) store.settings.set(PENDING, { topicId, minutes } satisfies Pending);
  for (const { month, k } of archived) store.archives.write(month, (adb) => apply(adb, k));
  store.tx(() => {
    apply(store.db, 0);
    recount(store, files, topicId, minutes);
    if (archived.length) store.settings.set(PENDING, null);
  });
}
