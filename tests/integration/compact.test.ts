// Giving the station file's free space back to the disk after retention: asked from the station
// room (station.compactAtStart), done at the next start before the file is opened; or by
// `fenghuo compact` with the station stopped. Real station files: the file shrinks by what
// retention freed, and every mention, search answer and rollup is as it was — also when the last
// start was a crash with mentions still in the log; a running station's file is refused by name.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/api';
import type { StationStorage } from '../../shared/api/station';
import { runCompact } from '../../electron/cli/compact';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { COMPACT_MARKER } from '../../electron/engine/store/compact';
import { closedCleanly } from '../../electron/engine/store/open-check';
import { callApi } from '../helpers/api';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();
const tmpDir = () => tmp('fh-compact-');

const T0 = Date.UTC(2026, 5, 15, 8, 0);
const DAY = 86_400_000;

function open(dataDir: string): Station {
  const st = Station.open({ dataDir, clock: new ManualClock(T0) });
  cleanups.push(() => st.close());
  return st;
}

const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
const liveBytes = (dir: string) => size(path.join(dir, 'station.db')) + size(path.join(dir, 'station.db-wal'));

/** Six months of mentions, long enough that the old months fill many pages. */
async function seed(dir: string): Promise<Station> {
  const st = open(dir);
  await callApi(st, 'topics.save', { topic: { name: '捷運', query: '捷運 OR outage' } }, 'admin');
  const sourceId = st.store.sources.add(
    { name: 'fixture', kind: 'feed', config: { url: 'http://127.0.0.1:9/feed.xml', allowPrivate: true }, enabled: false, intervalSec: 300 },
    T0,
  );
  st.topics.reload();
  const items = [];
  for (let i = 0; i < 3600; i++) {
    const at = T0 - (180 - Math.floor(i / 20)) * DAY + (i % 20) * 3_600_000;
    const text = i % 2 ? `今天捷運又延誤了，第 ${i} 班車停駛，月台擠滿了人。`.repeat(4) : `Outage report ${i}: no signal downtown, crews on the way. `.repeat(4);
    items.push({ guid: `g${i}`, url: `https://example.com/${i}`, title: `t${i}`, text, publishedAt: at });
  }
  st.ingest(sourceId, items);
  return st;
}

async function answers(st: Station) {
  const out = [];
  for (const a of [{ q: '捷運', limit: 200 }, { q: 'outage', limit: 50, offset: 100 }, { limit: 100 }]) {
    const r = (await callApi(st, 'mentions.search', a, 'viewer')) as SearchResult;
    out.push({ total: r.total, ids: r.items.map((m) => m.id) });
  }
  return out;
}

const rollups = (st: Station) => st.store.db.prepare(`SELECT * FROM rollup_topic_minute ORDER BY topic_id, minute`).all();

async function archiveOldMonths(st: Station): Promise<StationStorage> {
  await callApi(st, 'station.setRetention', { keepMonths: 1 }, 'admin');
  return (await callApi(st, 'station.archiveNow', { wait: true }, 'admin')) as StationStorage;
}

