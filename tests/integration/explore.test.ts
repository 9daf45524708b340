// The analyst's room against a real station file: search, detail with HTML, corrections that
// keep the rollups equal to a recount and survive a restart, tags, exports, the learned
// model, and annotations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MentionExport, SearchResult, StationEvent } from '../../shared/api';
import { compileTopics } from '../../electron/engine/analysis/query';
import type { Annotation, LearnedModelInfo, Mention, MentionDetail } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { invalidateSearches, setCountSlice, setFirstPageScan, setScanTurn, setSearchScanCap } from '../../electron/engine/api/mention-query';
import { warmPrefilter } from '../../electron/engine/analysis/prefilter';
import { callApi, wallServedDuring } from '../helpers/api';

// Searches skip rows that cannot match once the prefilter's table is built (in the background
// on a station): built first here, so the scans these tests watch are the ones a station runs.
beforeAll(() => warmPrefilter());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  setSearchScanCap();
  setFirstPageScan();
  setScanTurn();
  setCountSlice();
  vi.restoreAllMocks();
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-explore-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

async function openStation(dataDir: string) {
  const clock = new ManualClock(T0);
  const st = Station.open({ dataDir, clock });
  cleanups.push(() => st.close());
  return { st, clock };
}

async function seeded(dataDir: string) {
  const { st, clock } = await openStation(dataDir);
  await callApi(st, 'topics.save', { topic: { name: '捷運', query: '捷運 OR MRT' } }, 'admin');
  const sourceId = st.store.sources.add(
    { name: 'fixture', kind: 'feed', config: { url: 'http://127.0.0.1:9/feed.xml', allowPrivate: true }, enabled: false, intervalSec: 300 },
    T0,
  );
  st.topics.reload();
  const items = [
    { guid: 'a', title: '捷運延誤', text: '今天捷運又延誤了，大家小心', html: '<p>今天<b>捷運</b>又延誤了<script>alert(1)</script></p>', url: 'https://example.com/a' },
    { guid: 'b', title: 'MRT praised', text: 'The MRT was spotless and on time today, great service', url: 'https://example.com/b' },
    { guid: 'c', title: '天氣', text: '今天天氣晴朗，適合出門走走', url: null },
  ].map((it, i) => ({ ...it, publishedAt: T0 - (i + 1) * 60_000 }));
  st.ingest(sourceId, items);
  return { st, clock, sourceId };
}

