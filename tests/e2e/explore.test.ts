/// <reference lib="dom" />
// Explore in real Chromium against a real demo station: search (a two-character Chinese word
// through the substring fallback, a longer phrase through FTS5), the mention in detail, a
// sentiment correction that survives a reload, the learned model, and export.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { downloaded, launchBrowser, screenshot, startStation, stationApi, withToken, type RunningStation } from './helpers';

let station: RunningStation;
let browser: Browser;

beforeAll(async () => {
  [station, browser] = await Promise.all([startStation({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

const api = <T>(method: string, params: unknown) => stationApi<T>(station, method, params);

/** Explore in a new page: from the wall by its link (`fromWall`), else at its own address. */
async function openExplore(width = 1920, height = 1080, fromWall = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  if (fromWall) {
    await page.goto(station.url);
    await page.getByRole('link', { name: '探索' }).click();
  } else {
    await page.goto(withToken(station, '/explore'));
  }
  await page.getByTestId('explore-search').waitFor();
  return page;
}

const rows = (page: Page) => page.getByTestId('explore-row');
const total = async (page: Page) => Number((await page.getByTestId('explore-total').innerText()).replace(/\D/g, ''));

async function search(page: Page, q: string): Promise<void> {
  await page.getByTestId('explore-search').fill(q);
  await page.getByTestId('explore-search').press('Enter');
  await expect.poll(() => page.getByTestId('explore-total').innerText()).toMatch(/\d/);
}

describe('explore', () => {
  test('finds a two-character Chinese word and a longer phrase; rows are virtualised', async () => {
    const page = await openExplore(1920, 1080, true);
    await expect.poll(() => total(page), { timeout: 10_000 }).toBeGreaterThan(100);
    // Only the visible rows exist, however many mentions there are.
    expect(await rows(page).count()).toBeLessThan(40);

    // The topic language folds scripts: 極光 finds 极光 too.
    await search(page, '極光');
    await expect.poll(async () => /極光|极光/.test(await rows(page).first().innerText())).toBe(true);
    const two = await total(page);
    expect(two).toBeGreaterThan(0);
    for (const text of await rows(page).allInnerTexts()) expect(text).toMatch(/極光|极光/);

    await search(page, '吃到飽');
    await expect.poll(async () => /吃到飽|吃到饱/.test(await rows(page).first().innerText())).toBe(true);
    expect(await total(page)).toBeLessThan(two + 1000);

    // Scrolling far down fetches further pages.
    await search(page, '');
    await expect.poll(() => total(page)).toBeGreaterThan(300);
    await page.getByTestId('explore-list').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(async () => (await rows(page).first().innerText()).includes('…')).toBe(false);
    expect(await rows(page).count()).toBeLessThan(40);
    await page.close();
  });

  test('a sentiment correction changes the label and survives a reload', async () => {
    const page = await openExplore();
    await search(page, '極光');
    // The demo keeps publishing: follow this one mention, not whichever row is first.
    const id = await rows(page).first().getAttribute('data-id');
    const row = page.locator(`[data-testid="explore-row"][data-id="${id}"]`);
    await row.click();
    const detail = page.getByTestId('detail-label');
    await detail.waitFor();
    const before = await detail.getAttribute('data-label');
    const to = before === 'positive' ? 'negative' : 'positive';
    await page.getByTestId(`correct-${to}`).click();
    await expect.poll(() => detail.getAttribute('data-label')).toBe(to);
    await expect.poll(() => row.getAttribute('data-label')).toBe(to);
    expect(await detail.innerText()).toMatch(/已人工修正/);
    await screenshot(page, 'explore-1920x1080');
    // Undo puts the analyzer's label back: no "corrected" mark, nothing for the model to learn.
    await page.getByTestId('detail-undo').getByRole('button').click();
    await expect.poll(() => detail.getAttribute('data-label')).toBe(before);
    await expect.poll(() => detail.innerText()).not.toMatch(/已人工修正/);
    await page.getByTestId(`correct-${to}`).click();
    await expect.poll(() => detail.getAttribute('data-label')).toBe(to);

    await page.reload();
    await search(page, '極光');
    await row.click();
    await expect.poll(() => page.getByTestId('detail-label').getAttribute('data-label')).toBe(to);
    await expect.poll(() => page.getByTestId('detail-label').innerText()).toMatch(/已人工修正/);
    await page.close();
  });

  test('exports the results as CSV and XLSX downloads', async () => {
    const page = await openExplore();
    await search(page, '極光');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^fenghuo-mentions-\d+\.csv$/);
    const text = (await downloaded(csv)).toString('utf8');
    // The header row speaks the screen's language (繁體中文 here), not the engine's keys.
    expect(text.split('\r\n')[0]).toContain('發布時間');
    expect(text.split('\r\n')[0]).not.toContain('published_at');
    expect(text).toContain('極光');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect((await downloaded(xlsx)).subarray(0, 2).toString()).toBe('PK');
    await page.close();
  });

  test('retraining shows the cross-validated accuracy', async () => {
    const page = await openExplore();
    await page.getByTestId('retrain').click();
    await expect.poll(() => page.getByTestId('model-info').innerText()).toMatch(/\d+ 則修正/);
    await page.close();
  });

  test('the station room moves an old month to an archive file, and Explore still finds its mentions', async () => {
    // Three mentions four months back, pushed by a webhook: the demo's own mentions are recent.
    const hook = await api<{ config: { secret: string } }>('sources.add', { name: 'old export', kind: 'webhook', config: {} });
    const then = new Date();
    then.setUTCMonth(then.getUTCMonth() - 4, 15);
    const month = then.toISOString().slice(0, 7);
    const pushed = await fetch(`${station.origin}/ingest/${encodeURIComponent('old export')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hook.config.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([0, 1, 2].map((i) => ({ guid: `old-${i}`, text: `舊月份封存測試 第 ${i} 則`, publishedAt: then.getTime() + i * 60_000 }))),
    });
    expect(pushed.status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(withToken(station, '/station'));
    await page.getByTestId('live-bytes').waitFor();
    expect(await page.getByTestId('archive-list').count()).toBe(0);
    // Keep the last month: Save starts a run in the background, and the room follows it to the end.
    await page.getByTestId('keep-months').check();
    await page.getByRole('spinbutton', { name: '個月' }).fill('1');
    await page.getByRole('button', { name: '儲存' }).click();
    const list = page.getByTestId('archive-list');
    await expect.poll(() => list.locator('tbody tr').allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(new RegExp(`^${month}\\s+3\\s`)));
    await expect.poll(() => page.getByTestId('last-run').innerText()).toMatch(/移出 3 則提及/);
    await expect.poll(() => page.getByRole('button', { name: '立即封存' }).isEnabled()).toBe(true);
    await screenshot(page, 'station-archived');

    // A new page: the setting is kept, and Explore finds the archived month's mentions.
    await page.goto(withToken(station, '/station'));
    await expect.poll(() => page.getByTestId('keep-months').isChecked()).toBe(true);
    expect(await page.getByRole('spinbutton', { name: '個月' }).inputValue()).toBe('1');
    // Choosing to keep everything again says the archived month stays where it is.
    await page.getByTestId('keep-all').check();
    await expect.poll(() => page.getByTestId('stays-archived').innerText()).toContain('不會把它們移回即時檔案');
    // Asked to give the live file's free space back at the next start, the room says so, and can
    // call it off (a demo station under test is not restarted: the request stays a request).
    await api('station.compactAtStart', { on: true });
    await page.goto(withToken(station, '/station'));
    const compact = page.getByTestId('compact');
    await expect.poll(() => compact.innerText()).toContain('下次啟動時重寫即時檔案');
    // Inside the desktop app the room can restart the engine at once (the preload's extra, stood
    // in for here); a plain browser has no such button.
    expect(await compact.getByRole('button', { name: '立即重新啟動站台' }).count()).toBe(0);
    await page.addInitScript(() => {
      (window as unknown as { fenghuoNative: unknown }).fenghuoNative = {
        restartStation: async () => void ((window as unknown as { restarts: number }).restarts = ((window as unknown as { restarts?: number }).restarts ?? 0) + 1),
      };
    });
    await page.reload();
    await expect.poll(() => compact.innerText()).toContain('下次啟動時重寫即時檔案');
    await compact.getByRole('button', { name: '立即重新啟動站台' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { restarts?: number }).restarts)).toBe(1);
    await compact.getByRole('button', { name: '取消' }).click();
    await expect.poll(async () => (await api<{ compactAtStart: boolean }>('station.storage', {})).compactAtStart).toBe(false);
    await expect.poll(async () => (await compact.count()) === 0 || (await compact.innerText()).includes('下次啟動時還給磁碟')).toBe(true);
    await page.goto(withToken(station, '/explore'));
    await page.getByTestId('explore-search').waitFor();
    await search(page, '舊月份封存測試');
    await expect.poll(() => total(page)).toBe(3);
    for (const text of await rows(page).allInnerTexts()) expect(text).toContain('舊月份封存測試');
    await page.close();
  });

  test('the station room hands out a wall token shown once, the wall opens read-only with it, and revoking it ends it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(withToken(station, '/station'));
    const room = page.getByTestId('access-tokens');
    await room.getByTestId('token-name').fill('大廳戰情牆 2');
    await room.getByRole('button', { name: '發出權杖' }).click();
    const link = await room.getByTestId('token-link').inputValue();
    // This test station listens on loopback only, and the room says what that means for the link.
    expect(await room.getByTestId('local-only').innerText()).toContain('--host 0.0.0.0');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const row = room.locator('[data-testid="token-row"][data-name="大廳戰情牆 2"]');
    await expect.poll(() => row.innerText()).toMatch(/戰情牆（唯讀）.*有效/s);
    await screenshot(page, 'station-tokens');

    // Another screen (its own cookies) opens the link: the wall, live, read-only.
    let screen = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    let wall = await screen.newPage();
    await wall.goto(link);
    await expect.poll(() => wall.getByTestId('link-status').innerText()).toContain('即時連線');
    // The room lists it among the open screens (asked again every 5 s), by its token's name.
    const watching = page.getByTestId('screens');
    const listed = watching.locator('[data-testid="screen-row"][data-name="大廳戰情牆 2"]');
    await expect.poll(() => listed.count(), { timeout: 15_000 }).toBe(1);
    expect(await listed.innerText()).toMatch(/戰情牆（唯讀）\s+127\.0\.0\.1\s+Chrome \d+/);
    expect(await watching.getByTestId('load-cpu').innerText()).toMatch(/個核心|量測中/);
    // The wall reports what it shows and that it draws (its size, frames in a sampled second).
    await expect
      .poll(() => listed.getByTestId('screen-shows').innerText(), { timeout: 15_000 })
      .toMatch(/^戰情牆 · 戰情室 War room\s+1280×720 · \d+ fps/);
    await screenshot(page, 'station-screens');
    // The wall screen goes dark: it leaves the list, and the room says when it was last seen.
    await screen.close();
    const dark = watching.locator('[data-testid="dark-screen"][data-name="大廳戰情牆 2"]');
    await expect.poll(() => (dark.count().then((n) => (n ? dark.innerText() : ''))), { timeout: 15_000 }).toMatch(/未連線：最後連線於/);
    expect(await listed.count()).toBe(0);
    // Back on: listed again.
    screen = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    wall = await screen.newPage();
    await wall.goto(link);
    await expect.poll(() => wall.getByTestId('link-status').innerText()).toContain('即時連線');
    await expect.poll(() => listed.count(), { timeout: 15_000 }).toBe(1);
    expect(await dark.count()).toBe(0);
    expect(new URL(wall.url()).search).toBe('');
    const secret = new URL(link).searchParams.get('token')!;
    const asWall = (method: string, params: unknown) =>
      fetch(`${station.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
    expect((await asWall('lights.list', {})).status).toBe(200);
    expect((await asWall('topics.save', { topic: { name: 'x', query: 'x' } })).status).toBe(403);

    // Revoked: the row says so, the token opens nothing, and the open wall loses its link.
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '撤銷' }).click();
    await expect.poll(() => row.innerText()).toContain('已撤銷');
    expect((await asWall('lights.list', {})).status).toBe(401);
    await expect.poll(() => wall.getByTestId('link-status').innerText(), { timeout: 20_000 }).toContain('權杖無效');
    await expect.poll(() => wall.getByTestId('stale-banner').innerText()).toContain('存取權杖已被撤銷');
    await screenshot(wall, 'wall-token-revoked');

    // A public page's token opens the places page.
    await room.getByTestId('token-name').fill('市府公開頁');
    await room.getByTestId('token-role').selectOption('public');
    await room.getByRole('button', { name: '發出權杖' }).click();
    await expect.poll(() => room.getByTestId('token-link').inputValue()).toMatch(/\/public\/places\?token=/);
    await screen.close();
    await page.close();
  });

  test('no scrollbars or overflowing text at 1080p and 4K', async () => {
    for (const [w, h] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const page = await openExplore(w, h);
      await expect.poll(() => total(page)).toBeGreaterThan(0);
      await rows(page).first().click();
      await page.getByTestId('detail-label').waitFor();
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth > innerWidth,
        y: document.documentElement.scrollHeight > innerHeight,
      }));
      expect(overflow).toEqual({ x: false, y: false });
      await screenshot(page, `explore-${w}x${h}`);
      await page.close();
    }
  });
});
