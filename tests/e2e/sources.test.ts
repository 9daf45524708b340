/// <reference lib="dom" />
// The Sources view in real Chromium: a feed added through the form, pointing at a real
// fixture server on 127.0.0.1, is tested (dry run), saved, polled, and its items appear —
// on its row and in Explore. Bad input is refused with the reason beside the field. A big file
// dropped into a watched folder shows its rate and time left while it is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { launchBrowser, screenshot, startStation, withToken, type RunningStation } from './helpers';

let station: RunningStation;
let browser: Browser;
let fixture: FixtureServer;

beforeAll(async () => {
  [station, browser, fixture] = await Promise.all([startStation(), launchBrowser(), startFixtureServer()]);
  const now = Date.now();
  fixture.route('/news.xml', {
    body: rssFeed(
      [
        { guid: 'n1', title: '捷運新路線通車', text: '捷運環狀線今天通車，通勤族說終於不用轉兩次車', date: new Date(now - 60_000) },
        { guid: 'n2', title: '颱風假消息', text: '颱風逼近，各縣市將於晚間八點公布是否停班停課', date: new Date(now - 120_000) },
      ],
      { title: 'Fixture news' },
    ),
  });
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await fixture?.close();
});

/** The sources room in a new page: from the wall by its link (`fromWall`), else at its own address. */
async function openSources(fromWall = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  if (fromWall) {
    await page.goto(station.url);
    await page.getByRole('link', { name: '來源' }).click();
  } else {
    await page.goto(withToken(station, '/sources'));
  }
  await page.getByTestId('source-add').waitFor();
  return page;
}

