// Scale bench: a station holding --mentions rows (10M by default), built once into a directory
// outside the repo and reused, then: board refresh, Explore's first page for a two-character
// Chinese word and an English word, cold start to the board's first data (a fresh process), and
// bytes per mention. Each figure is printed beside its limit.
import { hash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Station } from '../../electron/engine/station';
import type { NewMention } from '../../electron/engine/store';
import { callApi } from '../helpers/api';

const ZH = ['斷訊', '客服', '極光電信', '退費', '颱風', '停電', '漲價', '網路', '基地台', '訊號', '帳單', '門市', '手機', '抱怨', '道歉', '補償', '速度', '故障', '維修', '方案'];
const EN = ['outage', 'refund', 'service', 'signal', 'billing', 'support', 'network', 'price', 'store', 'phone', 'apology', 'speed', 'repair', 'plan', 'typhoon', 'power'];
const FILLER_ZH = ['今天', '我們', '真的', '還是', '一直', '已經', '非常', '覺得', '大家', '沒有', '這次', '問題', '希望', '可以', '什麼', '怎麼'];
const FILLER_EN = ['the', 'is', 'again', 'really', 'today', 'still', 'why', 'so', 'not', 'my', 'very', 'this', 'and', 'what'];

/** A short varied text: a few filler words and one or two vocabulary words, per language. */
function text(i: number): { text: string; lang: 'en' | 'zh-Hant' } {
  let x = (i * 2654435761) >>> 0;
  const next = (n: number) => ((x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0), x % n);
  if (i % 3 === 0) {
    const w = [FILLER_EN[next(FILLER_EN.length)], EN[next(EN.length)], FILLER_EN[next(FILLER_EN.length)], FILLER_EN[next(FILLER_EN.length)]];
    if (next(4) === 0) w.push(EN[next(EN.length)]!);
    return { text: `${w.join(' ')} #${i}`, lang: 'en' };
  }
  const w = [FILLER_ZH[next(FILLER_ZH.length)], ZH[next(ZH.length)], FILLER_ZH[next(FILLER_ZH.length)], FILLER_ZH[next(FILLER_ZH.length)]];
  if (next(4) === 0) w.push(ZH[next(ZH.length)]!);
  return { text: `${w.join('')}，${i}`, lang: 'zh-Hant' };
}

