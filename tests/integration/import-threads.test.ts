// A file imported through several analysis threads (a station on a machine with more cores)
// stores exactly what one thread stores: the same rows in the same order (ids), the same
// scores and topic links, the same duplicates skipped, rollups equal to a recount.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress, Lang } from '../../shared/types';
import { compileTopics } from '../../electron/engine/analysis/query';
import { importIntoStation } from '../../electron/engine/api/sources';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { loadCorpus } from '../../electron/engine/sources/kinds/replay';
import { callApi } from '../helpers/api';
import { useCleanups } from '../helpers/cleanups';

const { cleanups, tmp } = useCleanups();
const T0 = Date.UTC(2026, 10, 25, 6, 0);

function exportCsv(dir: string): string {
  const demo = loadCorpus('demo').items;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['id,published_at,title,text,author'];
  for (let i = 0; i < 4_000; i++) {
    const c = demo[i % demo.length]!;
    // Every 7th row repeats an earlier id: a duplicate the station must skip, whichever thread saw it.
    const id = i % 7 === 6 ? i - 3 : i;
    lines.push([id, new Date(T0 - i * 30_000).toISOString(), q(c.title ?? ''), q(`${c.text} (${i % 1000})`), q(c.author ?? '')].join(','));
  }
  const file = path.join(dir, 'export.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function importWith(threads: number, file: string, onProgress?: (st: Station, p: ImportProgress) => void) {
  const st = Station.open({ dataDir: tmp(`fh-threads-${threads}-`), clock: new ManualClock(T0), analysisThreads: threads });
  cleanups.push(() => st.close());
  await callApi(st, 'topics.save', { topic: { name: '停電', query: '停電 OR 斷電 OR outage', color: '#ff0000' } });
  await callApi(st, 'topics.save', { topic: { name: '極光', query: '極光 OR aurora', color: '#00ff00' } });
  const { result } = await importIntoStation(st, { path: file, source: 'exports', gauges: false }, (p) => onProgress?.(st, p));
  const db = st.store.db;
  return {
    st,
    result,
    rows: db.prepare(`SELECT id, guid, text, lang, published_at, sentiment, label, emotions FROM mentions ORDER BY id`).all(),
    links: db.prepare(`SELECT topic_id, mention_id FROM mention_topics ORDER BY 1, 2`).all(),
    rollups: st.store.rollups.diff(),
  };
}

describe('a file through several analysis threads', () => {
  it('stores exactly what one thread stores', async () => {
    const file = exportCsv(tmp('fh-threads-file-'));
    const one = await importWith(1, file);
    const three = await importWith(3, file);
    expect(one.st.bulkAnalysis).toMatchObject({ threads: 1, threaded: true, local: 0 });
    expect(three.st.bulkAnalysis).toMatchObject({ threads: 3, threaded: true, local: 0 });
    // Eight slices of 500, every one analysed on a thread.
    expect(three.st.bulkAnalysis.worker).toBeGreaterThanOrEqual(8);
    expect(three.result).toMatchObject({ state: 'done', rows: 4_000, inserted: one.result.inserted, duplicates: one.result.duplicates });
    expect(one.result.duplicates).toBeGreaterThan(500);
    expect(three.rows).toEqual(one.rows);
    expect(three.links).toEqual(one.links);
    expect(one.links.length).toBeGreaterThan(100);
    expect(one.rollups).toEqual([]);
    expect(three.rollups).toEqual([]);
  });
});

describe('the write-ahead log during an import', () => {
  it('is copied back into the file every 3,000 pages while the rows go in, and every 1,000 again a second after', async () => {
    const file = exportCsv(tmp('fh-threads-file-'));
    const during = new Set<number>();
    const { st } = await importWith(1, file, (s, p) => p.state === 'reading' && p.inserted > 0 && during.add(s.store.checkpointPages));
    expect([...during]).toEqual([3000]);
    // Still the long log right after the file (an import pauses between batches), then
    // SQLite's own interval for live writes (polls, pushes).
    expect(st.store.checkpointPages).toBe(3000);
    await new Promise((r) => setTimeout(r, 1300));
    expect(st.store.checkpointPages).toBe(1000);
  });
});

describe('a topic saved while a file is being analysed', () => {
  it('links what is stored after the save by the saved query, as its re-tag links what came before', async () => {
    const st = Station.open({ dataDir: tmp('fh-threads-save-'), clock: new ManualClock(T0), analysisThreads: 1 });
    cleanups.push(() => st.close());
    const topic = (await callApi(st, 'topics.save', { topic: { name: '停電', query: '停電 OR outage', color: '#ff0000' } })) as { id: number };
    const source = (await callApi(st, 'sources.add', { name: 'exports', kind: 'feed', config: { url: 'https://exports.invalid/' }, enabled: false })) as { id: number };
    const demo = loadCorpus('demo').items;
    const batch = (from: number) =>
      Array.from({ length: 1_000 }, (_, k) => {
        const i = from + k;
        const c = demo[i % demo.length]!;
        return { guid: `row-${i}`, title: c.title ?? null, text: `${c.text} (${i})`, author: c.author ?? null, publishedAt: T0 - i * 30_000 };
      });
    // Some rows stored under the old query, then two batches handed to the analysis thread.
    await st.ingestBulk(source.id, batch(0));
    const inFlight = [st.ingestBulk(source.id, batch(1_000)), st.ingestBulk(source.id, batch(2_000))];
    // The query changes before the thread answers (it had the batches first), and the re-tag
    // the topic form runs next begins at once: it sees only the first thousand.
    await callApi(st, 'topics.save', { topic: { id: topic.id, name: '極光', query: '極光 OR aurora', color: '#ff0000' } });
    const retag = callApi(st, 'topics.retag', { id: topic.id });
    await Promise.all(inFlight);
    await retag;
    expect(st.bulkAnalysis).toMatchObject({ threaded: true, local: 0 });

    const wanted = compileTopics([{ id: topic.id, name: '極光', query: '極光 OR aurora' }]);
    const rows = st.store.db.prepare(`SELECT id, title, text, author, lang FROM mentions ORDER BY id`).all() as
      { id: number; title: string | null; text: string; author: string | null; lang: Lang }[];
    expect(rows).toHaveLength(3_000);
    const expected = rows
      .filter((m) => wanted.match({ text: m.title && m.text ? `${m.title}\n${m.text}` : (m.title ?? m.text), title: m.title, author: m.author, lang: m.lang, source: 'exports', tags: [] }).length > 0)
      .map((m) => m.id);
    const linked = (st.store.db.prepare(`SELECT mention_id FROM mention_topics WHERE topic_id = ? ORDER BY 1`).all(topic.id) as { mention_id: number }[]).map((r) => r.mention_id);
    expect(expected.filter((id) => id > 1_000).length).toBeGreaterThan(50);
    expect(linked).toEqual(expected);
    // The wall's counts are the links' counts.
    expect(st.store.rollups.diff()).toEqual([]);
  });
});

describe('a topic removed while a file is being analysed', () => {
  it('stores the batches the thread matched against it, without its links', async () => {
    const st = Station.open({ dataDir: tmp('fh-threads-remove-'), clock: new ManualClock(T0), analysisThreads: 1 });
    cleanups.push(() => st.close());
    const gone = (await callApi(st, 'topics.save', { topic: { name: '極光', query: '極光 OR aurora', color: '#ff0000' } })) as { id: number };
    const kept = (await callApi(st, 'topics.save', { topic: { name: '停電', query: '停電 OR outage', color: '#00ff00' } })) as { id: number };
    const source = (await callApi(st, 'sources.add', { name: 'exports', kind: 'feed', config: { url: 'https://exports.invalid/' }, enabled: false })) as { id: number };
    const demo = loadCorpus('demo').items;
    const items = Array.from({ length: 1_000 }, (_, i) => {
      const c = demo[i % demo.length]!;
      return { guid: `row-${i}`, title: c.title ?? null, text: `${c.text} (${i})`, author: c.author ?? null, publishedAt: T0 - i * 30_000 };
    });
    const inFlight = st.ingestBulk(source.id, items);
    await callApi(st, 'topics.remove', { id: gone.id });
    // Matched against the removed topic on the thread: its links would break the write (the topic is gone).
    expect((await inFlight).inserted).toBe(1_000);
    const links = st.store.db.prepare(`SELECT topic_id, count(*) AS n FROM mention_topics GROUP BY 1`).all();
    expect(links).toEqual([{ topic_id: kept.id, n: expect.any(Number) }]);
    expect(st.store.rollups.diff()).toEqual([]);
  });
});