describe('sources', () => {
  test('a bad feed is refused with the reason beside the field', async () => {
    const page = await openSources(true);
    await page.getByTestId('source-add').click();
    await page.getByTestId('source-name').fill('壞的來源');
    await page.getByTestId('source-url').fill('ftp://example.com/feed');
    await page.getByTestId('source-save').click();
    await expect.poll(() => page.getByTestId('issue-url').innerText()).toMatch(/http/);
    expect(await page.getByTestId('source-row').count()).toBe(0);
    await page.close();
  });

  test('a feed that cannot be fetched says so in Chinese, with the feed\'s own answer set apart', async () => {
    const page = await openSources();
    await page.getByTestId('source-add').click();
    await page.getByTestId('source-name').fill('不見的來源');
    await page.getByTestId('source-url').fill(`${fixture.url}/gone.xml`);
    await page.getByTestId('source-private').check();
    await page.getByTestId('source-test').click();
    const error = page.getByTestId('source-form-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('試抓來源失敗');
    expect(await error.locator('code').innerText()).toContain('404');
    // The sentence itself is Chinese: the engine's English stays in the detail line.
    const sentence = await error.evaluate((el) => el.firstChild?.textContent?.trim() ?? '');
    expect(sentence).not.toMatch(/[A-Za-z]{3,}/);
    await screenshot(page, 'sources-error-1920x1080');
    await page.close();
  });

  test('a feed added through the form is tested, saved, polled, and its items appear', async () => {
    const page = await openSources();
    await page.getByTestId('source-add').click();
    await page.getByTestId('source-name').fill('測試新聞');
    await page.getByTestId('source-url').fill(`${fixture.url}/news.xml`);
    await page.getByTestId('source-private').check();

    await page.getByTestId('source-test').click();
    const preview = page.getByTestId('source-test-result');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('捷運新路線通車');

    await page.getByTestId('source-save').click();
    const row = page.locator('[data-testid="source-row"][data-name="測試新聞"]');
    await row.waitFor();
    await expect.poll(() => row.getByTestId('source-items').innerText(), { timeout: 15_000 }).toMatch(/^2 /);
    await expect.poll(() => row.getAttribute('data-color')).toBe('green');
    await screenshot(page, 'sources-1920x1080');

    await page.getByRole('link', { name: '探索' }).click();
    await page.getByTestId('explore-search').fill('捷運');
    await page.getByTestId('explore-search').press('Enter');
    await expect.poll(() => page.getByTestId('explore-row').first().innerText()).toContain('捷運新路線通車');
    await page.close();
  });

  test('an export dropped into a watched folder says how long it took; a big one shows how fast it is read and about how long is left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-e2e-drop-'));
    const res = await fetch(`${station.origin}/api/sources.add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${station.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '匯出資料夾', kind: 'folder', config: { path: dir, preset: 'generic', contents: 'mentions' } }),
    });
    expect(res.status).toBe(200);
    const page = await openSources();
    const row = page.locator('[data-testid="source-row"][data-name="匯出資料夾"]');
    await row.waitFor();

    const exportOf = (rows: number) => {
      const lines = ['id,title,text,author,published_at,reach'];
      const texts = ['颱風逼近，各縣市將於晚間公布是否停班停课', '极光电信又断讯了，客服一直打不通', 'Power is out across the east side again', '捷運環狀線今天通車，通勤族說終於不用轉車'];
      for (let i = 0; i < rows; i++) lines.push(`r${rows}-${i},第 ${i} 則,"${texts[i % 4]} #${i}",reader${i % 700},2026-11-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z,${i % 5000}`);
      return lines.join('\n') + '\n';
    };
    const drop = (name: string, rows: number) => {
      const staged = path.join(os.tmpdir(), `fh-e2e-${process.pid}-${name}`);
      fs.writeFileSync(staged, exportOf(rows));
      fs.renameSync(staged, path.join(dir, name));
    };

    // A file read whole says how long it took and how fast.
    drop('small-export.csv', 2_000);
    const small = row.locator('[data-testid="source-import"]', { hasText: 'small-export.csv' });
    await small.getByTestId('import-took').waitFor({ timeout: 120_000 });
    expect(await small.getAttribute('data-state')).toBe('done');
    expect(await small.getByTestId('import-took').innerText()).toMatch(/^2,000 列，費時 .+，每秒 [\d,]+ 列$/);
    await expect(small.getByTestId('import-left').count()).resolves.toBe(0);
    await screenshot(page, 'sources-import-done-1920x1080');

    // Long enough to be read for well over the few seconds a time left waits for: thirty times
    // the small file's own rate (a station that reads 14,000 rows a second finishes 60,000 before
    // a time left would mean anything), and never fewer than 150,000 rows.
    const smallRate = Number((await small.getByTestId('import-took').innerText()).match(/每秒 ([\d,]+) 列/)![1]!.replace(/,/g, ''));
    drop('big-export.csv', Math.min(2_000_000, Math.max(150_000, smallRate * 30)));
    const big = row.locator('[data-testid="source-import"]', { hasText: 'big-export.csv' });
    await big.getByTestId('import-rate').waitFor({ timeout: 60_000 });
    expect(await big.getByTestId('import-rate').innerText()).toMatch(/^每秒 [\d,]+ 列$/);
    await big.getByTestId('import-left').waitFor({ timeout: 60_000 });
    expect(await big.getByTestId('import-left').innerText()).toMatch(/^約剩 \d+ (秒|分鐘)( \d+ 分鐘)?$/);
    expect(await big.getAttribute('data-state')).toBe('reading');
    await screenshot(page, 'sources-import-1920x1080');

    // Removing the source stops the reading (the rest of the file is not the test's business).
    const removed = await fetch(`${station.origin}/api/sources.remove`, {
      method: 'POST',
      headers: { authorization: `Bearer ${station.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: (await res.json()).id }),
    });
    expect(removed.status).toBe(200);
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  test('a source can be disabled and enabled again', async () => {
    const page = await openSources();
    const row = page.locator('[data-testid="source-row"][data-name="測試新聞"]');
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.getAttribute('data-color')).toBe('gray');
    await row.getByRole('button', { name: '啟用' }).click();
    await expect.poll(() => row.getAttribute('data-color')).not.toBe('gray');
    await page.close();
  });
});
