// Pure pieces of the renderer: routes, the stream's bounded list, the lights grid, which
// live batches concern a panel, message interpolation, link-only-http and the dictionaries.
import { describe, expect, test } from 'vitest';
import type { Mention } from '../../shared/types';
import { parseRoute } from '../../renderer/src/lib/routes';
import { mergeNewest, firstOutsideWindow } from '../../renderer/src/lib/stream';
import { needsDate } from '../../renderer/src/lib/time';
import { fitGrid } from '../../renderer/src/lib/layout';
import { mentionInPanel, touchesTopics } from '../../renderer/src/lib/topics';
import { interpolate } from '../../renderer/src/i18n/interpolate';
import { isHttpUrl } from '../../renderer/src/lib/native';
import { zhHant } from '../../renderer/src/i18n/zh-Hant';
import { zhHans } from '../../renderer/src/i18n/zh-Hans';
import { en } from '../../renderer/src/i18n/en';

const mention = (id: number, publishedAt: number): Mention => ({
  id,
  sourceId: 1,
  sourceName: 's',
  guid: String(id),
  url: null,
  title: null,
  text: 't',
  author: null,
  lang: 'zh-Hant',
  publishedAt,
  fetchedAt: publishedAt,
  sentiment: 0,
  label: 'neutral',
  labelCorrected: false,
  emotions: {},
  reach: 0,
  topicIds: [],
  tags: [],
});

test('routes: the default wall, a board by id, Explore, Sources, and anything else', () => {
  expect(parseRoute('/')).toEqual({ view: 'wall' });
  expect(parseRoute('/wall/7')).toEqual({ view: 'wall', boardId: 7 });
  expect(parseRoute('/wall/7/')).toEqual({ view: 'wall', boardId: 7 });
  expect(parseRoute('/explore')).toEqual({ view: 'explore' });
  expect(parseRoute('/sources')).toEqual({ view: 'sources' });
  expect(parseRoute('/wall/x')).toEqual({ view: 'notFound', path: '/wall/x' });
});

describe('the live stream list', () => {
  test('new mentions go on top, duplicates are dropped, and the list never grows past its cap', () => {
    let list: Mention[] = [];
    for (let i = 1; i <= 500; i++) list = mergeNewest([mention(i, i * 1000), mention(i - 1, (i - 1) * 1000)], list, 100);
    expect(list).toHaveLength(100);
    expect(list[0]!.id).toBe(500);
    expect(new Set(list.map((m) => m.id)).size).toBe(100);
    expect(list.map((m) => m.publishedAt)).toEqual([...list.map((m) => m.publishedAt)].sort((a, b) => b - a));
  });

  test('old mentions are not passed off as live: the window line falls at the first older one, other days carry a date', () => {
    const now = new Date(2026, 11, 3, 8, 30).getTime();
    const min = 60_000;
    const list = [mention(4, now - 5 * min), mention(3, now - 59 * min), mention(2, now - 61 * min), mention(1, now - 3 * 1440 * min)];
    expect(firstOutsideWindow(list, now, 60)).toBe(2);
    expect(firstOutsideWindow(list, now, 360)).toBe(3);
    expect(firstOutsideWindow(list.slice(0, 2), now, 60)).toBe(-1);
    expect(needsDate(now - 5 * min, now)).toBe(false);
    // 00:10 the same day needs no date; 23:59 the day before does, and so does the same day a month or a year away.
    expect(needsDate(new Date(2026, 11, 3, 0, 10).getTime(), now)).toBe(false);
    expect(needsDate(new Date(2026, 11, 2, 23, 59).getTime(), now)).toBe(true);
    expect(needsDate(new Date(2026, 10, 3, 8, 30).getTime(), now)).toBe(true);
    expect(needsDate(new Date(2025, 11, 3, 8, 30).getTime(), now)).toBe(true);
  });
});

test('the lights grid stacks five lights in a tall panel and lays them out in a row in a wide one', () => {
  expect(fitGrid(5, 400, 900).cols).toBe(1);
  expect(fitGrid(5, 3000, 300).cols).toBe(5);
  const g = fitGrid(6, 1200, 600);
  expect(g.cols * g.rows).toBeGreaterThanOrEqual(6);
  expect(fitGrid(0, 100, 100).cellH).toBe(0);
});

test('a panel with no topics takes every batch; one with topics only the batches that touch them', () => {
  expect(touchesTopics({ '3': 2 }, [])).toBe(true);
  expect(touchesTopics({ '3': 2 }, [1, 3])).toBe(true);
  expect(touchesTopics({ '3': 2, '4': 0 }, [4])).toBe(false);
  expect(mentionInPanel([2], [])).toBe(true);
  expect(mentionInPanel([2], [1])).toBe(false);
});

test('messages fill their placeholders and leave unknown ones visible', () => {
  expect(interpolate('量 {n} / {window}', { n: '128', window: '10 分鐘' })).toBe('量 128 / 10 分鐘');
  expect(interpolate('{missing}', {})).toBe('{missing}');
});

test('only http(s) links open externally', () => {
  expect(isHttpUrl('https://example.com/a')).toBe(true);
  expect(isHttpUrl('http://example.com')).toBe(true);
  expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  expect(isHttpUrl('file:///etc/passwd')).toBe(false);
  expect(isHttpUrl(null)).toBe(false);
});

test('every language has every message, and every message keeps its placeholders', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const dict of [zhHans, en]) {
    expect(Object.keys(dict).sort()).toEqual(Object.keys(zhHant).sort());
    for (const [key, text] of Object.entries(zhHant)) expect(placeholders(dict[key as keyof typeof zhHant]), key).toEqual(placeholders(text));
  }
});