describe('compacting the station file', () => {
  it('gives retention’s free space back at the next start, when asked from the station room, and keeps every answer', async () => {
    const dir = tmpDir();
    const st = await seed(dir);
    const storage = await archiveOldMonths(st);
    expect(storage.archives.length).toBeGreaterThan(2);
    expect(storage.freeBytes).toBeGreaterThan(500_000);
    expect(storage.compactAtStart).toBe(false);
    expect(storage.lastCompaction).toBeNull();
    const before = await answers(st);
    const count = st.store.mentions.count();
    const rollupsBefore = rollups(st);

    // A wall's viewer token may not ask; an admin may, and may call it off again.
    await expect(callApi(st, 'station.compactAtStart', { on: true }, 'viewer')).rejects.toMatchObject({ code: 'forbidden' });
    expect(((await callApi(st, 'station.compactAtStart', { on: true }, 'admin')) as StationStorage).compactAtStart).toBe(true);
    expect(((await callApi(st, 'station.compactAtStart', { on: false }, 'admin')) as StationStorage).compactAtStart).toBe(false);
    expect(fs.existsSync(path.join(dir, COMPACT_MARKER))).toBe(false);
    const asked = (await callApi(st, 'station.compactAtStart', { on: true }, 'admin')) as StationStorage;
    expect(asked.compactAtStart).toBe(true);
    const free = asked.freeBytes;
    await st.close();
    const closedBytes = liveBytes(dir);

    const st2 = open(dir);
    const after = (await callApi(st2, 'station.storage', {}, 'viewer')) as StationStorage;
    expect(after.compactAtStart).toBe(false);
    expect(after.freeBytes).toBe(0);
    expect(after.lastCompaction).toMatchObject({ at: T0, error: null, beforeBytes: closedBytes });
    expect(after.lastCompaction!.afterBytes).toBeLessThanOrEqual(closedBytes - free);
    expect(size(path.join(dir, 'station.db'))).toBe(after.lastCompaction!.afterBytes);
    expect(st2.store.mentions.count()).toBe(count);
    expect(await answers(st2)).toEqual(before);
    expect(rollups(st2)).toEqual(rollupsBefore);
    expect(st2.store.mentions.rollupDiff()).toEqual([]);
    expect(st2.store.db.pragma('quick_check', { simple: true })).toBe('ok');
    // The next start does not compact again.
    await st2.close();
    const st3 = open(dir);
    expect(((await callApi(st3, 'station.storage', {}, 'viewer')) as StationStorage).lastCompaction!.at).toBe(T0);
    expect(st3.store.mentions.count()).toBe(count);
  });

  it('keeps the mentions a crash left in the log, and clears a copy a killed compaction left behind', async () => {
    const dir = tmpDir();
    const st = await seed(dir);
    await archiveOldMonths(st);
    // Mentions stored after the move: in the log, not yet in the file.
    const sourceId = st.store.sources.list()[0]!.id;
    st.ingest(sourceId, [1, 2, 3].map((i) => ({ guid: `late${i}`, title: null, text: `捷運 late ${i}`, publishedAt: T0 - i * 60_000 })));
    const count = st.store.mentions.count();
    const before = await answers(st);
    // A crash image: the file and its log as they are while the station runs.
    const crashed = tmpDir();
    for (const f of ['station.db', 'station.db-wal']) fs.copyFileSync(path.join(dir, f), path.join(crashed, f));
    fs.cpSync(path.join(dir, 'archives'), path.join(crashed, 'archives'), { recursive: true });
    expect(size(path.join(crashed, 'station.db-wal'))).toBeGreaterThan(0);
    fs.writeFileSync(path.join(crashed, COMPACT_MARKER), 'asked\n');
    fs.writeFileSync(path.join(crashed, 'station.db.compacting'), 'half a copy');

    const st2 = open(crashed);
    expect(fs.existsSync(path.join(crashed, 'station.db.compacting'))).toBe(false);
    const storage = (await callApi(st2, 'station.storage', {}, 'viewer')) as StationStorage;
    expect(storage.lastCompaction).toMatchObject({ error: null });
    expect(storage.freeBytes).toBe(0);
    expect(st2.store.mentions.count()).toBe(count);
    expect(await answers(st2)).toEqual(before);
  });

  it('does not try again at every start after an attempt was cut off: it says so, and the file is as it was', async () => {
    const dir = tmpDir();
    const st = await seed(dir);
    const storage = await archiveOldMonths(st);
    const count = st.store.mentions.count();
    await callApi(st, 'station.compactAtStart', { on: true }, 'admin');
    await st.close();
    // What a process killed in the middle of it leaves: the request taken up, half a copy.
    fs.renameSync(path.join(dir, COMPACT_MARKER), path.join(dir, 'station.db.compact-started'));
    fs.writeFileSync(path.join(dir, 'station.db.compacting'), 'half a copy');
    const bytes = liveBytes(dir);

    const st2 = open(dir);
    const after = (await callApi(st2, 'station.storage', {}, 'viewer')) as StationStorage;
    expect(after.lastCompaction).toMatchObject({ error: expect.stringMatching(/cut off .*left as it was/), beforeBytes: bytes, afterBytes: bytes });
    expect(after.compactAtStart).toBe(false);
    expect(after.freeBytes).toBe(storage.freeBytes);
    expect(st2.store.mentions.count()).toBe(count);
    expect(fs.readdirSync(dir).filter((f) => f.includes('compact'))).toEqual([]);
  });

  it('`fenghuo compact` refuses a file a running station holds, leaving it as it was, and compacts it once stopped', async () => {
    const dir = tmpDir();
    const st = await seed(dir);
    await archiveOldMonths(st);
    const count = st.store.mentions.count();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } } as unknown as Parameters<typeof runCompact>[1];

    expect(await runCompact(['--data', dir], io)).toBe(1);
    expect(err.join('')).toMatch(/the station file is open in .*stop that station first; the station file is as it was/);
    expect(fs.existsSync(path.join(dir, 'station.db.compacting'))).toBe(false);
    // The station goes on writing to the same file, and nothing of it is lost.
    st.ingest(st.store.sources.list()[0]!.id, [{ guid: 'after', title: null, text: 'outage after the refusal', publishedAt: T0 }]);
    expect(st.store.mentions.count()).toBe(count + 1);
    // Kept from other users of the machine: the rewritten file keeps that.
    fs.chmodSync(path.join(dir, 'station.db'), 0o600);
    await st.close();

    const closed = liveBytes(dir);
    expect(closedCleanly(dir)).toBe(true);
    expect(await runCompact(['--data', dir], io)).toBe(0);
    expect(fs.statSync(path.join(dir, 'station.db')).mode & 0o777).toBe(0o600);
    // Closed cleanly before, the rewritten file is not checked whole again at the next open.
    expect(closedCleanly(dir)).toBe(true);
    expect(out.join('')).toMatch(/compacted .*station\.db: [\d.]+ MB → [\d.]+ MB/);
    expect(liveBytes(dir)).toBeLessThan(closed - 500_000);
    const st2 = open(dir);
    expect(st2.store.mentions.count()).toBe(count + 1);
    expect(st2.store.mentions.rollupDiff()).toEqual([]);

    expect(await runCompact(['--data', tmpDir()], io)).toBe(1);
    expect(err.join('')).toMatch(/there is no station file in/);
  });

  // prlimit (util-linux) is on every Linux this runs on, CI included; elsewhere there is no such limit to set.
  it.skipIf(spawnSync('prlimit', ['--version']).error !== undefined)('a copy that cannot be written (the file-size limit set below it, as a full disk would) fails by name, the file as it was, nothing left beside it', async () => {
    const dir = tmpDir();
    const st = await seed(dir);
    await archiveOldMonths(st);
    await st.close();
    const file = path.join(dir, 'station.db');
    const hash = () => createHash('sha1').update(fs.readFileSync(file)).digest('hex');
    const before = hash();
    const files = fs.readdirSync(dir).sort();
    // Writes past 200 KB fail with EFBIG in that process (Node ignores SIGXFSZ): the copy is ~1.4 MB.
    const r = spawnSync('prlimit', ['--fsize=200000', process.execPath, 'bin/fenghuo.mjs', 'compact', '--data', dir], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the compacted copy could not be written beside the station file \(.+\); the station file is as it was/);
    expect(hash()).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
  });

  it('on a full disk (a small tmpfs) fails by name, the file as it was, nothing left beside it', async (ctx) => {
    const dir = tmpDir();
    const st = await seed(dir);
    await archiveOldMonths(st);
    await st.close();
    // Room for the station's files and 256 KB more: the copy (~1.4 MB) cannot fit.
    const used = ['station.db', 'station.db.clean'].reduce((n, f) => n + size(path.join(dir, f)), 0);
    const mountPoint = tmpDir();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(used / 1024) + 256}k`, 'tmpfs', mountPoint]).status !== 0) {
      ctx.skip('cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN)');
    }
    cleanups.push(() => void spawnSync('umount', ['-l', mountPoint]));
    for (const f of ['station.db', 'station.db.clean']) fs.copyFileSync(path.join(dir, f), path.join(mountPoint, f));
    const file = path.join(mountPoint, 'station.db');
    const hash = () => createHash('sha1').update(fs.readFileSync(file)).digest('hex');
    const before = hash();
    const files = fs.readdirSync(mountPoint).sort();
    const err: string[] = [];
    const io = { out: { write: () => true }, err: { write: (s: string) => err.push(s) } } as unknown as Parameters<typeof runCompact>[1];
    expect(await runCompact(['--data', mountPoint], io)).toBe(1);
    expect(err.join('')).toMatch(/the compacted copy could not be written beside the station file \(the disk has no room for it\); the station file is as it was/);
    expect(hash()).toBe(before);
    expect(fs.readdirSync(mountPoint).sort()).toEqual(files);
  });
});
