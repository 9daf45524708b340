// What an analyst asks of stored mentions: query previews, re-tagging history, trending
// terms, top authors and share of voice — against a real station file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorsInsight, ShareOfVoice, TermsInsight, TopicPreview } from '../../shared/api';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { setScanTurn } from '../../electron/engine/api/mention-query';
import { callApi, wallServedDuring } from '../helpers/api';

const NOW = Date.UTC(2026, 10, 25, 6, 0);
let dir: string;
let st: Station;
let sourceId: number;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-insights-'));
  st = Station.open({ dataDir: dir, clock: new ManualClock(NOW) });
  sourceId = ((await callApi(st, 'sources.add', { name: 'PTT', kind: 'feed', config: { url: 'https://example.org/f' }, enabled: false }, 'admin')) as { id: number }).id;
});
afterEach(async () => {
  setScanTurn();
  await st.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (guid: string, text: string, minutesAgo: number, author = 'someone', reach = 10) => ({
  guid,
  text,
  author,
  reach,
  publishedAt: NOW - minutesAgo * 60_000,
});

describe('topics over history', () => {
  it('previews how many of the last days a new query would have matched, in either script', async () => {
    st.ingest(sourceId, [
      post('1', '台積電法說會今天登場', 60),
      post('2', '台积电股价创新高', 120),
      post('3', '聯電也公布財報', 30),
      post('4', '台積電 很久以前的新聞', 60 * 24 * 10),
    ]);
    const p = (await callApi(st, 'topics.preview', { query: '台積電 OR TSMC', days: 7 }, 'viewer')) as TopicPreview;
    expect(p.matched).toBe(2);
    expect(p.examples.map((m) => m.guid).sort()).toEqual(['1', '2']);
  });

  it('re-tags history when a topic is added after the fact, so its volume and rollups include old mentions', async () => {
    st.ingest(sourceId, [post('1', '極光電信斷訊', 10), post('2', '极光电信客服很差', 20), post('3', '天氣很好', 5)]);
    const topic = (await callApi(st, 'topics.save', { topic: { name: '極光', query: '極光電信' } }, 'admin')) as { id: number };
    expect(st.store.mentions.find({ topicId: topic.id }, 10).total).toBe(0);
    const r = await callApi(st, 'topics.retag', { id: topic.id }, 'admin');
    expect(r).toMatchObject({ tagged: 2, scanned: 3 });
    expect(st.store.mentions.find({ topicId: topic.id }, 10).total).toBe(2);
    expect(st.store.mentions.rollupDiff()).toEqual([]);
  });
});

/** A day of posts about the network's speed, then a burst about an outage within the last hour. */
function burst(before: number, beforeEveryMin: number, now: number, nowEveryMin: number): void {
  const items = [];
  for (let i = 0; i < before; i++) items.push(post(`b${i}`, `今天的網路速度 還可以 ${i}`, 60 * 24 + i * beforeEveryMin));
  for (let i = 0; i < now; i++) items.push(post(`n${i}`, `基地台 斷訊 好幾個小時 網路速度 ${i}`, i * nowEveryMin));
  st.ingest(sourceId, items);
}

describe('insights', () => {
  it('ranks a word that bursts in the last hour above words that are always there', async () => {
    burst(40, 60, 12, 3);
    const t = (await callApi(st, 'insights.terms', { windowMin: 60 }, 'viewer')) as TermsInsight;
    const terms = t.terms.map((x) => x.term);
    expect(terms).toContain('斷訊');
    expect(terms).not.toContain('網路速度');
  });

  it('counts the words of a window in turns: the same trending terms, and a wall served meanwhile', async () => {
    burst(300, 20, 200, 0.25);
    const whole = (await callApi(st, 'insights.terms', { windowMin: 60 }, 'viewer')) as TermsInsight;
    expect(whole.terms.map((x) => x.term)).toContain('斷訊');
    setScanTurn(0);
    const { result: inTurns, wallFirst } = await wallServedDuring(st, callApi(st, 'insights.terms', { windowMin: 60 }, 'viewer'));
    expect(wallFirst).toBe(true);
    expect(inTurns).toEqual(whole);
  });

  it('lists top authors by volume and by reach', async () => {
    st.ingest(sourceId, [
      post('1', 'a', 5, 'loud', 10),
      post('2', 'b', 6, 'loud', 10),
      post('3', 'c', 7, 'loud', 10),
      post('4', 'd', 8, 'newsroom', 90_000),
    ]);
    const byCount = (await callApi(st, 'insights.authors', { windowMin: 60 }, 'viewer')) as AuthorsInsight;
    expect(byCount.authors[0]).toMatchObject({ author: 'loud', mentions: 3 });
    const byReach = (await callApi(st, 'insights.authors', { windowMin: 60, by: 'reach' }, 'viewer')) as AuthorsInsight;
    expect(byReach.authors[0]).toMatchObject({ author: 'newsroom', reach: 90_000 });
  });

  it('sums top authors over a long window in slices, sources named exactly, a wall served meanwhile', async () => {
    const other = ((await callApi(st, 'sources.add', { name: 'Dcard, 熱門', kind: 'feed', config: { url: 'https://example.org/g' }, enabled: false }, 'admin')) as { id: number }).id;
    // 30 days of posts by 40 authors, some on both sources; one far outside the window.
    const batch = (src: number, name: string, from: number) => {
      const items = [];
      for (let i = from; i < from + 900; i++) {
        const author = `a${(i * 7) % 40}`;
        const reach = (i * 37) % 1000;
        const text = i % 4 ? `good day ${i}` : `terrible outage ${i}`;
        items.push(post(`${name}${i}`, text, (i * 47) % (30 * 1440), author, reach));
      }
      st.ingest(src, items);
    };
    batch(sourceId, 'PTT', 0);
    batch(other, 'Dcard, 熱門', 450);
    st.ingest(sourceId, [post('old', 'long ago', 40 * 1440, 'a1', 999_999)]);
    const stored = st.store.db
      .prepare(`SELECT m.author, s.name AS source, m.reach, m.label FROM mentions m JOIN sources s ON s.id = m.source_id WHERE m.published_at >= ? AND m.published_at < ?`)
      .all(NOW - 30 * 86_400_000, NOW) as { author: string; source: string; reach: number; label: number }[];
    const want = new Map<string, { mentions: number; reach: number; negative: number; sources: Set<string> }>();
    for (const r of stored) {
      const a = want.get(r.author) ?? { mentions: 0, reach: 0, negative: 0, sources: new Set<string>() };
      a.mentions++;
      a.reach = Math.max(a.reach, r.reach);
      a.negative += r.label === -1 ? 1 : 0;
      a.sources.add(r.source);
      want.set(r.author, a);
    }
    setScanTurn(0);
    const { result: got, wallFirst } = await wallServedDuring(st, callApi(st, 'insights.authors', { windowMin: 43_200, limit: 100 }, 'viewer'));
    expect(wallFirst).toBe(true);
    expect(got.authors).toHaveLength(40);
    for (const a of got.authors) {
      const w = want.get(a.author)!;
      expect({ mentions: a.mentions, reach: a.reach, negative: a.negative, sources: [...a.sources].sort() }, a.author).toEqual({
        mentions: w.mentions, reach: w.reach, negative: w.negative, sources: [...w.sources].sort(),
      });
    }
    const counts = got.authors.map((a) => a.mentions);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    // By reach: the post far outside the window does not count.
    const byReach = (await callApi(st, 'insights.authors', { windowMin: 43_200, by: 'reach', limit: 3 }, 'viewer')) as AuthorsInsight;
    expect(byReach.authors[0]!.reach).toBe(Math.max(...stored.map((r) => r.reach)));
  });

  it('splits the conversation between a brand and its competitors (share of voice)', async () => {
    await callApi(st, 'topics.save', { topic: { name: 'Aurora', query: 'Aurora' } }, 'admin');
    await callApi(st, 'topics.save', { topic: { name: 'StraitCom', query: 'StraitCom' } }, 'admin');
    st.ingest(sourceId, [
      post('1', 'Aurora is down again, terrible', 5),
      post('2', 'Aurora support never answers', 6),
      post('3', 'Aurora fibre is great today', 7),
      post('4', 'StraitCom works fine for me', 8),
    ]);
    const sov = (await callApi(st, 'insights.shareOfVoice', { windowMin: 60 }, 'viewer')) as ShareOfVoice;
    expect(sov.total).toBe(4);
    expect(sov.topics.map((t) => [t.name, t.share])).toEqual([
      ['Aurora', 0.75],
      ['StraitCom', 0.25],
    ]);
  });
});
