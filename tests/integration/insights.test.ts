// What an analyst asks of stored mentions: query previews, re-tagging history, trending
// terms, top authors and share of voice — against a real station file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorsInsight, ShareOfVoice, TermsInsight, TopicPreview } from '../../shared/api';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';

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

describe('insights', () => {
  it('ranks a word that bursts in the last hour above words that are always there', async () => {
    const items = [];
    for (let i = 0; i < 40; i++) items.push(post(`b${i}`, `今天的網路速度 還可以 ${i}`, 60 * 24 + i * 60));
    for (let i = 0; i < 12; i++) items.push(post(`n${i}`, `基地台 斷訊 好幾個小時 網路速度 ${i}`, i * 3));
    st.ingest(sourceId, items);
    const t = (await callApi(st, 'insights.terms', { windowMin: 60 }, 'viewer')) as TermsInsight;
    const terms = t.terms.map((x) => x.term);
    expect(terms).toContain('斷訊');
    expect(terms).not.toContain('網路速度');
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
