// Retention against real station files: old months move to archives/mentions-YYYY-MM.db and
// Explore still finds exactly what it found before — same rows, same order, same totals — also
// after a restart; the board's rollups do not change; an old post imported again is still a
// duplicate; archived mentions open in detail and export, and refuse corrections by name; a
// move cut off after the copy is finished by the next run without a mention read twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationStorage } from '../../shared/api/station';
import type { MentionExport, SearchResult, TopicPreview } from '../../shared/api';
import type { MentionDetail } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import Database from 'better-sqlite3';
import { copyMonth } from '../../electron/engine/store/retention';
import { Store } from '../../electron/engine/store';
import { setSearchScanCap } from '../../electron/engine/api/mention-query';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  setSearchScanCap();
  for (const c of cleanups.splice(0).reverse()) await c();
});

// Mid-June 2026: with 2 months kept, January to March move (April, May and June stay).
const T0 = Date.UTC(2026, 5, 15, 8, 0);
const DAY = 86_400_000;

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-retention-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

function open(dataDir: string): Station {
  const st = Station.open({ dataDir, clock: new ManualClock(T0) });
  cleanups.push(() => st.close());
  return st;
}

const TEXTS = [
  (i: number) => ({ title: `捷運延誤 ${i}`, text: `今天捷運又延誤了，第 ${i} 班車停駛` }),
  (i: number) => ({ title: null, text: `Aurora outage report ${i}: no signal downtown, outage spreading` }),
  (i: number) => ({ title: `地铁 ${i}`, text: `地铁今天很挤，捷运也一样 ${i}` }),
  (i: number) => ({ title: 'Lantern festival', text: `The lantern festival was lovely tonight ${i}` }),
  (i: number) => ({ title: '天氣', text: `今天天氣晴朗 ${i}，大家出門走走` }),
];

/** Mentions on every day from mid-December to June (some sharing a publish time). */
async function seed(dataDir: string): Promise<{ st: Station; sourceId: number; topicId: number }> {
  const st = open(dataDir);
  const topic = await callApi(st, 'topics.save', { topic: { name: '捷運', query: '捷運 OR 地铁 OR outage' } }, 'admin');
  const sourceId = st.store.sources.add(
    { name: 'fixture', kind: 'feed', config: { url: 'http://127.0.0.1:9/feed.xml', allowPrivate: true }, enabled: false, intervalSec: 300 },
    T0,
  );
  st.topics.reload();
  const items = [];
  for (let d = 0, i = 0; d < 180; d++) {
    const day = T0 - (180 - d) * DAY;
    for (let k = 0; k < 3; k++, i++) {
      // every fifth pair shares a publish time: the order's tie-break (newest id) must hold
      const at = day + (i % 5 === 0 ? 0 : k * 3_600_000);
      items.push({ guid: `g${i}`, url: `https://example.com/${i}`, ...TEXTS[i % TEXTS.length]!(i), publishedAt: at });
    }
  }
  st.ingest(sourceId, items);
  return { st, sourceId, topicId: (topic as { id: number }).id };
}

type Ask = Record<string, unknown>;
const asks = (topicId: number): Ask[] => [
  { q: '捷運', limit: 500 },
  { q: '捷運', limit: 20, offset: 35 },
  { q: 'outage', limit: 500 },
  { q: '天氣 OR lantern', limit: 40 },
  { q: '捷運', count: false, limit: 30 },
  { q: 'outage', count: false, limit: 30, offset: 60 },
  { topicId, limit: 500 },
  { topicId, limit: 25, offset: 100, label: 'negative' },
  { from: Date.UTC(2026, 1, 20), to: Date.UTC(2026, 3, 10), limit: 500 },
  { q: 'festival', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 2, 1), limit: 500 },
  { limit: 50, offset: 400 },
  { limit: 500 },
];

