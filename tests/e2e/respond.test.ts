/// <reference lib="dom" />
// Responding from the app, in real Chromium against a real station and a fixture feed: a burst
// turns a light red, the page raises a notification, the takeover's "Evidence" opens the alert
// with its mentions, it is acknowledged with a note and the unacknowledged count falls to 0; a
// click on the volume spike opens Explore on exactly that bucket; presenter mode scrubbed to
// before the burst shows the light green. Then the alert and error paths walked in 繁中 and
// 简中 without one English sentence from the engine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { launchBrowser, screenshot, startStation, withToken, type RunningStation } from './helpers';
import type { MethodName, Params, Result } from '../../shared/api';
import type { Alert } from '../../shared/types';
import { httpClient } from '../../shared/client';

let station: RunningStation;
let browser: Browser;
let feed: FixtureServer;
let topicId: number;
let boardId: number;
let red: Alert;

function api<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  return httpClient({ fetch, baseUrl: station.origin, token: station.token }).call(method, params);
}

/** A page whose web Notifications are granted and recorded in window.__notified. */
async function openPage(path: string, width = 1920, height = 1080, locale?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  await page.addInitScript((loc) => {
    if (loc) localStorage.setItem('fenghuo.locale', loc);
    const notified: { title: string; body: string }[] = [];
    (window as unknown as { __notified: typeof notified }).__notified = notified;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, opts?: { body?: string }) {
        notified.push({ title, body: opts?.body ?? '' });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  }, locale ?? null);
  await page.goto(withToken(station, path));
  return page;
}

const count = (page: Page) => page.getByTestId('alert-count').getAttribute('data-count').then(Number);
const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));

beforeAll(async () => {
  [station, browser, feed] = await Promise.all([startStation(), launchBrowser(), startFixtureServer()]);
  const now = Date.now();
  // A calm stretch first, stored before the rule exists: its first colour is green, and no alert.
  feed.route('/ptt.xml', {
    body: rssFeed(
      Array.from({ length: 8 }, (_, i) => ({
        guid: `calm-${i}`,
        title: `極光電信 新資費方案 ${i}`,
        text: `極光電信 的新方案看起來還不錯，網速也穩定 ${i}`,
        date: new Date(now - (20 + i) * 60_000),
      })),
    ),
  });
  topicId = (await api('topics.save', { topic: { name: '極光電信', query: '極光電信', color: '#4cc9f0' } })).id;
  const source = await api('sources.add', {
    name: 'PTT fixture',
    kind: 'feed',
    config: { url: `${feed.url}/ptt.xml`, allowPrivate: true },
    intervalSec: 3600,
  });
  await api('sources.pollNow', { id: source.id });
  for (let i = 0; (await api('mentions.search', { topicId })).total < 8; i++) {
    if (i > 150) throw new Error('the calm stretch was not stored');
    await new Promise((r) => setTimeout(r, 100));
  }
  await api('rules.save', { rule: { topicId, name: '極光電信 聲量', windowMin: 60, volumeYellow: 40, volumeRed: 80, severity: 'critical' } });
  const board = await api('boards.save', {
    board: {
      name: '應變',
      panels: [
        { id: 'l', kind: 'lights', topicIds: [topicId], windowMin: 60, x: 0, y: 0, w: 4, h: 6 },
        { id: 'v', kind: 'volume', topicIds: [topicId], windowMin: 60, x: 4, y: 0, w: 8, h: 6 },
        { id: 's', kind: 'stream', topicIds: [topicId], windowMin: 60, x: 0, y: 6, w: 6, h: 5 },
        { id: 'h', kind: 'heat', topicIds: [topicId], windowMin: 60, x: 6, y: 6, w: 6, h: 5 },
      ],
    },
  });
  boardId = board.id;
  (globalThis as { __source?: number }).__source = source.id;
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await feed?.close();
});