/** Runs `fn`, timing it and the longest gap between 1 ms ticks meanwhile (how long every wall's events would wait). */
export async function timeHeld<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; longestHoldMs: number }> {
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(tick);
  return { value, ms: r2(ms), longestHoldMs: r2(Math.max(longest, performance.now() - last)) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const r2 = (x: number) => Math.round(x * 100) / 100;

async function setup(st: Station): Promise<number> {
  const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../resources/demo/station.json'), 'utf8')) as {
    topics: { name: string; query: string; color: string }[];
  };
  for (const t of spec.topics) await callApi(st, 'topics.save', { topic: t }, 'admin');
  for (const t of st.store.topics.list()) {
    await callApi(st, 'rules.save', { rule: { topicId: t.id, windowMin: 10, volumeYellow: 40, volumeRed: 120, negShareYellow: 0.45, negShareRed: 0.6 } }, 'admin');
  }
  const source = (await callApi(st, 'sources.add', { name: 'bench', kind: 'feed', config: { url: 'https://bench.invalid/' }, enabled: false }, 'admin')) as { id: number };
  return source.id;
}

/**
 * Fill `dir` with `n` mentions over a year ending now (the bench's fast path: rows already
 * analyzed, straight into Store.ingest, 5,000 per transaction). Reuses a station already there.
 */
export async function buildScaleStation(dir: string, n: number, log = (s: string) => process.stderr.write(s)): Promise<{ fillPerSec: number | null }> {
  const st = Station.open({ dataDir: dir });
  try {
    const have = st.store.mentions.count();
    if (have >= n) return { fillPerSec: null };
    const sourceId = st.store.sources.list().find((s) => s.name === 'bench')?.id ?? (await setup(st));
    const topics = st.store.topics.list();
    const end = Date.UTC(2026, 11, 1);
    const span = 365 * 86_400_000;
    const t0 = performance.now();
    const rows: NewMention[] = [];
    for (let i = have; i < n; i++) {
      const label = ((i * 7919) % 3) - 1;
      const { text: t, lang } = text(i);
      rows.push({
        sourceId,
        guid: `b${i}`,
        // A key as the pipeline makes one (a SHA-1, stored as its first 8 bytes): at random, like real texts'.
        contentHash: hash('sha1', `h${i}`, 'hex'),
        url: null,
        title: null,
        text: t,
        html: null,
        author: `user${i % 5000}`,
        lang,
        publishedAt: end - span + Math.floor((i / n) * span),
        fetchedAt: end,
        sentiment: label * 0.6,
        label: label as -1 | 0 | 1,
        emotions: {},
        reach: i % 1000,
        tags: [],
        topicIds: [topics[i % topics.length]!.id],
      });
      if (rows.length === 5000) {
        st.store.ingest(rows.splice(0));
        if (i % 500_000 < 5000) log(`scale: ${i + 1} mentions, ${Math.round(((i + 1 - have) / (performance.now() - t0)) * 1000)}/s\n`);
      }
    }
    if (rows.length) st.store.ingest(rows.splice(0));
    return { fillPerSec: Math.round(((n - have) / (performance.now() - t0)) * 1000) };
  } finally {
    await st.close();
  }
}

const EXPLORE = { zh: '斷訊', en: 'outage' };

/** The board a wall asks for on refresh, as it asks for it, at the station's newest minute. */
async function board(st: Station, to: number): Promise<void> {
  await Promise.all([
    callApi(st, 'series.volume', { from: to - 360 * 60_000, to, bucketMin: 5 }, 'viewer'),
    callApi(st, 'series.heat', { from: to - 360 * 60_000, to, bucketMin: 15 }, 'viewer'),
    callApi(st, 'mentions.recent', { limit: 50 }, 'viewer'),
    callApi(st, 'lights.list', {}, 'viewer'),
  ]);
  st.lights.evaluate();
}

/**
 * Run in a fresh process: open the station and fetch the board's data once. Also how long the
 * open's `quick_check` (store/backup.ts, a whole-file read on every start) takes alone.
 */
export async function coldStart(dir: string): Promise<{ boardMs: number; quickCheckMs: number }> {
  const t0 = performance.now();
  const st = Station.open({ dataDir: dir });
  await board(st, Date.now());
  const boardMs = performance.now() - t0;
  await st.close();
  const t1 = performance.now();
  const db = new Database(path.join(dir, 'station.db'), { readonly: true });
  db.pragma('quick_check');
  db.close();
  return { boardMs, quickCheckMs: performance.now() - t1 };
}

export async function benchScale(opts: { dir: string; mentions: number; coldRuns?: number }): Promise<Record<string, unknown>> {
  const { fillPerSec } = await buildScaleStation(opts.dir, opts.mentions);
  // Cold start in a fresh process (the OS page cache may be warm; a first boot after a reboot
  // is slower): the whole process, and inside it from opening the file to the board's data.
  const coldRuns: number[] = [];
  const coldOpen: number[] = [];
  const quickCheck: number[] = [];
  for (let i = 0; i < (opts.coldRuns ?? 1); i++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [path.resolve(import.meta.dirname, 'scale-cold.mjs'), 'cold', opts.dir], { encoding: 'utf8' });
    coldRuns.push(performance.now() - t0);
    const r = JSON.parse(out.trim().split('\n').pop()!) as { boardMs: number; quickCheckMs: number };
    coldOpen.push(r.boardMs);
    quickCheck.push(r.quickCheckMs);
  }
  const st = Station.open({ dataDir: opts.dir });
  try {
    const count = st.store.mentions.count();
    const newest = st.store.mentions.newestAt() ?? Date.now();
    await board(st, newest);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await board(st, newest);
      times.push(performance.now() - t);
    }
    const voice: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await callApi(st, 'insights.shareOfVoice', { windowMin: 360, to: newest }, 'viewer');
      voice.push(performance.now() - t);
    }
    // One topic's stream (a wall's per-topic list) and its top authors over 6 hours.
    const topicId = st.store.topics.list()[0]!.id;
    const topicStream: number[] = [];
    const authors: number[] = [];
    for (let i = 0; i < 10; i++) {
      let t = performance.now();
      await callApi(st, 'mentions.recent', { topicId, limit: 50 }, 'viewer');
      topicStream.push(performance.now() - t);
      t = performance.now();
      await callApi(st, 'insights.authors', { topicId, windowMin: 360, to: newest }, 'viewer');
      authors.push(performance.now() - t);
    }
    const explore = async (q: string) => {
      // Explore's first page as the app asks for it: `count: false`, read newest first until
      // the page is full (the first call cold, then four more).
      const first: number[] = [];
      type Page = { total: number; counting?: true; items: { id: number }[] };
      let quick: Page | null = null;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        quick = (await callApi(st, 'mentions.search', { q, limit: 50, offset: 0, count: false }, 'viewer')) as Page;
        first.push(performance.now() - t);
      }
      // Then the count that follows it (the matcher over the newest SEARCH_SCAN_CAP mentions).
      const t = performance.now();
      const c = process.cpuUsage();
      const r = (await callApi(st, 'mentions.search', { q, limit: 50, offset: 0 }, 'viewer')) as { total: number; items: { id: number }[] };
      const cpu = process.cpuUsage(c);
      return {
        appFirstPageMs: first.map(r2),
        appFirstPageMedianMs: r2(median(first)),
        appFirstPageSameAsCounted: JSON.stringify(quick!.items.map((m) => m.id)) === JSON.stringify(r.items.map((m) => m.id)),
        appCountMs: r2(performance.now() - t),
        appCountCpuMs: r2((cpu.user + cpu.system) / 1000),
        appSearchTotal: r.total,
        limitMs: 100,
      };
    };
    const zh = await explore(EXPLORE.zh);
    const en = await explore(EXPLORE.en);
    // Explore by filters alone (a source, a topic with a label): the page first, then its count.
    const sourceId = st.store.sources.list().find((s) => s.name === 'bench')!.id;
    const byFilter = async (filter: Record<string, unknown>) => {
      const page: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await callApi(st, 'mentions.search', { ...filter, limit: 50, count: false } as never, 'viewer');
        page.push(performance.now() - t);
      }
      const t = performance.now();
      const r = (await callApi(st, 'mentions.search', { ...filter, limit: 50 } as never, 'viewer')) as { total: number };
      return { pageMedianMs: r2(median(page)), pageMaxMs: r2(Math.max(...page)), countMs: r2(performance.now() - t), total: r.total, limitMs: 100 };
    };
    const filters = { source: await byFilter({ sourceId }), topicNegative: await byFilter({ topicId, label: 'negative' }) };
    // Long reads an analyst or a wall may ask for: how long each takes, and the longest it held
    // the station's thread (every wall's events wait that long), beside the walls' budget.
    const day = 86_400_000;
    // A chart's range starts on a bucket's edge, as the wall's panels ask (renderer lib/time.ts seriesRange).
    const range = (days: number, bucketMin: number) => {
      const ms = bucketMin * 60_000;
      return { from: Math.floor((newest - days * day) / ms) * ms, to: newest + 60_000, bucketMin };
    };
    const long: [string, string, Record<string, unknown>][] = [
      ['volume, a year by the day', 'series.volume', range(365, 1440)],
      ['volume, 30 days by the hour', 'series.volume', range(30, 60)],
      ['heat, a year by the day', 'series.heat', range(365, 1440)],
      ['station status', 'station.status', {}],
      [`search ${EXPLORE.zh}, last 30 days, counted`, 'mentions.search', { q: EXPLORE.zh, from: newest - 30 * day, limit: 50, count: true }],
      ['source, 90 days, negative, counted', 'mentions.search', { sourceId, label: 'negative', from: newest - 90 * day, limit: 50, count: true }],
      ['topic, half a year, counted', 'mentions.search', { topicId, from: newest - 182 * day, limit: 50, count: true }],
      ['top authors, 30 days', 'insights.authors', { windowMin: 43_200, to: newest }],
      ['trending terms, a day', 'insights.terms', { windowMin: 1440, to: newest }],
    ];
    const held = async (method: string, params: Record<string, unknown>) => {
      const { ms, longestHoldMs } = await timeHeld(() => callApi(st, method as never, params as never, 'admin'));
      return { ms, longestHoldMs };
    };
    // Each twice: the first reads its pages from the file, the second (a wall's next refresh)
    // from SQLite's cache; a search's second call is its cached ids.
    const longReads: Record<string, { ms: number; longestHoldMs: number; againMs: number; againHoldMs: number }> = {};
    for (const [name, method, params] of long) {
      const first = await held(method, params);
      const again = await held(method, params);
      longReads[name] = { ...first, againMs: again.ms, againHoldMs: again.longestHoldMs };
    }
    const file = path.join(opts.dir, 'station.db');
    const bytes = fs.readdirSync(opts.dir).filter((f) => f.startsWith('station.db')).reduce((a, f) => a + fs.statSync(path.join(opts.dir, f)).size, 0);
    return {
      mentions: count,
      fillPerSec,
      boardRefreshMedianMs: r2(median(times)),
      boardRefreshMaxMs: r2(Math.max(...times)),
      boardRefreshLimitMs: 25,
      shareOfVoice6hMedianMs: r2(median(voice)),
      topicStream50MedianMs: r2(median(topicStream)),
      topicAuthors6hMedianMs: r2(median(authors)),
      exploreFirstPage: { [`zh ${EXPLORE.zh}`]: zh, [`en ${EXPLORE.en}`]: en },
      exploreByFilters: filters,
      longReads: { ...longReads, holdLimitMs: 300, note: 'longest hold = the longest gap between 1 ms ticks while the call ran; 300 ms is the walls\' event-latency budget (p95), 20 ms the turn a long scan takes' },
      coldStartMs: {
        wholeProcess: coldRuns.map(r2),
        openToBoardData: coldOpen.map(r2),
        ofWhichQuickCheckAlone: quickCheck.map(r2),
        limitMs: 2000,
      },
      bytesPerMention: Math.round(bytes / count),
      fileBytes: bytes,
      dbFile: file,
      note: 'board refresh = volume (6 h, 5-min buckets) + heat + newest 50 + lights list + a full light evaluation; cold start = a fresh node process opening the station (quick_check included) and answering the board, page cache as the machine left it; quick_check timed again alone after',
    };
  } finally {
    await st.close();
  }
}
