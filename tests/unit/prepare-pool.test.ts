// The analysis thread of bulk ingest (core/prepare-pool.ts): a real worker thread running the
// TypeScript sources. Its rows are exactly the station thread's (topics, a learned model,
// HTML, clipping, dropped items), a topic saved between batches applies to the next batch,
// batches come back in order, and a worker that cannot run leaves the analysis to this thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Topic } from '../../shared/types';
import { trainFromCorrections } from '../../electron/engine/analysis/learn';
import { createAnalyzer } from '../../electron/engine/analysis/sentiment';
import { analysisThreads, PreparePool, type PrepareJob } from '../../electron/engine/core/prepare-pool';
import { Pipeline } from '../../electron/engine/pipeline';
import { loadCorpus } from '../../electron/engine/sources/kinds/replay';
import type { IncomingItem } from '../../electron/engine/sources/types';

const NOW = Date.UTC(2026, 11, 1, 8);
const topic = (id: number, name: string, query: string): Topic => ({ id, name, query, color: '#f00', createdAt: 0 });
const TOPICS = [topic(1, '極光', '極光電信 OR aurora'), topic(2, '停電', '停電 OR 斷電 OR outage')];

function items(): IncomingItem[] {
  const demo = loadCorpus('demo').items.slice(0, 300).map((c, i) => ({
    guid: `d${i}`,
    title: c.title ?? null,
    text: c.text,
    author: c.author ?? null,
    publishedAt: NOW - i * 60_000,
    reach: c.reach ?? 0,
  }));
  return [
    ...demo,
    { guid: 'html', title: '<b>極光電信</b> 停電', html: '<p>台北又<i>斷電</i>了，客服打不通 &amp; 很火大</p>' },
    { guid: 'long', title: null, text: '好'.repeat(25_000) },
    { guid: 'empty', title: '  ', text: '' }, // dropped: no text, no title
    { guid: 'future', title: null, text: 'Aurora outage again, awful support', publishedAt: NOW + 86_400_000 },
    // Fields analysis changes or keeps: padded title, a lone surrogate, a non-web link, tags, a repaired tag.
    { guid: 'g\uD800x', title: '  極光電信  ', text: '停電 \uDC00 again', author: ' someone\uD800 ', url: 'javascript:alert(1)', tags: ['停電', 'x\uDC00'], reach: 3.6 },
    { guid: 'web', title: null, text: '極光電信 客服', url: 'https://example.com/a', tags: ['ok'], html: '<p>極光電信 客服</p>' },
  ];
}