describe('responding to a red light', () => {
  test('burst → red → notified → evidence → acknowledged with a note → count 0 → spike opens its bucket → presenter before the burst is green', async () => {
    const page = await openPage(`/wall/${boardId}`);
    const light = page.getByTestId('light').first();
    await expect.poll(() => light.getAttribute('data-color'), { timeout: 15_000 }).toBe('green');
    expect(await count(page)).toBe(0);
    // Readable from across the room: no text on the board under 16 px at 1920×1080.
    await page.locator('section.panel[data-kind="stream"][data-state="ready"]').waitFor({ timeout: 10_000 });
    const tiny = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main.board *'))
        .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim()) && (el as HTMLElement).offsetParent !== null)
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
        .map((el) => `${el.closest('section.panel')?.getAttribute('data-kind')}: ${el.textContent!.trim().slice(0, 20)} ${getComputedStyle(el).fontSize}`),
    );
    expect(tiny).toEqual([]);

    const now = Date.now();
    feed.route('/ptt.xml', {
      body: rssFeed(
        Array.from({ length: 120 }, (_, i) => ({
          guid: `burst-${i}`,
          title: `[問卦] 極光電信是不是又全面斷訊了 ${i}`,
          text: `極光電信從中午斷訊到現在，客服完全打不通，爛透了，要求退費賠償！！ 第${i}樓`,
          date: new Date(now - (i % 50) * 1000),
        })),
      ),
    });
    await api('sources.pollNow', { id: (globalThis as { __source?: number }).__source! });

    // Red on the wall, the header red, a notification raised in the page, the count up.
    await expect.poll(() => light.getAttribute('data-color'), { timeout: 30_000 }).toBe('red');
    await expect.poll(() => page.evaluate(() => document.body.dataset.alarm)).toBe('red');
    // The notification follows the alert event, which can land a moment after the lights' colour.
    const readNotified = () => page.evaluate(() => (window as unknown as { __notified: { title: string; body: string }[] }).__notified);
    await expect.poll(async () => (await readNotified()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const notified = await readNotified();
    expect(notified[0]!.title).toContain('極光電信');
    expect(notified[0]!.body).toMatch(/則提及/);
    await expect.poll(() => count(page)).toBeGreaterThanOrEqual(1);
    expect(await page.title()).toMatch(/未確認/);
    await expect.poll(() => page.getByTestId('wall-alert-count').isVisible()).toBe(true);

    // The takeover stays, and says what fired in 繁中 with the line it crossed.
    const takeover = page.getByTestId('takeover');
    await takeover.waitFor();
    expect(await page.getByTestId('takeover-reason').innerText()).toMatch(/則提及.*門檻 80/);
    await screenshot(page, 'respond-takeover-1920x1080');
    await page.waitForTimeout(1500);
    expect(await takeover.isVisible()).toBe(true);
    // This browser asks for reduced motion (tests/e2e/helpers.ts): the page has no beat, and the
    // takeover's glow holds still, shown (lib/beat.ts).
    expect(await page.evaluate(() => document.documentElement.dataset.beat)).toBe('still');
    expect(await takeover.locator('.box').evaluate((el) => getComputedStyle(el, '::before').visibility)).toBe('visible');

    // Evidence: the alert with its mentions, opened in place.
    await page.getByTestId('takeover-evidence').click();
    await page.waitForURL(/\/alerts\?.*id=\d+/);
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    const id = Number(await detail.getAttribute('data-id'));
    red = (await api('alerts.list', { ruleId: undefined, limit: 10 })).find((a) => a.id === id)!;
    expect(red.to).toBe('red');
    expect(await page.getByTestId('alert-reason').innerText()).toMatch(/則提及，達門檻 80 則/);
    const evidence = page.getByTestId('evidence-mention');
    await expect.poll(() => evidence.count()).toBeGreaterThan(0);
    expect(await evidence.first().innerText()).toContain('極光電信');
    await evidence.first().locator('button.row').click();
    expect(await page.getByTestId('evidence-open').innerText()).toContain('斷訊');
    // The chart's series is its own call: on a loaded machine it can land after the evidence.
    await expect.poll(() => page.getByTestId('alert-chart').getAttribute('data-points').then(Number)).toBeGreaterThan(0);
    expect(await page.getByTestId('alert-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'respond-alert-1920x1080');

    // Acknowledged with a note: who and when are said, the count falls to 0, the title calms.
    await page.getByTestId('ack-who').fill('值班 小林');
    await page.getByTestId('ack-note').fill('已通知客服與公關，斷訊公告 18:20 發出');
    await page.getByTestId('ack-button').click();
    const acked = page.getByTestId('alert-acked');
    await acked.waitFor();
    expect(await acked.innerText()).toMatch(/值班 小林於 .* 確認/);
    await expect.poll(() => count(page)).toBe(0);
    expect(await page.title()).not.toMatch(/未確認/);
    expect((await api('alerts.list', { limit: 10 })).find((a) => a.id === id)!.note).toContain('已通知客服');
    await screenshot(page, 'respond-inbox-1920x1080');

    // Back to the wall; a click on the volume spike opens Explore on that topic and bucket.
    await page.goBack();
    await page.waitForURL(new RegExp(`/wall/${boardId}$`));
    await page.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor({ timeout: 10_000 });
    const chartEl = page.getByTestId('volume-chart');
    await page.waitForTimeout(800); // the chart's entry animation
    const spike = await chartEl.evaluate((el, tid) => {
      type Inst = {
        getOption(): { series: { id: string; data: [number, number][] }[] };
        convertToPixel(finder: unknown, value: [number, number]): [number, number];
      };
      const inst = (el as unknown as { echartsInstance: Inst }).echartsInstance;
      const points = inst
        .getOption()
        .series.filter((s) => s.id === `topic-${tid}` || s.id === `partial-${tid}`)
        .flatMap((s) => s.data);
      const top = points.reduce((a, b) => (b[1] > a[1] ? b : a));
      const [x, y] = inst.convertToPixel({ seriesId: `topic-${tid}` }, top);
      return { x, y, at: top[0], value: top[1] };
    }, topicId);
    expect(spike.value).toBeGreaterThan(50);
    const box = (await chartEl.boundingBox())!;
    await page.mouse.click(box.x + spike.x, box.y + spike.y);
    await page.waitForURL(/\/explore\?/);
    const url = new URL(page.url());
    expect(Number(url.searchParams.get('topic'))).toBe(topicId);
    expect(Number(url.searchParams.get('from'))).toBe(spike.at);
    await expect.poll(async () => digits(await page.getByTestId('explore-total').innerText()), { timeout: 10_000 }).toBe(spike.value);
    const rows = page.getByTestId('explore-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toContain('極光電信');
    await screenshot(page, 'respond-explore-1920x1080');

    // Reload: the same filters come back from the address.
    await page.reload();
    await expect.poll(async () => digits(await page.getByTestId('explore-total').innerText()), { timeout: 10_000 }).toBe(spike.value);

    // Explore speaks the topic language: both words, AND, 简体 for 繁體, exclusions; the query is shareable.
    // Each total is polled to its expected value: the first number on a fresh page can belong
    // to a load that a reconnect then replaces. A wrong count still fails, with the query named.
    const total = async (q: string, expected: number) => {
      await page.goto(`${station.origin}/explore?${new URLSearchParams({ q, range: '24h' })}`);
      await expect
        .poll(async () => digits(await page.getByTestId('explore-total').innerText()), { timeout: 10_000, message: `Explore's total for ${q}` })
        .toBe(expected);
    };
    await total('斷訊', 120);
    await total('断讯', 120);
    await total('極光 斷訊', 120);
    await total('極光 AND 斷訊', 120);
    await total('極光電信 -斷訊', 8);
    expect(await page.getByTestId('explore-search').inputValue()).toBe('極光電信 -斷訊');

    // Presenter mode scrubbed to before the burst: the light shows the green it had then.
    await page.goto(`${station.origin}/wall/${boardId}?present=1`);
    await page.getByTestId('presenter-bar').waitFor();
    expect(await light.getAttribute('data-color')).toBe('red');
    const minutesBack = Math.ceil((Date.now() - red.at) / 60_000) + 1;
    await page.getByTestId('scrub').fill(String(minutesBack));
    await expect.poll(() => page.getByTestId('frozen-badge').isVisible()).toBe(true);
    await expect.poll(() => light.getAttribute('data-color'), { timeout: 10_000 }).toBe('green');
    await page.close();
  });

  test('a stream item opens in place with its link out a button; a heat cell opens Explore on its bucket', async () => {
    const page = await openPage(`/wall/${boardId}`);
    const item = page.getByTestId('stream-item').first();
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    const detail = page.getByTestId('stream-detail');
    await detail.waitFor();
    expect(page.url()).toMatch(new RegExp(`/wall/${boardId}$`));
    expect(await detail.getByRole('button').count()).toBeGreaterThan(0);

    await page.locator('section.panel[data-kind="heat"][data-state="ready"]').waitFor({ timeout: 10_000 });
    const heat = page.getByTestId('heat-chart');
    await page.waitForTimeout(800);
    const cell = await heat.evaluate((el) => {
      type Inst = {
        getOption(): { series: { data: { value: [number, number, number, number] }[] }[] };
        convertToPixel(finder: unknown, value: [number, number]): [number, number];
      };
      const inst = (el as unknown as { echartsInstance: Inst }).echartsInstance;
      const top = inst.getOption().series[0]!.data.reduce((a, b) => (b.value[3] > a.value[3] ? b : a));
      const [x, y] = inst.convertToPixel({ seriesIndex: 0 }, [top.value[0], top.value[1]]);
      return { x, y, count: top.value[3] };
    });
    const box = (await heat.boundingBox())!;
    await page.mouse.click(box.x + cell.x, box.y + cell.y);
    await page.waitForURL(/\/explore\?/);
    expect(Number(new URL(page.url()).searchParams.get('topic'))).toBe(topicId);
    await expect.poll(async () => digits(await page.getByTestId('explore-total').innerText()), { timeout: 10_000 }).toBe(cell.count);
    // In Explore a tag and a correction can be taken back.
    await page.getByTestId('explore-row').first().click();
    const detailPane = page.getByTestId('explore-detail');
    await page.getByTestId('tag-input').fill('待查');
    await page.getByTestId('tag-input').press('Enter');
    await expect.poll(() => detailPane.locator('.tag').allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining('待查')]);
    await page.getByTestId('detail-undo').getByRole('button').click();
    await expect.poll(() => detailPane.locator('.tag').count(), { timeout: 5000 }).toBe(0);
    const before = await page.getByTestId('detail-label').getAttribute('data-label');
    const other = before === 'positive' ? 'neutral' : 'positive';
    await page.getByTestId(`correct-${other}`).click();
    await expect.poll(() => page.getByTestId('detail-label').getAttribute('data-label'), { timeout: 5000 }).toBe(other);
    await page.getByTestId('detail-undo').getByRole('button').click();
    await expect.poll(() => page.getByTestId('detail-label').getAttribute('data-label'), { timeout: 5000 }).toBe(before);

    await page.goBack();
    await page.getByTestId('light').first().waitFor();
    await page.close();
  });

  test('the board editor puts a new panel into free space, undoes and redoes, and asks before throwing edits away', async () => {
    const page = await openPage(`/wall/${boardId}`);
    const panels = page.locator('section.panel');
    await expect.poll(() => panels.count(), { timeout: 10_000 }).toBe(4);
    await page.keyboard.press('e');
    const editor = page.getByTestId('board-editor');
    await editor.waitFor();
    await page.getByTestId('panel-add').click();
    await expect.poll(() => panels.count()).toBe(5);
    // Nothing overlaps, and the panels already there keep a useful height.
    const boxes = await panels.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    for (const [i, a] of boxes.entries()) {
      expect(a.height).toBeGreaterThan(120);
      for (const b of boxes.slice(i + 1)) {
        const apart = a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
        expect(apart).toBe(true);
      }
    }
    await page.waitForTimeout(500);
    await page.getByTestId('editor-undo').click();
    await expect.poll(() => panels.count()).toBe(4);
    await page.getByTestId('editor-redo').click();
    await expect.poll(() => panels.count()).toBe(5);

    // Esc with unsaved changes asks first: "no" keeps the edits, "yes" throws them away.
    let asked = '';
    page.once('dialog', (d) => ((asked = d.message()), void d.dismiss()));
    await page.keyboard.press('Escape');
    await expect.poll(() => asked).toMatch(/尚未儲存/);
    expect(await editor.isVisible()).toBe(true);
    page.once('dialog', (d) => void d.accept());
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => panels.count()).toBe(4);
    await page.close();
  });

  test('screenshots of the inbox, an alert, the takeover and Explore at 3840×2160', async () => {
    // The takeover over a 4K wall: a drill rule, calm first (a rule's first colour is not news),
    // then its lines lowered so it turns red at once.
    const wall = await openPage(`/wall/${boardId}?takeover=1`, 3840, 2160);
    await wall.getByTestId('light').first().waitFor();
    const drill = await api('rules.save', { rule: { topicId, name: '演練', windowMin: 60, volumeYellow: 1_000_000, volumeRed: 2_000_000 } });
    await api('rules.save', { rule: { topicId, id: drill.id, name: '演練', windowMin: 60, volumeYellow: 1, volumeRed: 2 } });
    await wall.getByTestId('takeover').waitFor({ timeout: 20_000 });
    await screenshot(wall, 'respond-takeover-3840x2160');
    await wall.keyboard.press('Space');
    await wall.getByTestId('takeover').waitFor({ state: 'detached' });
    await wall.close();

    const page = await openPage(`/alerts?id=${red.id}`, 3840, 2160);
    await page.getByTestId('alert-detail').waitFor();
    await page.getByTestId('evidence-mention').first().waitFor();
    await screenshot(page, 'respond-alert-3840x2160');
    await page.goto(`${station.origin}/alerts?state=all`);
    await page.getByTestId('alert-row').first().waitFor();
    await screenshot(page, 'respond-inbox-3840x2160');
    await page.goto(`${station.origin}/explore?topic=${topicId}&range=24h`);
    await page.getByTestId('explore-row').first().waitFor();
    await screenshot(page, 'respond-explore-3840x2160');
    await page.close();
  });
});