describe('explore', () => {
  it('finds a two-character Chinese word and a longer phrase, with filters', async () => {
    const { st } = await seeded(tmpDir());
    const two = (await callApi(st, 'mentions.search', { q: '捷運' }, 'viewer')) as SearchResult;
    expect(two.items.map((m) => m.guid)).toEqual(['a']);
    const phrase = (await callApi(st, 'mentions.search', { q: '天氣晴朗' }, 'viewer')) as SearchResult;
    expect(phrase.items.map((m) => m.guid)).toEqual(['c']);
    const english = (await callApi(st, 'mentions.search', { q: 'spotless', lang: 'en' }, 'viewer')) as SearchResult;
    expect(english.total).toBe(1);
  });

  it('shows a mention with its stored HTML, scripts already gone', async () => {
    const { st } = await seeded(tmpDir());
    const [a] = ((await callApi(st, 'mentions.search', { q: '延誤' }, 'viewer')) as SearchResult).items;
    const detail = (await callApi(st, 'mentions.get', { id: a!.id }, 'viewer')) as MentionDetail;
    expect(detail.html).toContain('<b>捷運</b>');
    expect(detail.html).not.toContain('<script');
    await expect(callApi(st, 'mentions.get', { id: 999 }, 'viewer')).rejects.toThrow(/does not exist/);
  });

  it('a correction moves the label and the rollup counts together, and survives a restart', async () => {
    const dir = tmpDir();
    const { st } = await seeded(dir);
    const [a] = ((await callApi(st, 'mentions.search', { q: '延誤' }, 'viewer')) as SearchResult).items;
    expect(st.store.mentions.rollupDiff()).toEqual([]);
    const fixed = (await callApi(st, 'mentions.correct', { id: a!.id, label: 'positive' }, 'admin')) as Mention;
    expect(fixed.label).toBe('positive');
    expect(fixed.labelCorrected).toBe(true);
    expect(st.store.mentions.rollupDiff()).toEqual([]);
    const neg = st.store.db.prepare(`SELECT sum(neg) AS n, sum(pos) AS p FROM rollup_topic_minute`).get() as { n: number; p: number };
    expect(neg.n).toBe(0);
    // Correcting twice, and to the same label, keeps the books straight.
    await callApi(st, 'mentions.correct', { id: a!.id, label: 'negative' }, 'admin');
    await callApi(st, 'mentions.correct', { id: a!.id, label: 'negative' }, 'admin');
    expect(st.store.mentions.rollupDiff()).toEqual([]);
    await expect(callApi(st, 'mentions.correct', { id: a!.id, label: 'positive' }, 'viewer')).rejects.toThrow(/admin/);
    await st.close();

    const again = await openStation(dir);
    const after = (await callApi(again.st, 'mentions.get', { id: a!.id }, 'viewer')) as MentionDetail;
    expect(after.label).toBe('negative');
    expect(after.labelCorrected).toBe(true);
  });

  it("undoing a first correction puts the analyzer's label back, not a hand label to train on", async () => {
    const { st } = await seeded(tmpDir());
    const [a] = ((await callApi(st, 'mentions.search', { q: '延誤' }, 'viewer')) as SearchResult).items;
    expect(a!.labelCorrected).toBe(false);
    await callApi(st, 'mentions.correct', { id: a!.id, label: 'positive' }, 'admin');
    expect(st.store.corrections.samples().map((x) => x.label)).toEqual(['positive']);
    // Explore's undo sends the label and the corrected state the mention had before.
    const undone = (await callApi(st, 'mentions.correct', { id: a!.id, label: a!.label, corrected: false }, 'admin')) as Mention;
    expect(undone.label).toBe(a!.label);
    expect(undone.labelCorrected).toBe(false);
    expect(st.store.corrections.samples()).toEqual([]);
    expect(st.store.mentions.rollupDiff()).toEqual([]);
  });

  it('tags a mention and filters nothing away', async () => {
    const { st } = await seeded(tmpDir());
    const [a] = ((await callApi(st, 'mentions.search', { q: '延誤' }, 'viewer')) as SearchResult).items;
    let m = (await callApi(st, 'mentions.tag', { id: a!.id, add: ['證據', 'follow-up'] }, 'admin')) as Mention;
    expect(m.tags).toEqual(['證據', 'follow-up']);
    m = (await callApi(st, 'mentions.tag', { id: a!.id, remove: ['follow-up'] }, 'admin')) as Mention;
    expect(m.tags).toEqual(['證據']);
  });

  it('exports search results as CSV with a BOM and as an XLSX zip', async () => {
    const { st } = await seeded(tmpDir());
    const csv = (await callApi(st, 'mentions.export', { format: 'csv' }, 'viewer')) as MentionExport;
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.rows).toBe(3);
    expect(text).toContain('捷運延誤');
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFid,published_at,source/);
    // Asked from a 简体 screen, the header row is in 简体.
    const zh = (await callApi(st, 'mentions.export', { format: 'csv', lang: 'zh-Hans' }, 'viewer')) as MentionExport;
    expect(Buffer.from(zh.base64, 'base64').toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFF编号,发布时间,来源/);

    const xlsx = (await callApi(st, 'mentions.export', { format: 'xlsx', q: '捷運' }, 'viewer')) as MentionExport;
    const bytes = Buffer.from(xlsx.base64, 'base64');
    expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(xlsx.filename).toMatch(/\.xlsx$/);
    // Read the sheet back out of the zip: find its local header and inflate.
    const name = 'xl/worksheets/sheet1.xml';
    const at = bytes.indexOf(Buffer.from(name));
    const size = bytes.readUInt32LE(at - 30 + 18);
    const sheet = zlib.inflateRawSync(bytes.subarray(at + name.length, at + name.length + size)).toString('utf8');
    expect(sheet).toContain('今天捷運又延誤了');
    expect(sheet).not.toContain('天氣晴朗');

    // Written in turns: a wall's call is answered while an export is laid out, the same file after.
    setScanTurn(0);
    const { result: again, wallFirst } = await wallServedDuring(st, callApi(st, 'mentions.export', { format: 'xlsx', q: '捷運' }, 'viewer'));
    expect(wallFirst).toBe(true);
    expect(again.base64).toBe(xlsx.base64);
  });

  it('retrains on corrections and reports cross-validated accuracy', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    const items = Array.from({ length: 24 }, (_, i) => ({
      guid: `t${i}`,
      title: null,
      text: i % 2 ? `這家店的服務真是讚啦 第${i}次` : `排隊排到哭，這家店很母湯 第${i}次`,
      publishedAt: T0 - 3_600_000 + i * 1000,
    }));
    st.ingest(sourceId, items);
    for (const m of ((await callApi(st, 'mentions.search', { q: '這家店', limit: 100 }, 'viewer')) as SearchResult).items) {
      await callApi(st, 'mentions.correct', { id: m.id, label: m.text.includes('讚啦') ? 'positive' : 'negative' }, 'admin');
    }
    const info = (await callApi(st, 'analysis.retrain', {}, 'admin')) as LearnedModelInfo;
    expect(info.n).toBe(24);
    expect(info.cvAccuracy).toBeGreaterThan(0.8);
    expect(await callApi(st, 'analysis.model', {}, 'viewer')).toEqual(info);
    // Later mentions are scored with what was learned.
    st.ingest(sourceId, [{ guid: 'later', text: '很母湯', publishedAt: T0 }]);
    const later = ((await callApi(st, 'mentions.search', { q: '很母湯', limit: 100 }, 'viewer')) as SearchResult).items.find((m) => m.guid === 'later');
    expect(later?.label).toBe('negative');
  });

  it('pins annotations to moments and lists them by range', async () => {
    const { st } = await seeded(tmpDir());
    const a = (await callApi(st, 'annotations.add', { at: T0 - 30 * 60_000, text: '記者會' }, 'admin')) as Annotation;
    await callApi(st, 'annotations.add', { at: T0 - 5 * 3_600_000, text: 'too old' }, 'admin');
    const list = (await callApi(st, 'annotations.list', { from: T0 - 3_600_000, to: T0 }, 'viewer')) as Annotation[];
    expect(list).toEqual([a]);
    await expect(callApi(st, 'annotations.add', { at: T0, text: '  ' }, 'admin')).rejects.toThrow(/text: must not be empty/);
    expect(await callApi(st, 'annotations.remove', { id: a.id }, 'admin')).toEqual({ removed: true });
  });

  /** 50 more, every other one about the MRT (n1, n3, … n49), ingested oldest first (ids grow with ingest), a second apart. */
  function reports(st: Station, sourceId: number): void {
    st.ingest(
      sourceId,
      Array.from({ length: 50 }, (_, i) => ({
        guid: `n${i}`,
        title: null,
        text: i % 2 ? `MRT report number ${i}` : `weather report number ${i}`,
        publishedAt: T0 - 3_600_000 + i * 1000,
      })),
    );
  }

  it('a capped search reads the newest mentions and says how many it searched', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    reports(st, sourceId);
    setSearchScanCap(20);
    const r = (await callApi(st, 'mentions.search', { q: 'MRT report', limit: 100 }, 'viewer')) as SearchResult;
    expect(r.capped).toEqual({ scanned: 20 });
    // The newest 20 (n30..n49) hold 10 matches: n49, n47, …, n31, newest first.
    expect(r.total).toBe(10);
    expect(r.items.map((m) => m.guid)).toEqual(Array.from({ length: 10 }, (_, k) => `n${49 - 2 * k}`));
    // "Search everything" (scanAll) passes the cap: every match counted, listed and exported.
    const everything = (await callApi(st, 'mentions.search', { q: 'MRT report', limit: 100, scanAll: true }, 'viewer')) as SearchResult;
    expect(everything.capped).toBeUndefined();
    expect(everything.total).toBe(25);
    expect(everything.items.at(-1)!.guid).toBe('n1');
    const page = (await callApi(st, 'mentions.search', { q: 'MRT report', limit: 5, offset: 20, scanAll: true }, 'viewer')) as SearchResult;
    expect(page.items.map((m) => m.guid)).toEqual(['n9', 'n7', 'n5', 'n3', 'n1']);
    const file = (await callApi(st, 'mentions.export', { q: 'MRT report', format: 'csv', scanAll: true }, 'viewer')) as MentionExport;
    expect(file.rows).toBe(25);
    expect(((await callApi(st, 'mentions.export', { q: 'MRT report', format: 'csv' }, 'viewer')) as MentionExport).rows).toBe(10);
    // Not capped: no flag, and the total counts every match.
    setSearchScanCap();
    const all = (await callApi(st, 'mentions.search', { q: 'MRT report', limit: 100 }, 'viewer')) as SearchResult;
    expect(all.capped).toBeUndefined();
    expect(all.total).toBe(25);
    // A cap that reads everything exactly is not a cap.
    setSearchScanCap(53);
    const exact = (await callApi(st, 'mentions.search', { q: 'MRT report', limit: 100 }, 'viewer')) as SearchResult;
    expect(exact.capped).toBeUndefined();
    expect(exact.total).toBe(25);
  });

  it('many searches asked at once (the same ones several times) each answer as when asked alone', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    reports(st, sourceId);
    setScanTurn(0);
    const asks = [
      { q: 'MRT report' }, { q: 'weather' }, { q: 'report number 1' }, { q: 'MRT', offset: 5 },
      { q: 'weather report', scanAll: true }, { q: 'MRT report', scanAll: true }, { q: 'nothing at all here' },
    ];
    const alone: SearchResult[] = [];
    for (const a of asks) alone.push((await callApi(st, 'mentions.search', { ...a, limit: 100 }, 'viewer')) as SearchResult);
    expect(alone.map((r) => r.total)).toEqual([25, 25, 1, 26, 25, 25, 0]);
    invalidateSearches(st.store); // the asks below scan again, queued two at a time
    const together = await Promise.all([...asks, ...asks, ...asks].map((a) => callApi(st, 'mentions.search', { ...a, limit: 100 }, 'viewer')));
    expect(together).toEqual([...alone, ...alone, ...alone]);
  });

  it('a capped search of an older stretch reads that stretch, not the newest mentions', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    reports(st, sourceId);
    // Ten million mentions and a week of last spring, in small: the cap is smaller than what
    // was published after the stretch asked for. Before, the scan spent it on n30..n49 and
    // answered "0 · newest 20 searched".
    setSearchScanCap(20);
    const to = T0 - 3_600_000 + 20 * 1000;
    const r = (await callApi(st, 'mentions.search', { q: 'MRT report', to, limit: 100 }, 'viewer')) as SearchResult;
    expect(r.items.map((m) => m.guid)).toEqual(Array.from({ length: 10 }, (_, k) => `n${19 - 2 * k}`));
    expect(r.total).toBe(10);
    // The same with the stretch's start, and its later pages from the same ids.
    const from = T0 - 3_600_000;
    const page2 = (await callApi(st, 'mentions.search', { q: 'MRT report', from, to, limit: 4, offset: 4 }, 'viewer')) as SearchResult;
    expect(page2.items.map((m) => m.guid)).toEqual(['n11', 'n9', 'n7', 'n5']);
    setSearchScanCap();
  });

  it('a capped search for a Chinese word (rows without its characters skipped in SQL) counts the same rows', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    // 50 more, every other one about 捷運 (half of those in its Simplified spelling), oldest first.
    st.ingest(
      sourceId,
      Array.from({ length: 50 }, (_, i) => ({
        guid: `z${i}`,
        title: null,
        text: i % 2 ? `${i % 4 === 1 ? '捷运' : '捷運'}誤點第 ${i} 則` : `天氣預報第 ${i} 則`,
        publishedAt: T0 - 3_600_000 + i * 1000,
      })),
    );
    setSearchScanCap(20);
    const r = (await callApi(st, 'mentions.search', { q: '捷運誤點', limit: 100 }, 'viewer')) as SearchResult;
    expect(r.capped).toEqual({ scanned: 20 });
    expect(r.total).toBe(10);
    expect(r.items.map((m) => m.guid)).toEqual(Array.from({ length: 10 }, (_, k) => `z${49 - 2 * k}`));
    setSearchScanCap(53);
    const exact = (await callApi(st, 'mentions.search', { q: '捷運誤點', limit: 100 }, 'viewer')) as SearchResult;
    expect(exact.capped).toBeUndefined();
    expect(exact.total).toBe(25);
    setSearchScanCap();
  });

  it('gives the first page before counting: the same rows as the counted search, and the count after', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    // 1,200 more, a third about the MRT, stored in an order unlike their publish times (an
    // import of older posts after newer ones), in three sources and both labels.
    const more = Array.from({ length: 1200 }, (_, i) => ({
      guid: `f${i}`,
      title: null,
      text: i % 3 === 0 ? `MRT delay report ${i}, awful` : `weather note ${i}`,
      publishedAt: T0 - 7_200_000 + ((i * 7919) % 1200) * 1000,
    }));
    st.ingest(sourceId, more);
    const ask = async (params: Record<string, unknown>) =>
      (await callApi(st, 'mentions.search', { q: 'MRT delay', limit: 20, ...params } as never, 'viewer')) as SearchResult;
    for (const extra of [{}, { offset: 40 }, { label: 'negative' }, { from: T0 - 3_600_000 }, { sourceId }]) {
      const counted = await ask(extra);
      const quick = await ask({ ...extra, count: false });
      expect(quick.items.map((m) => m.id), JSON.stringify(extra)).toEqual(counted.items.map((m) => m.id));
      expect(quick.total, JSON.stringify(extra)).toBeLessThanOrEqual(counted.total);
      if (quick.counting) expect(quick.total).toBeGreaterThanOrEqual(quick.items.length);
      else expect(quick.total, JSON.stringify(extra)).toBe(counted.total);
    }
    // The whole newest page, not the whole store: 400 matches, 20 wanted — it stops early.
    const quick = await ask({ count: false });
    expect(quick.counting).toBe(true);
    expect(quick.total).toBeLessThan(400);
    expect((await ask({})).total).toBe(400);
    // A query with few matches reads to the end and is exact at once.
    const rare = (await callApi(st, 'mentions.search', { q: '天氣晴朗', count: false }, 'viewer')) as SearchResult;
    expect(rare.counting).toBeUndefined();
    expect(rare.total).toBe(1);
    // Past its budget (a rare word on a huge station) the first page is counted the usual way.
    setFirstPageScan(100);
    const walked = vi.spyOn(st.store.mentions, 'scanInOrder');
    // (A Chinese word is counted through the scan that skips, in SQL, rows without its characters.)
    const counted = vi.spyOn(st.store.mentions, 'scanWhere');
    const slow = await ask({ q: '天氣晴朗', count: false });
    expect(walked).toHaveBeenCalledTimes(1);
    expect(counted).toHaveBeenCalled();
    expect(slow.counting).toBeUndefined();
    expect(slow.total).toBe(1);
    // A bad query is refused the same way.
    await expect(callApi(st, 'mentions.search', { q: 'MRT AND', count: false }, 'viewer')).rejects.toMatchObject({ code: 'bad-query' });
  });

  it('a list by filters alone gives its page before counting, then the same page with the count', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    st.ingest(
      sourceId,
      Array.from({ length: 120 }, (_, i) => ({ guid: `q${i}`, title: null, text: `${i % 2 ? '捷運' : 'weather'} note ${i}`, publishedAt: T0 - 7_200_000 + i * 1000 })),
    );
    const topicId = st.store.topics.list()[0]!.id;
    for (const f of [{ topicId }, { topicId, lang: 'zh-Hant' as const }, {}]) {
      const quick = (await callApi(st, 'mentions.search', { ...f, limit: 20, count: false }, 'viewer')) as SearchResult;
      const counted = (await callApi(st, 'mentions.search', { ...f, limit: 20 }, 'viewer')) as SearchResult;
      expect(quick.counting, JSON.stringify(f)).toBe(true);
      expect(quick.items.map((m) => m.id)).toEqual(counted.items.map((m) => m.id));
      expect(quick.total).toBe(20);
      expect(counted.counting).toBeUndefined();
      expect(counted.total).toBeGreaterThan(20);
    }
    // A page that holds every match is exact at once; so is one past the first that ends the list.
    const few = (await callApi(st, 'mentions.search', { lang: 'en', limit: 500, count: false }, 'viewer')) as SearchResult;
    expect(few.counting).toBeUndefined();
    expect(few.total).toBe(((await callApi(st, 'mentions.search', { lang: 'en', limit: 1 }, 'viewer')) as SearchResult).total);
    const beyond = (await callApi(st, 'mentions.search', { topicId, limit: 20, offset: 10_000, count: false }, 'viewer')) as SearchResult;
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(((await callApi(st, 'mentions.search', { topicId, limit: 1 }, 'viewer')) as SearchResult).total);
  });

  it('a count is taken in slices and turns (ids, time, listed matches): the same totals, and a wall is served meanwhile', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    // 2,100 MRT posts: a topic big enough to be walked, not looked up through its links.
    st.ingest(
      sourceId,
      Array.from({ length: 6300 }, (_, i) => ({ guid: `c${i}`, title: null, text: `${i % 3 ? 'weather' : '捷運'} note ${i}`, publishedAt: T0 - 7_200_000 + i * 1000 })),
    );
    const topicId = st.store.topics.list()[0]!.id;
    const hour = T0 - 3_600_000;
    const filters = [
      {}, { topicId }, { topicId, label: 'negative' as const }, { lang: 'en' as const }, { label: 'neutral' as const }, { sourceId },
      { from: hour }, { from: hour, to: hour + 1_800_000 }, { sourceId, label: 'neutral' as const, from: hour }, { topicId, to: hour }, { lang: 'en' as const, from: hour - 1_800_000, to: hour },
    ];
    const whole = [];
    for (const f of filters) whole.push(((await callApi(st, 'mentions.search', { ...f, limit: 5 }, 'viewer')) as SearchResult).total);
    // Against SQLite's own count of the same filter in one statement.
    expect(whole).toEqual(filters.map((f) => st.store.mentions.total(f)));
    expect(whole[1]).toBe(2102);
    // A text query's matches (ids listed), with and without other filters.
    const queries = [{ q: 'note' }, { q: '捷運', from: hour }, { q: 'weather', label: 'neutral' as const }];
    const listed = [];
    for (const f of queries) {
      const r = (await callApi(st, 'mentions.search', { ...f, limit: 5, count: true }, 'viewer')) as SearchResult;
      listed.push([r.total, r.items.map((m) => m.id)]);
    }
    expect(listed[0]![0]).toBe(6300);
    setCountSlice(97);
    setScanTurn(0);
    for (const [i, f] of filters.entries()) {
      expect(((await callApi(st, 'mentions.search', { ...f, limit: 5 }, 'viewer')) as SearchResult).total, JSON.stringify(f)).toBe(whole[i]);
    }
    for (const [i, f] of queries.entries()) {
      const r = (await callApi(st, 'mentions.search', { ...f, limit: 5, count: true }, 'viewer')) as SearchResult;
      expect([r.total, r.items.map((m) => m.id)], JSON.stringify(f)).toEqual(listed[i]);
    }
    for (const f of [{ topicId }, { label: 'neutral' as const, from: hour }]) {
      const { wallFirst } = await wallServedDuring(st, callApi(st, 'mentions.search', { ...f, limit: 5 }, 'viewer'));
      expect(wallFirst, JSON.stringify(f)).toBe(true);
    }
  });

  it('a search since a time starts at the oldest mention that new, whatever order the posts arrived in', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    const day = 86_400_000;
    // Recent posts first (low ids), then a year-old export imported (higher ids), then recent again.
    const batch = (tag: string, at: number) =>
      Array.from({ length: 40 }, (_, i) => ({ guid: `${tag}${i}`, title: null, text: `MRT ${tag} note ${i}`, publishedAt: at + i * 1000 }));
    st.ingest(sourceId, batch('new', T0 - 2 * day));
    st.ingest(sourceId, batch('old', T0 - 300 * day));
    st.ingest(sourceId, batch('newer', T0 - day));
    setScanTurn(0);
    const since = (await callApi(st, 'mentions.search', { q: 'MRT note', from: T0 - 3 * day, limit: 100, count: true }, 'viewer')) as SearchResult;
    expect(since.total).toBe(80);
    expect(since.items.every((m) => m.publishedAt >= T0 - 3 * day)).toBe(true);
    expect(((await callApi(st, 'mentions.search', { q: 'MRT note', limit: 5, count: true }, 'viewer')) as SearchResult).total).toBe(120);
    // Nothing that new: no match, and no read of the older rows.
    expect(((await callApi(st, 'mentions.search', { q: 'MRT', from: T0 + day, limit: 5, count: true }, 'viewer')) as SearchResult).total).toBe(0);
    // A topic's preview reads oldest first from the same start.
    const preview = (await callApi(st, 'topics.preview', { query: 'MRT note', days: 3 }, 'admin')) as { matched: number };
    expect(preview.matched).toBe(80);
  });

  it('a long search lets the walls through: their calls and new mentions are served while it reads', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    st.ingest(
      sourceId,
      Array.from({ length: 4500 }, (_, i) => ({ guid: `l${i}`, title: null, text: i % 3 ? `weather note ${i}` : `MRT note ${i}`, publishedAt: T0 - 7_200_000 + i * 500 })),
    );
    setScanTurn(0); // a turn per read, as a search over millions of mentions takes at 20 ms
    const order: string[] = [];
    const search = callApi(st, 'mentions.search', { q: 'MRT', limit: 10 }, 'viewer').then((r) => (order.push('search'), r as SearchResult));
    // While it reads: a wall's newest-50 call and a poll's mentions.
    const wall = new Promise<void>((resolve) => setImmediate(() => {
      void callApi(st, 'mentions.recent', { limit: 50 }, 'viewer').then(() => (order.push('wall'), resolve()));
    }));
    const stored = new Promise<void>((resolve) => setImmediate(() => {
      st.ingest(sourceId, [{ guid: 'mid', title: null, text: 'MRT news stored during the search', publishedAt: T0 }]);
      order.push('stored');
      resolve();
    }));
    const [r] = await Promise.all([search, wall, stored]);
    expect(order.indexOf('wall')).toBeLessThan(order.indexOf('search'));
    expect(order.indexOf('stored')).toBeLessThan(order.indexOf('search'));
    // The search answers as of its start: the mention stored meanwhile is in the next one.
    expect(r.total).toBe(1501);
    expect(((await callApi(st, 'mentions.search', { q: 'MRT', limit: 10 }, 'viewer')) as SearchResult).total).toBe(1502);
  });

  it('re-tagging lets ingest through and links a mention stored while it read', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    st.ingest(
      sourceId,
      Array.from({ length: 4500 }, (_, i) => ({ guid: `r${i}`, title: null, text: i % 3 ? `weather note ${i}` : `MRT note ${i}`, publishedAt: T0 - 7_200_000 + i * 500 })),
    );
    const topic = (await callApi(st, 'topics.save', { topic: { name: 'notes', query: 'note' } }, 'admin')) as { id: number };
    // The query changes to the MRT's; the stored mentions are re-tagged in turns (reads of 2,000).
    await callApi(st, 'topics.save', { topic: { id: topic.id, name: 'notes', query: 'MRT note' } }, 'admin');
    setScanTurn(0);
    const retag = callApi(st, 'topics.retag', { id: topic.id }, 'admin') as Promise<{ tagged: number }>;
    await new Promise<void>((resolve) => setImmediate(resolve));
    st.ingest(sourceId, [{ guid: 'mid', title: null, text: 'MRT note stored while re-tagging', publishedAt: T0 }]);
    expect((await retag).tagged).toBe(1501);
    const linked = (await callApi(st, 'mentions.search', { topicId: topic.id, limit: 5 }, 'viewer')) as SearchResult;
    expect(linked.total).toBe(1501);
    expect(linked.items[0]!.guid).toBe('mid');
  });

  it('finds by words a mention published before 1970, as the unfiltered list and the topic filter do', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    st.ingest(sourceId, [
      { guid: 'old1', title: null, text: '1965 年捷運規劃的舊報導', publishedAt: Date.UTC(1965, 4, 1) },
      { guid: 'old2', title: 'MRT plan', text: 'The 1969 MRT study, from the archive', publishedAt: Date.UTC(1969, 11, 31, 23, 59) },
    ]);
    const listed = (await callApi(st, 'mentions.search', { limit: 50 }, 'viewer')) as SearchResult;
    expect(listed.items.map((m) => m.guid)).toEqual(expect.arrayContaining(['old1', 'old2']));
    for (const q of ['捷運', 'MRT']) {
      const found = (await callApi(st, 'mentions.search', { q, limit: 50 }, 'viewer')) as SearchResult;
      expect(found.items.map((m) => m.guid)).toContain(q === 'MRT' ? 'old2' : 'old1');
      const counted = (await callApi(st, 'mentions.search', { q, limit: 1, count: true }, 'viewer')) as SearchResult;
      expect(counted.total).toBe(found.items.length);
    }
    const topic = st.store.topics.list()[0]!;
    const byTopic = (await callApi(st, 'mentions.search', { topicId: topic.id, limit: 50 }, 'viewer')) as SearchResult;
    const byWords = (await callApi(st, 'mentions.search', { q: topic.query, limit: 50 }, 'viewer')) as SearchResult;
    expect(byWords.items.map((m) => m.id)).toEqual(byTopic.items.map((m) => m.id));
  });

  it('re-tags stretch by stretch as the topic form does, each ending where the one before began: the links of all history, before 1970 too, and says how far it is', async () => {
    const { st, sourceId } = await seeded(tmpDir());
    const topic = (await callApi(st, 'topics.save', { topic: { name: 'notes', query: 'note' } }, 'admin')) as { id: number };
    // 4,500 notes (each linked to the topic as it is stored), one every 4 hours back over two years from T0 (a third about the MRT), the first 30 before 1970.
    st.ingest(
      sourceId,
      Array.from({ length: 4500 }, (_, i) => ({
        guid: `s${i}`, title: null, text: i % 3 ? `weather note ${i}` : `MRT note ${i}`,
        publishedAt: i < 30 ? -86_400_000 * (i + 1) : T0 - i * 4 * 3_600_000,
      })),
    );
    await callApi(st, 'topics.save', { topic: { id: topic.id, name: 'notes', query: 'MRT note' } }, 'admin');
    const events: Extract<StationEvent, { type: 'retag' }>[] = [];
    st.events.subscribe((e) => e.type === 'retag' && events.push(e));
    let tagged = 0;
    let before: number | undefined;
    for (const days of [1, 7, 30, 365, undefined]) {
      const r = (await callApi(st, 'topics.retag', { id: topic.id, ...(days ? { days } : {}), ...(before != null ? { before } : {}) }, 'admin')) as { tagged: number; from: number };
      if (days) expect(r.from).toBe(T0 - days * 86_400_000);
      tagged += r.tagged;
      before = r.from;
    }
    const wanted = compileTopics([{ id: 1, name: 'q', query: 'MRT note' }]);
    const rows = st.store.db.prepare(`SELECT id, text, lang, published_at AS at FROM mentions ORDER BY id`).all() as { id: number; text: string; lang: string; at: number }[];
    const expected = rows.filter((m) => wanted.match({ text: m.text, title: null, author: null, lang: m.lang, tags: [] }).length > 0);
    expect(expected.filter((m) => m.at < 0)).toHaveLength(10);
    const linked = (st.store.db.prepare(`SELECT mention_id FROM mention_topics WHERE topic_id = ? ORDER BY 1`).pluck().all(topic.id) as number[]);
    expect(linked).toEqual(expected.map((m) => m.id));
    expect(tagged).toBe(expected.length);
    // The rollups equal a recount, the minutes before 1970 included.
    expect(st.store.rollups.diff(-1e8)).toEqual([]);
    // Each stretch tells the form how far it is.
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.topicId).toBe(topic.id);
      expect(['reading', 'comparing', 'writing', 'done']).toContain(e.phase);
      expect(e.fraction).toBeGreaterThanOrEqual(0);
      expect(e.fraction).toBeLessThanOrEqual(1);
    }
    // (a stretch of more than one page of mentions says so from its first page on)
    expect(events.some((e) => e.phase === 'reading' && e.scanned >= 2000)).toBe(true);
    // Each stretch ends with `done` (the walls redraw the topic's history then), with its changes.
    const done = events.filter((e) => e.phase === 'done');
    expect(done).toHaveLength(5);
    // (the 3,000 weather notes lose their links; the MRT ones keep theirs)
    expect(done.reduce((n, e) => n + e.changes, 0)).toBe(3000);
  });

  it('a re-tag asked for an empty or odd stretch changes nothing and says so', async () => {
    const { st } = await seeded(tmpDir());
    const topic = st.store.topics.list()[0]!;
    const links = () => st.store.db.prepare(`SELECT mention_id FROM mention_topics WHERE topic_id = ? ORDER BY 1`).pluck().all(topic.id);
    const before = links();
    expect(before.length).toBeGreaterThan(0);
    // Ending before it begins, before all time, past all time: nothing, nothing, everything.
    for (const [params, tagged] of [
      [{ days: 1, before: T0 - 2 * 86_400_000 }, 0],
      [{ before: -8_000_000_000_000_000 }, 0],
      [{ before: Number.MAX_SAFE_INTEGER }, before.length],
    ] as const) {
      const r = (await callApi(st, 'topics.retag', { id: topic.id, ...params }, 'admin')) as { tagged: number };
      expect(r.tagged).toBe(tagged);
      expect(links()).toEqual(before);
    }
    await expect(callApi(st, 'topics.retag', { id: topic.id, before: 1.5 }, 'admin')).rejects.toThrow(/before/);
  });

  it("a search's later pages and its export reuse the scan; a new mention or a tag starts afresh", async () => {
    const { st, sourceId } = await seeded(tmpDir());
    st.ingest(
      sourceId,
      Array.from({ length: 30 }, (_, i) => ({ guid: `p${i}`, title: null, text: `MRT page ${i}`, publishedAt: T0 - 3_600_000 + i * 1000 })),
    );
    const scans = vi.spyOn(st.store.mentions, 'scanNewestForMatching');
    const page1 = (await callApi(st, 'mentions.search', { q: 'MRT', limit: 10 }, 'viewer')) as SearchResult;
    const used = scans.mock.calls.length;
    expect(used).toBeGreaterThan(0);
    const page2 = (await callApi(st, 'mentions.search', { q: 'MRT', limit: 10, offset: 10 }, 'viewer')) as SearchResult;
    const file = (await callApi(st, 'mentions.export', { format: 'csv', q: 'MRT' }, 'viewer')) as MentionExport;
    expect(scans.mock.calls.length).toBe(used);
    expect(page1.total).toBe(31);
    expect(page2.total).toBe(31);
    expect(new Set([...page1.items, ...page2.items].map((m) => m.id)).size).toBe(20);
    expect(file.rows).toBe(31);
    // A mention stored since is found by the next search.
    st.ingest(sourceId, [{ guid: 'late', title: null, text: 'MRT late news', publishedAt: T0 }]);
    const again = (await callApi(st, 'mentions.search', { q: 'MRT', limit: 10 }, 'viewer')) as SearchResult;
    expect(again.total).toBe(32);
    expect(again.items[0]!.guid).toBe('late');
  });

  it('finds a mention by a tag the moment it is tagged', async () => {
    const { st } = await seeded(tmpDir());
    const before = (await callApi(st, 'mentions.search', { q: '#證據' }, 'viewer')) as SearchResult;
    expect(before.total).toBe(0);
    const [c] = ((await callApi(st, 'mentions.search', { q: '天氣' }, 'viewer')) as SearchResult).items;
    await callApi(st, 'mentions.tag', { id: c!.id, add: ['證據'] }, 'admin');
    const after = (await callApi(st, 'mentions.search', { q: '#證據' }, 'viewer')) as SearchResult;
    expect(after.items.map((m) => m.guid)).toEqual(['c']);
    await callApi(st, 'mentions.tag', { id: c!.id, remove: ['證據'] }, 'admin');
    expect(((await callApi(st, 'mentions.search', { q: '#證據' }, 'viewer')) as SearchResult).total).toBe(0);
  });
});
