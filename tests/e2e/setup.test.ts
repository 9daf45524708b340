/// <reference lib="dom" />
// "Start my own station", in real Chromium against an empty station (no demo) and the fixture
// feed server: add a feed (tried first), add a topic — a broken query is underlined at its
// position with the problem in 繁體中文, a valid one previews its matches, 简体 ones included —
// pick a preset light rule, backtest it on the feed's two weeks of stored history, save it;
// then a burst published by the feed turns that light red on the wall. Bad input on the way
// (inverted lines, a setup file of the wrong shape) is refused in words and changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { launchBrowser, screenshot, startStation, stationApi, withToken, type RunningStation } from './helpers';

const MIN = 60_000;
const DAY = 86_400_000;
let station: RunningStation;
let browser: Browser;
let fixture: FixtureServer;
const now = Date.now();

type Item = { guid: string; title: string; text: string; date: Date };
/** Two weeks of ordinary talk about the brand (some of it in 简体), and one past outage evening. */
function archive(): Item[] {
  const items: Item[] = [];
  let n = 0;
  for (let t = now - 14 * DAY; t < now - 30 * MIN; t += 40 * MIN) {
    const hans = n % 4 === 0;
    items.push({
      guid: `a${n}`,
      title: hans ? '极光电信新资费' : '極光電信門市',
      text: hans ? `极光电信推出新的月租方案，网友讨论 ${n}` : `今天去極光電信門市辦手機，店員很親切 ${n}`,
      date: new Date(t),
    });
    n++;
  }
  const past = now - 5 * DAY - 3 * 60 * MIN;
  for (let i = 0; i < 40; i++) {
    items.push({ guid: `p${i}`, title: '極光電信斷訊', text: `極光電信又斷訊了，客服打不通 ${i}`, date: new Date(past + i * 20_000) });
  }
  return items;
}

beforeAll(async () => {
  [station, browser, fixture] = await Promise.all([startStation(), launchBrowser(), startFixtureServer()]);
  fixture.route('/aurora.xml', { body: rssFeed(archive(), { title: 'Aurora news' }) });
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await fixture?.close();
});

const api = (method: string, params: unknown) => stationApi<unknown>(station, method, params);

describe('first run: an empty station made one\'s own', () => {
  let page: Page;

  test('the empty wall leads to setup; a feed is tried, then added', async () => {
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(station.url);
    await page.getByTestId('setup-start').click();
    await page.getByTestId('setup-body').waitFor();
    expect(await page.getByTestId('setup-body').getAttribute('data-step')).toBe('1');
    await screenshot(page, 'setup-empty-1920x1080');

    await page.getByTestId('setup-source-name').fill('極光新聞');
    await page.getByTestId('setup-source-url').fill(`${fixture.url}/aurora.xml`);
    await page.getByTestId('setup-source-private').check();
    await page.getByTestId('setup-source-test').click();
    await expect.poll(() => page.getByTestId('setup-source-test-result').innerText()).toContain('極光電信');
    await page.getByTestId('setup-source-add').click();
    await expect.poll(() => page.getByTestId('setup-body').getAttribute('data-step')).toBe('2');
  });

  test('a broken query is underlined where it breaks, in 繁體中文; a valid one previews its matches', async () => {
    await page.getByTestId('topic-name').fill('極光電信');
    await page.getByTestId('topic-query').fill('極光電信 AND (門市');
    const error = page.getByTestId('topic-query-error');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('第 10 個字元');
    expect(await error.innerText()).toContain('左括號');
    expect(await page.getByTestId('topic-query-error-mark').innerText()).toBe('(');
    expect(await page.getByTestId('topic-save').isDisabled()).toBe(true);
    await screenshot(page, 'setup-topic-error-1920x1080');

    // The feed's archive is stored by now: the preview counts it, 简体 posts included.
    await page.getByTestId('topic-query').fill('極光電信 OR "Aurora Mobile"');
    await expect.poll(() => page.getByTestId('topic-query-error').count()).toBe(0);
    await expect
      .poll(async () => Number((await page.getByTestId('preview-count').innerText().catch(() => '0')).match(/\d[\d,]*/)?.[0]?.replace(/,/g, '') ?? 0), { timeout: 20_000 })
      .toBeGreaterThan(100);
    const hans = page.locator('[data-testid="preview-sample"][data-lang="zh-Hans"] mark').first();
    await expect.poll(() => hans.innerText().catch(() => '')).toBe('极光电信');
    expect(await page.getByTestId('preview-folding').isVisible()).toBe(true);
    await screenshot(page, 'setup-topic-preview-1920x1080');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await screenshot(page, 'setup-topic-preview-3840x2160');
    await page.setViewportSize({ width: 1920, height: 1080 });

    await page.getByTestId('topic-save').click();
    await expect.poll(() => page.getByTestId('setup-body').getAttribute('data-step'), { timeout: 20_000 }).toBe('3');
  });

  test('a preset rule is backtested on the stored history and saved', async () => {
    // Lines the wrong way round are refused before anything is sent.
    await page.getByTestId('preset-spike').click();
    await page.getByTestId('rule-red').fill('1.5');
    await expect.poll(() => page.getByTestId('rule-red-error').innerText()).toContain('紅燈線必須');
    expect(await page.getByTestId('rule-save').isDisabled()).toBe(true);

    await page.getByTestId('preset-spike').click();
    const firstRed = page.getByTestId('backtest-first-red');
    await expect.poll(() => firstRed.innerText(), { timeout: 20_000 }).toContain('第一次紅燈');
    expect(await page.getByTestId('backtest-day').count()).toBeGreaterThanOrEqual(14);
    const redDays = await page.locator('[data-testid="backtest-day"]:not([data-red="0"])').count();
    expect(redDays).toBe(1);
    expect(await page.getByTestId('rule-words').innerText()).toContain('前 7 天同一時段');
    await screenshot(page, 'setup-rule-backtest-1920x1080');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await screenshot(page, 'setup-rule-backtest-3840x2160');
    await page.setViewportSize({ width: 1920, height: 1080 });

    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByTestId('setup-body').getAttribute('data-step')).toBe('4');
    await page.getByTestId('setup-finish').click();
  });

  test('a burst published by the feed turns that light red on the wall', async () => {
    const light = page.locator('[data-testid="light"]', { hasText: '極光電信' });
    await light.waitFor({ timeout: 20_000 });
    expect(await light.getAttribute('data-color')).not.toBe('red');
    const burst: Item[] = Array.from({ length: 60 }, (_, i) => ({
      guid: `burst-${i}`,
      title: '極光電信全面斷訊',
      text: `極光電信整個晚上斷訊，客服打不通，要求賠償 ${i}`,
      date: new Date(Date.now() - i * 5_000),
    }));
    fixture.route('/aurora.xml', { body: rssFeed([...burst, ...archive()], { title: 'Aurora news' }) });
    const sources = (await api('sources.list', {})) as { id: number }[];
    await api('sources.pollNow', { id: sources[0]!.id });
    await expect.poll(() => light.getAttribute('data-color'), { timeout: 60_000, interval: 1000 }).toBe('red');
    await screenshot(page, 'setup-wall-red-1920x1080');
  });
});