describe('the engine says nothing in English', () => {
  // The engine's own sentences: alert reasons and the wording of its checks.
  const ENGLISH = /mentions in \d|within limits|negative \d+%|no data yet|usually \d|too few to judge|no new mentions|must be|Expected|Required|Invalid|unclosed|syntax|expected/;

  for (const [locale, words] of [
    ['zh-Hant', { mentions: '則提及', acked: '確認', badQuery: /查詢語法有誤，在第 \d+ 個字元附近/ }],
    ['zh-Hans', { mentions: '条提及', acked: '确认', badQuery: /查询语法有误，在第 \d+ 个字符附近/ }],
  ] as const) {
    test(`${locale}: the inbox, an alert, the wall's lights and a refused query`, async () => {
      const page = await openPage(`/alerts?id=${red.id}&state=all`, 1920, 1080, locale);
      await page.getByTestId('alert-detail').waitFor();
      await page.getByTestId('evidence-mention').first().waitFor();
      const alertText = await page.locator('body').innerText();
      expect(alertText).toContain(words.mentions);
      expect(alertText).toContain(words.acked);
      expect(alertText).not.toMatch(ENGLISH);
      expect(alertText).not.toContain(red.reason);

      // The wall: each light's words (and its tooltip) in the UI language.
      await page.goto(`${station.origin}/wall/${boardId}`);
      const light = page.getByTestId('light').first();
      await light.waitFor();
      expect(await light.getAttribute('title')).not.toMatch(ENGLISH);
      expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);

      // A query the engine refuses, said from its code at its position, in the UI language.
      await page.goto(`${station.origin}/explore?q=${encodeURIComponent('極光 AND')}`);
      const refused = page.locator('.error[role="alert"]').first();
      await refused.waitFor({ timeout: 10_000 });
      expect(await refused.innerText()).toMatch(words.badQuery);
      expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
      await page.close();
    });
  }
});
