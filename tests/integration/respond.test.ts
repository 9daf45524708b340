// What responding needs from the engine, against a real station file: Explore's search in
// the topic language (scripts folded, boolean, exclusions, #tags, a bad query refused with its
// position) and insights that look back to the presenter's moment instead of now.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult, ShareOfVoice, TermsInsight } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';

const NOW = Date.UTC(2026, 10, 25, 10, 0);
let dir: string;
let st: Station;
let sourceId: number;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-respond-'));
  st = Station.open({ dataDir: dir, clock: new ManualClock(NOW) });
  sourceId = ((await callApi(st, 'sources.add', { name: 'PTT', kind: 'feed', config: { url: 'https://example.org/f' }, enabled: false }, 'admin')) as { id: number }).id;
  st.ingest(sourceId, [
    { guid: '1', text: '極光電信 今天全面斷訊，客服打不通', author: 'amy', publishedAt: NOW - 10 * 60_000 },
    { guid: '2', text: '极光电信 断讯 到现在还没修好', author: 'bob', publishedAt: NOW - 20 * 60_000 },
    { guid: '3', text: '極光電信 新方案 不錯', author: 'amy', publishedAt: NOW - 30 * 60_000 },
    { guid: '4', text: '斷訊 又是別家', author: 'cat', publishedAt: NOW - 40 * 60_000 },
    { guid: '5', text: '颱風 停班停課 看新聞', author: 'dan', publishedAt: NOW - 5 * 3_600_000 },
  ]);
});
afterEach(async () => {
  await st.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = async (q: string) => ((await callApi(st, 'mentions.search', { q }, 'viewer')) as SearchResult).items.map((m) => m.guid).sort();

describe('Explore speaks the topic language', () => {
  it('folds 繁 and 简, takes words as AND, and reads OR, exclusions and phrases', async () => {
    expect(await search('斷訊')).toEqual(['1', '2', '4']);
    expect(await search('断讯')).toEqual(['1', '2', '4']);
    expect(await search('極光 斷訊')).toEqual(['1', '2']);
    expect(await search('極光 AND 斷訊')).toEqual(['1', '2']);
    expect(await search('極光電信 -斷訊')).toEqual(['3']);
    expect(await search('颱風 OR 新方案')).toEqual(['3', '5']);
    expect(await search('"全面斷訊"')).toEqual(['1']);
    expect(await search('@amy')).toEqual(['1', '3']);
  });

  it('finds the tags an analyst added', async () => {
    const [m] = ((await callApi(st, 'mentions.search', { q: '新方案' }, 'viewer')) as SearchResult).items;
    await callApi(st, 'mentions.tag', { id: m!.id, add: ['客訴'], remove: [] }, 'admin');
    expect(await search('#客訴')).toEqual(['3']);
    expect(await search('#客诉')).toEqual(['3']);
  });

  it('counts exactly with the other filters, and refuses a broken query with its position', async () => {
    const r = (await callApi(st, 'mentions.search', { q: '斷訊', from: NOW - 25 * 60_000, to: NOW, limit: 1 }, 'viewer')) as SearchResult;
    expect(r.total).toBe(2);
    expect(r.items).toHaveLength(1);
    const e = await callApi(st, 'mentions.search', { q: '極光 AND' }, 'viewer').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('bad-query');
    expect((e as ApiError).params).toMatchObject({ position: 6 });
  });
});

describe('insights follow the presenter back in time', () => {
  it('share of voice and terms over a window ending at a moment in the past', async () => {
    await callApi(st, 'topics.save', { topic: { name: '颱風', query: '颱風' } }, 'admin');
    await callApi(st, 'topics.save', { topic: { name: '極光', query: '極光電信' } }, 'admin');
    const all = (await callApi(st, 'topics.list', {}, 'viewer')) as { id: number; name: string }[];
    for (const t of all) await callApi(st, 'topics.retag', { id: t.id }, 'admin');
    const now = (await callApi(st, 'insights.shareOfVoice', { windowMin: 60 }, 'viewer')) as ShareOfVoice;
    expect(now.topics.find((t) => t.name === '極光')!.count).toBe(3);
    expect(now.topics.find((t) => t.name === '颱風')!.count).toBe(0);
    const then = (await callApi(st, 'insights.shareOfVoice', { windowMin: 60, to: NOW - 4.5 * 3_600_000 }, 'viewer')) as ShareOfVoice;
    expect(then.to).toBe(NOW - 4.5 * 3_600_000);
    expect(then.topics.find((t) => t.name === '颱風')!.count).toBe(1);
    expect(then.topics.find((t) => t.name === '極光')!.count).toBe(0);
    const terms = (await callApi(st, 'insights.terms', { windowMin: 60, to: NOW - 4.5 * 3_600_000 }, 'viewer')) as TermsInsight;
    expect(terms.mentions).toBe(1);
    // Never past the station's now.
    const future = (await callApi(st, 'insights.terms', { windowMin: 60, to: NOW + 86_400_000 }, 'viewer')) as TermsInsight;
    expect(future.to).toBe(NOW);
  });
});