describe('the rooms, with bad input', () => {
  test('the topics room lists the topic with its sparkline and light', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // The wall may be showing its red alarm over the header: go to the room by its address.
    await page.goto(withToken(station, '/topics'));
    const row = page.locator('[data-testid="topic-row"][data-name="極光電信"]');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-light'), { timeout: 20_000 }).toBe('red');
    await screenshot(page, 'topics-1920x1080');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await screenshot(page, 'topics-3840x2160');
    await page.close();
  });

  test('a setup file of the wrong shape is refused in words, and nothing changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(withToken(station, '/rules'));
    await page.getByTestId('rule-row').first().waitFor();
    const before = await page.getByTestId('rule-row').count();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-setup-file-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ topics: [{ name: '新品牌', query: '新品牌' }], rules: [{ topic: '已刪除', metric: 'neg_share', yellow: 0.6, red: 0.4 }] }));
    await page.getByTestId('setup-import').setInputFiles(bad);
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.innerText()).toContain('沒有任何變更');
    expect(await problems.innerText()).toContain('找不到主題「已刪除」');
    expect(await page.getByTestId('rule-row').count()).toBe(before);
    await screenshot(page, 'rules-1920x1080');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await screenshot(page, 'rules-3840x2160');
    fs.rmSync(dir, { recursive: true, force: true });
    await page.close();
  });

  test('a setup file with a new topic and a changed one: both stored and their history re-tagged, the room says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(withToken(station, '/rules'));
    await page.getByTestId('rule-row').first().waitFor();
    const known = ((await api('topics.list', {})) as { id: number; name: string; query: string }[])[0]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-setup-file-'));
    const file = path.join(dir, 'setup.json');
    fs.writeFileSync(file, JSON.stringify({ topics: [{ name: known.name, query: `${known.query} OR 停電` }, { name: '門市', query: '門市 OR 月租' }], rules: [] }));
    await page.getByTestId('setup-import').setInputFiles(file);
    await expect.poll(() => page.getByTestId('rules-notice').innerText()).toContain('主題新增 1 個、修改 1 個');
    // The re-tags run after the notice, one topic after the other, and the status goes when they end.
    await expect.poll(() => page.getByTestId('rules-retag').count(), { timeout: 20_000 }).toBe(0);
    const topics = (await api('topics.list', {})) as { id: number; name: string; query: string }[];
    expect(topics.find((x) => x.id === known.id)!.query).toBe(`${known.query} OR 停電`);
    const added = topics.find((x) => x.name === '門市')!;
    // Their history was re-tagged: a search by each topic finds what its query finds.
    const changed = (await api('mentions.search', { topicId: known.id, limit: 1 })) as { total: number };
    expect(changed.total).toBe(((await api('mentions.search', { q: `${known.query} OR 停電`, limit: 1 })) as { total: number }).total);
    const byTopic = (await api('mentions.search', { topicId: added.id, limit: 1 })) as { total: number };
    const byQuery = (await api('mentions.search', { q: '門市 OR 月租', limit: 1 })) as { total: number };
    expect(byQuery.total).toBeGreaterThan(0);
    expect(byTopic.total).toBe(byQuery.total);
    fs.rmSync(dir, { recursive: true, force: true });
    await page.close();
  });
});