async function answers(st: Station, topicId: number) {
  const out = [];
  // A source alone is counted through its key while no archive exists, by time once one does.
  const sourceId = st.store.sources.list()[0]!.id;
  const all: Ask[] = asks(topicId);
  all.splice(-2, 0, { sourceId, limit: 500, count: true }, { sourceId, label: 'negative', limit: 50, count: true });
  for (const a of all) {
    const r = (await callApi(st, 'mentions.search', a, 'viewer')) as SearchResult;
    out.push({ total: r.total, counting: r.counting ?? false, items: r.items });
  }
  return out;
}

const rollups = (st: Station) => ({
  topic: st.store.db.prepare(`SELECT * FROM rollup_topic_minute ORDER BY topic_id, minute`).all(),
  source: st.store.db.prepare(`SELECT * FROM rollup_source_minute ORDER BY source_id, minute`).all(),
});

describe('retention into monthly archive files', () => {
  it('moves old months out of the station file and Explore finds exactly what it found before, also after a restart', async () => {
    const dir = tmpDir();
    const { st, sourceId, topicId } = await seed(dir);
    const before = await answers(st, topicId);
    const countBefore = st.store.mentions.count();
    const rollupsBefore = rollups(st);
    const exportBefore = (await callApi(st, 'mentions.export', { q: '捷運', format: 'csv', limit: 10_000 }, 'admin')) as MentionExport;
    const oldest = before[before.length - 1]!.items.at(-1)!;
    // The questions reach into the months that will move, and past the first page.
    const old = (ms: { publishedAt: number }[]) => ms.filter((m) => m.publishedAt < Date.UTC(2026, 3, 1)).length;
    for (const i of [0, 2, 6, 8, 9]) expect(old(before[i]!.items)).toBeGreaterThan(0);
    expect(before[0]!.total).toBeGreaterThan(before[0]!.items.length - 1);

    // A wall browser may read the storage but not change retention.
    await expect(callApi(st, 'station.setRetention', { keepMonths: 2 }, 'viewer')).rejects.toMatchObject({ code: 'forbidden' });
    expect(((await callApi(st, 'station.storage', {}, 'viewer')) as StationStorage).keepMonths).toBeNull();
    // Setting retention starts a run at once; then "Archive now", as the station room asks it,
    // answers while the run goes on, with the month it is moving, and the storage follows it.
    const dec = st.store.db.prepare(`SELECT count(*) FROM mentions WHERE published_at >= ? AND published_at < ?`).pluck()
      .get(Date.UTC(2025, 11, 1), Date.UTC(2026, 0, 1)) as number;
    const set = (await callApi(st, 'station.setRetention', { keepMonths: 2 }, 'admin')) as StationStorage;
    expect(set.running).toBe(true);
    expect(set.progress).toEqual({ month: '2025-12', index: 1, months: 4, step: 'copy', done: 0, total: dec });
    const started = (await callApi(st, 'station.archiveNow', {}, 'admin')) as StationStorage;
    expect(started.running).toBe(true);
    expect(started.progress).toMatchObject({ months: 4 });
    const storage = await vi.waitFor(async () => {
      const s = (await callApi(st, 'station.storage', {}, 'viewer')) as StationStorage;
      expect(s.running).toBe(false);
      return s;
    }, { timeout: 60_000, interval: 50 });
    expect(storage.progress).toBeNull();
    expect(storage.lastRun!.moved.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);

    expect(storage.keepMonths).toBe(2);
    expect(storage.archives.map((a) => a.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    for (const a of storage.archives) expect(fs.existsSync(path.join(dir, 'archives', `mentions-${a.month}.db`))).toBe(true);
    const archived = storage.archives.reduce((n, a) => n + a.mentions, 0);
    expect(archived).toBeGreaterThan(200);
    expect(st.store.mentions.count()).toBe(countBefore - archived);
    expect(st.store.db.prepare(`SELECT min(published_at) FROM mentions`).pluck().get()).toBeGreaterThanOrEqual(Date.UTC(2026, 3, 1));
    expect(storage.archives.every((a) => a.bytes > 0)).toBe(true);

    // Board and lights read rollups: untouched. The rollups of the live months still equal a recount.
    expect(rollups(st)).toEqual(rollupsBefore);
    expect(st.store.mentions.rollupDiff()).toEqual([]);

    expect(await answers(st, topicId)).toEqual(before);
    const exportAfter = (await callApi(st, 'mentions.export', { q: '捷運', format: 'csv', limit: 10_000 }, 'admin')) as MentionExport;
    expect(exportAfter.rows).toBe(exportBefore.rows);
    expect(exportAfter.base64).toBe(exportBefore.base64);

    // Restart: the same answers, read through the archives again.
    await st.close();
    const st2 = open(dir);
    expect(await answers(st2, topicId)).toEqual(before);
    expect(((await callApi(st2, 'station.storage', {}, 'viewer')) as StationStorage).archives).toHaveLength(4);
    // A backup copies each archive once beside the station's copy.
    await st2.backups.backupNow();
    expect(fs.readdirSync(path.join(dir, 'backups', 'archives')).sort()).toEqual(storage.archives.map((a) => `mentions-${a.month}.db`));

    // The detail of an archived mention opens; correcting or tagging it is refused by name.
    const detail = (await callApi(st2, 'mentions.get', { id: oldest.id }, 'viewer')) as MentionDetail;
    expect(detail).toMatchObject({ id: oldest.id, text: oldest.text, guid: oldest.guid });
    await expect(callApi(st2, 'mentions.correct', { id: oldest.id, label: 'positive' }, 'admin')).rejects.toMatchObject({
      code: 'archived',
      params: { month: '2025-12' },
    });

    // The same old post imported again is a duplicate, not a second copy in search.
    const again = st2.ingest(sourceId, [{ guid: oldest.guid, text: oldest.text, title: oldest.title, url: oldest.url, publishedAt: oldest.publishedAt }]);
    expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
    // So is the same story from another source within its week, known by its archived content key.
    const other = st2.store.sources.add({ name: 'another', kind: 'feed', config: { url: 'https://example.org/b' }, enabled: false, intervalSec: 300 }, T0);
    const syndicated = st2.ingest(other, [{ guid: 'elsewhere', text: oldest.text, title: oldest.title, publishedAt: oldest.publishedAt + 3_600_000 }]);
    expect(syndicated).toMatchObject({ inserted: 0, duplicates: 1 });
    // A new mention gets an id no archive holds.
    const fresh = st2.ingest(sourceId, [{ guid: 'new-1', text: '捷運今天準點', publishedAt: T0 }]);
    expect(fresh.inserted).toBe(1);
    const newest = (await callApi(st2, 'mentions.search', { limit: 1 }, 'viewer')) as SearchResult;
    expect(newest.items[0]!.guid).toBe('new-1');
    expect(newest.items[0]!.id).toBeGreaterThan(Math.max(...before[before.length - 1]!.items.map((m) => m.id)));
    expect(newest.total).toBe(countBefore + 1);
    // The stored count the status says: the rows, after the move, a duplicate and a new one.
    expect(st2.status().mentionCount).toBe(st2.store.db.prepare(`SELECT count(*) FROM mentions`).pluck().get());
  });

  it('a move cut off after the copy (no record, nothing deleted) is finished by the next run, never read twice', async () => {
    const dir = tmpDir();
    const { st, topicId } = await seed(dir);
    const before = await answers(st, topicId);
    const count = st.store.mentions.count();
    // The copy of January is written and synced; then the process "dies" before recording it.
    await copyMonth(st.store, '2026-01');
    expect(fs.existsSync(path.join(dir, 'archives', 'mentions-2026-01.db'))).toBe(true);
    expect(await answers(st, topicId)).toEqual(before);
    await st.close();

    // Next start, retention still off: the run records the archive and finishes the delete.
    const st2 = open(dir);
    const storage = (await callApi(st2, 'station.archiveNow', { wait: true }, 'admin')) as StationStorage;
    expect(storage.archives.map((a) => a.month)).toEqual(['2026-01']);
    expect(st2.store.mentions.count()).toBe(count - storage.archives[0]!.mentions);
    expect(await answers(st2, topicId)).toEqual(before);
  });

  it('a month recorded but only partly deleted is searched once, and the next run deletes the rest', async () => {
    const dir = tmpDir();
    const { st, topicId } = await seed(dir);
    const before = await answers(st, topicId);
    const copied = await copyMonth(st.store, '2026-02');
    st.store.archives.record({
      month: '2026-02', fromAt: Date.UTC(2026, 1, 1), toAt: Date.UTC(2026, 2, 1), upto: copied.upto, rows: copied.rows, bytes: copied.bytes, archivedAt: T0,
    });
    // Half of February deleted from the station file, the rest still there too.
    const ids = st.store.db.prepare(`SELECT id FROM mentions WHERE published_at >= ? AND published_at < ? ORDER BY id LIMIT ?`)
      .pluck().all(Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1), Math.floor(copied.rows / 2)) as number[];
    st.store.tx(() => st.store.mentions.deleteIds(ids));
    expect(await answers(st, topicId)).toEqual(before);
    await callApi(st, 'station.archiveNow', { wait: true }, 'admin');
    expect(st.store.db.prepare(`SELECT count(*) FROM mentions WHERE published_at >= ? AND published_at < ?`).pluck()
      .get(Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1))).toBe(0);
    expect(await answers(st, topicId)).toEqual(before);
    expect(st.status().mentionCount).toBe(st.store.db.prepare(`SELECT count(*) FROM mentions`).pluck().get());
  });

  it('a capped search reads the newest ids across the station file and archives holding later-imported old posts', async () => {
    const dir = tmpDir();
    const { st, sourceId } = await seed(dir);
    // Old posts imported late: January mentions with the newest ids, so after the move the
    // January archive holds the highest ids and the station file the ones below them.
    st.ingest(sourceId, Array.from({ length: 30 }, (_, i) => ({
      guid: `late${i}`, title: null, text: `捷運 late import ${i}, outage`, publishedAt: Date.UTC(2026, 0, 10) + i * 60_000,
    })));
    const capped = [
      { q: '捷運', limit: 50 }, { q: 'outage', limit: 50 }, { q: '捷運 OR outage', limit: 50, offset: 10 },
      { q: '捷運', limit: 50, scanAll: true },
    ];
    const ask = async () => {
      const out = [];
      for (const cap of [20, 45, 200]) {
        setSearchScanCap(cap);
        for (const a of capped) {
          const r = (await callApi(st, 'mentions.search', a, 'viewer')) as SearchResult;
          out.push({ cap, total: r.total, capped: r.capped ?? null, ids: r.items.map((m) => m.id) });
        }
      }
      setSearchScanCap();
      return out;
    };
    const before = await ask();
    // The newest 20 are all late imports: the capped answer is made of them alone.
    expect(before[0]!.capped).toEqual({ scanned: 20 });
    expect(before[0]!.ids.length).toBe(20);
    await callApi(st, 'station.setRetention', { keepMonths: 2 }, 'admin');
    await callApi(st, 'station.archiveNow', { wait: true }, 'admin');
    expect(st.store.db.prepare(`SELECT count(*) FROM mentions WHERE guid LIKE 'late%'`).pluck().get()).toBe(0);
    expect(await ask()).toEqual(before);

    // Late posts of an archived month arrive after the move: they stay in the station file,
    // among the archive's own in the list's order. Every page, wherever it starts, is the same
    // slice of the whole list (read in two pages that take every file whole).
    st.ingest(sourceId, Array.from({ length: 30 }, (_, i) => ({
      guid: `march${i}`, title: null, text: `late March post ${i}`, publishedAt: Date.UTC(2026, 2, 5) + i * DAY / 2,
    })));
    const live = st.store.mentions.count();
    const page = async (offset: number, limit: number) =>
      ((await callApi(st, 'mentions.search', { limit, offset }, 'viewer')) as SearchResult).items.map((m) => m.id);
    const whole = [...(await page(0, 500)), ...(await page(500, 500))];
    expect(whole.length).toBe(540 + 30 + 30);
    for (const offset of [0, live - 40, live - 25, live - 10, live, live + 15, 560]) {
      expect(await page(offset, 20)).toEqual(whole.slice(offset, offset + 20));
    }
    // Explore's first page of a search (read in the list's order until full) is the counted search's.
    const q = '捷運 OR outage OR lantern OR 天氣 OR post OR 地铁';
    for (const offset of [0, live - 30, live + 10]) {
      const quick = (await callApi(st, 'mentions.search', { q, limit: 40, offset, count: false }, 'viewer')) as SearchResult;
      const counted = (await callApi(st, 'mentions.search', { q, limit: 40, offset }, 'viewer')) as SearchResult;
      expect(counted.total).toBe(600);
      expect(quick.items.map((m) => m.id)).toEqual(counted.items.map((m) => m.id));
      expect(counted.items.map((m) => m.id)).toEqual(whole.slice(offset, offset + 40));
    }
  });

  it('a re-tag reaches archived months: their links, Explore and the rollups equal a station that kept everything', async () => {
    // Two stations with the same mentions: one moves January to March into archives (and a
    // topic's query changes while that run goes on), the other keeps every mention in its file.
    const [dirA, dirB] = [tmpDir(), tmpDir()];
    const a = await seed(dirA);
    const b = await seed(dirB);
    await callApi(a.st, 'station.setRetention', { keepMonths: 2 }, 'admin');
    await callApi(a.st, 'station.archiveNow', { wait: true }, 'admin');
    await a.st.backups.backupNow();
    const late = Array.from({ length: 12 }, (_, i) => ({
      guid: `late${i}`, title: null, text: `天氣 late post ${i}, lantern outage`, publishedAt: Date.UTC(2026, 1, 3) + i * DAY,
    }));
    for (const x of [a, b]) x.st.ingest(x.sourceId, late);
    const archived = a.st.store.archives.list();
    expect(archived.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    const topicRollups = (st: Station, id: number) => ({
      minutes: st.store.db.prepare(`SELECT * FROM rollup_topic_minute WHERE topic_id = ? ORDER BY minute`).all(id),
      hours: st.store.db.prepare(`SELECT * FROM rollup_topic_hour WHERE topic_id = ? ORDER BY hour`).all(id),
    });
    // What the archives' own links say about the topic (the station file holds none of theirs).
    const archivedLinks = (st: Station, id: number) =>
      st.store.archives.list().reduce((n, m) => n + (st.store.archives.connection(m)
        .prepare(`SELECT count(*) FROM mention_topics WHERE topic_id = ?`).pluck().get(id) as number), 0);
    const linksBefore = archivedLinks(a.st, a.topicId);
    expect(linksBefore).toBeGreaterThan(0);

    const march = (st: Station, id: number) => st.store.db.prepare(`SELECT sum(count) FROM rollup_topic_hour WHERE topic_id = ? AND hour >= ? AND hour < ?`)
      .pluck().get(id, Date.UTC(2026, 2, 1) / 3_600_000, Date.UTC(2026, 3, 1) / 3_600_000) as number;
    const marchBefore = march(a.st, a.topicId);
    const query = '天氣 OR lantern';
    for (const x of [a, b]) await callApi(x.st, 'topics.save', { topic: { id: x.topicId, name: '捷運', query } }, 'admin');
    // The last 100 days first (into the middle of archived March), as the topic form's first steps do.
    const retag = async (days?: number, before?: number) => {
      const params = { ...(days ? { days } : {}), ...(before != null ? { before } : {}) };
      const [ra, rb] = [
        await callApi(a.st, 'topics.retag', { id: a.topicId, ...params }, 'admin'),
        await callApi(b.st, 'topics.retag', { id: b.topicId, ...params }, 'admin'),
      ];
      expect(ra).toEqual(rb);
      expect(await answers(a.st, a.topicId)).toEqual(await answers(b.st, b.topicId));
      return ra as { tagged: number; from: number };
    };
    // The query's preview over 90 days reaches into archived March as well.
    const preview = async (st: Station) => (await callApi(st, 'topics.preview', { query, days: 90 }, 'viewer')) as TopicPreview;
    const [pa, pb] = [await preview(a.st), await preview(b.st)];
    expect(pa.matched).toBeGreaterThan(0);
    expect({ matched: pa.matched, scanned: pa.scanned, ids: pa.examples.map((m) => m.id) })
      .toEqual({ matched: pb.matched, scanned: pb.scanned, ids: pb.examples.map((m) => m.id) });
    const recent = await retag(100);
    // Links before day 100 still follow the old query, in both stations alike.
    expect(topicRollups(a.st, a.topicId)).toEqual(topicRollups(b.st, b.topicId));
    // Then the rest, as the form's last stretch: everything published before the first began.
    const rest = await retag(undefined, recent.from);
    expect(recent.tagged + rest.tagged).toBe(180 * 3 * 2 / 5 + 12);
    expect(topicRollups(a.st, a.topicId)).toEqual(topicRollups(b.st, b.topicId));
    const linksAfter = archivedLinks(a.st, a.topicId);
    expect(linksAfter).not.toBe(linksBefore);
    // The board's history of the archived months follows the new query too.
    expect(march(a.st, a.topicId)).toBe(march(b.st, b.topicId));
    expect(march(a.st, a.topicId)).not.toBe(marchBefore);
    // Both equal a recount from the mentions themselves (the station that kept everything, all of it).
    expect(a.st.store.mentions.rollupDiff()).toEqual([]);
    expect(b.st.store.mentions.rollupDiff()).toEqual([]);

    // The next backup copies the archives the re-tag rewrote: each copy holds the new links.
    await a.st.backups.backupNow();
    const copies = path.join(dirA, 'backups', 'archives');
    let copied = 0;
    for (const m of archived) {
      const f = new Database(path.join(copies, `mentions-${m.month}.db`), { readonly: true });
      copied += f.prepare(`SELECT count(*) FROM mention_topics WHERE topic_id = ?`).pluck().get(a.topicId) as number;
      f.close();
    }
    expect(copied).toBe(linksAfter);

    // Retention moving a month while another re-tag runs: the same again, once both are done.
    await callApi(a.st, 'topics.save', { topic: { id: a.topicId, name: '捷運', query: '捷運 OR 天氣' } }, 'admin');
    await callApi(b.st, 'topics.save', { topic: { id: b.topicId, name: '捷運', query: '捷運 OR 天氣' } }, 'admin');
    await callApi(a.st, 'station.setRetention', { keepMonths: 1 }, 'admin');
    const [ra, rb] = [
      await callApi(a.st, 'topics.retag', { id: a.topicId }, 'admin'),
      await callApi(b.st, 'topics.retag', { id: b.topicId }, 'admin'),
    ];
    expect(ra).toEqual(rb);
    await vi.waitFor(async () => expect(((await callApi(a.st, 'station.storage', {}, 'viewer')) as StationStorage).running).toBe(false));
    expect(a.st.store.archives.list().map((m) => m.month)).toContain('2026-04');
    expect(await answers(a.st, a.topicId)).toEqual(await answers(b.st, b.topicId));
    expect(topicRollups(a.st, a.topicId)).toEqual(topicRollups(b.st, b.topicId));

    // A stop after a slice's archive links were written and before its minutes were recounted
    // (the minutes are noted first): the next open recounts them.
    const minutes = (a.st.store.db.prepare(`SELECT minute FROM rollup_topic_minute WHERE topic_id = ? AND minute < ? LIMIT 5`)
      .pluck().all(a.topicId, Date.UTC(2026, 2, 1) / 60_000) as number[]);
    expect(minutes.length).toBe(5);
    a.st.store.db.prepare(`UPDATE rollup_topic_minute SET count = count + 7 WHERE topic_id = ? AND minute IN (SELECT value FROM json_each(?))`)
      .run(a.topicId, JSON.stringify(minutes));
    a.st.store.settings.set('retag.pending', { topicId: a.topicId, minutes });
    expect(topicRollups(a.st, a.topicId)).not.toEqual(topicRollups(b.st, b.topicId));
    await a.st.close();
    const reopened = open(dirA);
    expect(topicRollups(reopened, a.topicId)).toEqual(topicRollups(b.st, b.topicId));
    expect(reopened.store.settings.get('retag.pending', 'gone')).toBeNull();
  });

  it("a removed topic's id is not given again: a new topic starts with no archived links, counts or chart", async () => {
    const dir = tmpDir();
    const { st, topicId } = await seed(dir);
    await callApi(st, 'station.setRetention', { keepMonths: 2 }, 'admin');
    await callApi(st, 'station.archiveNow', { wait: true }, 'admin');
    const archivedLinks = () => st.store.archives.list().reduce((n, m) => n + (st.store.archives.connection(m)
      .prepare(`SELECT count(*) FROM mention_topics WHERE topic_id = ?`).pluck().get(topicId) as number), 0);
    expect(archivedLinks()).toBeGreaterThan(0);
    // The newest topic removed (SQLite would give its id to the next row), then another added.
    await callApi(st, 'topics.remove', { id: topicId }, 'admin');
    const added = (await callApi(st, 'topics.save', { topic: { name: 'bananas', query: 'banana' } }, 'admin')) as { id: number };
    expect(added.id).not.toBe(topicId);
    const found = (await callApi(st, 'mentions.search', { topicId: added.id, limit: 10 }, 'viewer')) as SearchResult;
    expect(found.total).toBe(0);
    const volume = (await callApi(st, 'series.volume', { from: T0 - 200 * DAY, to: T0, bucketMin: 1440 }, 'viewer')) as { series: { topicId: number; counts: number[] }[] };
    expect(volume.series.find((x) => x.topicId === added.id)!.counts.reduce((a, b) => a + b, 0)).toBe(0);
    // The removed topic's rollups went with it; the id stays taken after a restart too.
    expect(st.store.db.prepare(`SELECT count(*) FROM rollup_topic_minute WHERE topic_id = ?`).pluck().get(topicId)).toBe(0);
    await callApi(st, 'topics.remove', { id: added.id }, 'admin');
    await st.close();
    const again = open(dir);
    const next = (await callApi(again, 'topics.save', { topic: { name: 'cherries', query: 'cherry' } }, 'admin')) as { id: number };
    expect(next.id).toBeGreaterThan(added.id);
  });
});

it('a background writer waits while a long read holds the write-ahead log, and goes on once it is copied back', async () => {
  // As after a start at 10 M mentions: the whole-file check reads for ~40 s on its own
  // connection, and a retention move's deletes would otherwise pile the log up behind it.
  const dir = tmpDir();
  const store = Store.open(dir);
  cleanups.push(() => store.close());
  const reader = new Database(store.file, { readonly: true });
  cleanups.push(() => void reader.close());
  reader.prepare('BEGIN').run();
  reader.prepare('SELECT count(*) FROM mentions').get();

  store.db.exec('CREATE TABLE filler (b BLOB)');
  const put = store.db.prepare('INSERT INTO filler (b) VALUES (randomblob(?))');
  for (let i = 0; i < 70; i++) store.tx(() => put.run(1024 * 1024));
  const wal = () => fs.statSync(`${store.file}-wal`).size;
  expect(wal()).toBeGreaterThan(64 * 2 ** 20);

  let done = false;
  const waiting = store.logRoom().then(() => (done = true));
  await new Promise((r) => setTimeout(r, 700));
  expect(done).toBe(false);

  reader.prepare('COMMIT').run();
  await waiting;
  // Copied back whole: the next commit starts the log over and cuts it back.
  store.tx(() => put.run(1024));
  expect(wal()).toBeLessThanOrEqual(16 * 2 ** 20);
});