const pools: PreparePool[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function pool(topics: Topic[], learned: ReturnType<typeof trainFromCorrections>['model'] | null, entry?: string | null, log: string[] = [], threads = 1) {
  const local = new Pipeline(topics, createAnalyzer({ learned }));
  const p = new PreparePool(
    { topics, learned },
    (job) => {
      const stats = { clipped: 0 };
      return { rows: local.prepare(job.sourceId, job.sourceName, job.items, job.now, stats), clipped: stats.clipped };
    },
    (line) => log.push(line),
    entry,
    threads,
  );
  pools.push(p);
  return { p, local };
}

describe('the analysis thread of bulk ingest', () => {
  it('gives exactly the rows the station thread gives, with a learned model, in order', async () => {
    const { model } = trainFromCorrections([
      ...Array.from({ length: 30 }, (_, i) => ({ text: `客服打不通 太爛了 ${i}`, label: 'negative' as const })),
      ...Array.from({ length: 30 }, (_, i) => ({ text: `訊號超好 很滿意 ${i}`, label: 'positive' as const })),
    ]);
    const { p, local } = pool(TOPICS, model);
    expect(p.threaded).toBe(true);
    const all = items();
    const jobs: PrepareJob[] = [0, 1, 2].map((k) => ({ sourceId: 7, sourceName: 'PTT', items: all.slice(k * 110, k * 110 + 110), now: NOW }));
    const got = await Promise.all(jobs.map((j) => p.prepare(j)));
    expect(p.done).toEqual({ worker: 3, local: 0 });
    for (let k = 0; k < jobs.length; k++) {
      const stats = { clipped: 0 };
      const want = local.prepare(7, 'PTT', jobs[k]!.items, NOW, stats);
      expect(got[k]!.rows()).toStrictEqual(want);
      expect(got[k]!.clipped).toBe(stats.clipped);
    }
    const rows = got.flatMap((g) => g.rows());
    expect(rows.length).toBe(all.length - 1); // the empty item is dropped
    expect(got[2]!.clipped).toBe(1);
    expect(rows.find((r) => r.guid === 'html')!.topicIds).toEqual([1, 2]);
    expect(rows.find((r) => r.guid === 'future')!.publishedAt).toBe(NOW);
    // The model counts: a text it learned as negative scores below the lexicon alone.
    const plain = new Pipeline(TOPICS).prepare(7, 'PTT', [{ guid: 'x', title: null, text: '客服打不通 太爛了' }], NOW)[0]!;
    const learnt = (await p.prepare({ sourceId: 7, sourceName: 'PTT', items: [{ guid: 'x', title: null, text: '客服打不通 太爛了' }], now: NOW })).rows()[0]!;
    expect(learnt.sentiment).toBeLessThan(plain.sentiment);
  });

  it('spreads batches over several analysis threads, each batch exactly the station thread\'s rows', async () => {
    expect([1, 2, 3, 4, 16].map((cores) => analysisThreads(cores))).toEqual([1, 1, 2, 2, 2]);
    const { p, local } = pool([TOPICS[0]!], null, undefined, [], 2);
    expect(p.size).toBe(2);
    p.setTopics(TOPICS); // reaches every thread, before the batches below
    local.setTopics(TOPICS);
    const all = items();
    const jobs: PrepareJob[] = [0, 1, 2, 3].map((k) => ({ sourceId: 7, sourceName: 'PTT', items: all.slice(k * 80, k * 80 + 80), now: NOW }));
    const got = await Promise.all(jobs.map((j) => p.prepare(j)));
    expect(p.done).toEqual({ worker: 4, local: 0 });
    const perThread = (p as unknown as { lanes: { done: { worker: number } }[] }).lanes.map((l) => l.done.worker);
    expect(perThread).toEqual([2, 2]);
    for (let k = 0; k < jobs.length; k++) expect(got[k]!.rows()).toStrictEqual(local.prepare(7, 'PTT', jobs[k]!.items, NOW));
    expect(got.flatMap((g) => g.rows()).find((r) => r.guid === 'html')!.topicIds).toEqual([1, 2]);

    // One thread dies: the other takes every later batch (none falls to this thread).
    const lanes = (p as unknown as { lanes: { worker: { terminate(): Promise<number> } | null }[] }).lanes;
    const lost = new Promise<void>((resolve) => setTimeout(resolve, 0));
    await lanes[0]!.worker!.terminate();
    await lost;
    const later = await Promise.all(jobs.map((j) => p.prepare(j)));
    expect(p.threaded).toBe(true);
    expect(p.done).toEqual({ worker: 8, local: 0 });
    for (let k = 0; k < jobs.length; k++) expect(later[k]!.rows()).toStrictEqual(local.prepare(7, 'PTT', jobs[k]!.items, NOW));
  });

  it('uses a topic saved between batches for the next batch, and a new learned model', async () => {
    const { p } = pool([TOPICS[0]!], null);
    const job = { sourceId: 1, sourceName: 's', items: [{ guid: 'a', title: null, text: '台北停電了，極光電信也斷訊' }], now: NOW };
    expect((await p.prepare(job)).rows()[0]!.topicIds).toEqual([1]);
    p.setTopics(TOPICS);
    expect((await p.prepare(job)).rows()[0]!.topicIds).toEqual([1, 2]);
    const before = (await p.prepare({ ...job, items: [{ guid: 'b', title: null, text: '今天的颱風假好開心' }] })).rows()[0]!.sentiment;
    const { model } = trainFromCorrections([
      ...Array.from({ length: 40 }, (_, i) => ({ text: `颱風假 ${i}`, label: 'negative' as const })),
      ...Array.from({ length: 40 }, (_, i) => ({ text: `晴天 出遊 ${i}`, label: 'positive' as const })),
    ]);
    p.setLearned(model);
    const after = (await p.prepare({ ...job, items: [{ guid: 'b', title: null, text: '今天的颱風假好開心' }] })).rows()[0]!.sentiment;
    expect(after).toBeLessThan(before);
    expect(p.done.local).toBe(0);
  });

  it('analyses on this thread, with the same rows, when the worker cannot run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-pool-'));
    dirs.push(dir);
    const broken = path.join(dir, 'broken-worker.mjs');
    fs.writeFileSync(broken, "throw new Error('no models here');\n");
    const log: string[] = [];
    const { p, local } = pool(TOPICS, null, broken, log);
    const all = items().slice(0, 50);
    const got = await Promise.all([p.prepare({ sourceId: 1, sourceName: 's', items: all.slice(0, 25), now: NOW }), p.prepare({ sourceId: 1, sourceName: 's', items: all.slice(25), now: NOW })]);
    expect(got.flatMap((g) => g.rows())).toEqual(local.prepare(1, 's', all, NOW));
    expect(p.threaded).toBe(false);
    expect(p.done.worker).toBe(0);
    expect(log.join('\n')).toMatch(/analysis thread (failed|stopped).*no models here|no models here/s);
    // And every later batch too.
    await p.prepare({ sourceId: 1, sourceName: 's', items: all.slice(0, 5), now: NOW });
    expect(p.done.local).toBe(3);
  });
});
