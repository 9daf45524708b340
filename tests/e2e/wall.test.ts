/// <reference lib="dom" />
// The Wall in real Chromium against a real demo station started with `fenghuo serve`.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startStation, stationApi, withToken, type RunningStation } from './helpers';

let station: RunningStation;
let browser: Browser;

beforeAll(async () => {
  [station, browser] = await Promise.all([startStation({ demo: true }), launchBrowser({ motion: true })]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

async function openWall(width = 1920, height = 1080): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(station.url);
  return page;
}

/** The wall's panels of a kind that show data (not loading, not empty, not an error). */
function readyPanel(page: Page, kind: string) {
  return page.locator(`section.panel[data-kind="${kind}"][data-state="ready"]`);
}

describe('the wall', () => {
  // How fast the wall fills belongs in `npm run bench`, not in an assertion: this test proves
  // that it fills, with waits generous enough for a loaded CI machine.
  test('the demo wall shows the three panels with data after load', async () => {
    const page = await openWall();
    const within = { timeout: 20_000 };

    await expect.poll(() => readyPanel(page, 'volume').count(), within).toBe(1);
    await expect.poll(() => readyPanel(page, 'heat').count(), within).toBe(1);
    await expect.poll(() => page.locator('[data-testid="light"]').count(), within).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="stream-rows"] li').count(), within).toBeGreaterThan(0);
    // The stream draws the rows that fit its panel, and fills it; not the hundred it keeps (a busy
    // station turned all of them over a few times a second). A row's least height decides how
    // many could show, so a few more are drawn than show: never as many again.
    const drawn = () =>
      page.getByTestId('stream-rows').evaluate((list) => {
        const bottom = list.getBoundingClientRect().bottom;
        const tops = Array.from(list.querySelectorAll('li'), (li) => li.getBoundingClientRect().top);
        return { shown: tops.filter((top) => top < bottom).length, below: tops.filter((top) => top >= bottom).length };
      });
    await expect.poll(async () => (await drawn()).below, within).toBeGreaterThan(0);
    const rows = await drawn();
    expect(rows.below, JSON.stringify(rows)).toBeLessThan(rows.shown);
    // Every blink follows the page's one beat (this browser does not ask for reduced motion).
    const beats = new Set<string | undefined>();
    await expect
      .poll(async () => (beats.add(await page.evaluate(() => document.documentElement.dataset.beat)), [...beats].sort()), within)
      .toEqual(['off', 'on']);

    // Charts drew on real canvases, and the volume headline counts mentions.
    for (const kind of ['volume', 'heat']) {
      const size = await readyPanel(page, kind)
        .locator('canvas')
        .first()
        .evaluate((c: HTMLCanvasElement) => c.width * c.height);
      expect(size, `${kind} canvas`).toBeGreaterThan(0);
    }
    const total = await page.getByTestId('volume-total').locator('b').innerText();
    expect(Number(total.replace(/\D/g, ''))).toBeGreaterThan(0);

    // Every light has a colour class and says its state in words too.
    const lights = await page.locator('[data-testid="light"]').evaluateAll((els) =>
      els.map((el) => ({ cls: el.className, color: el.getAttribute('data-color'), words: el.textContent ?? '' })),
    );
    for (const l of lights) {
      expect(l.cls).toMatch(/light-(green|yellow|red|gray)/);
      expect(l.words).toMatch(/正常|注意|警戒|無資料/);
    }

    // The header: a running clock, the demo badge, the live link.
    await expect.poll(() => page.getByTestId('clock').innerText()).toMatch(/\d\d:\d\d:\d\d/);
    expect(await page.getByTestId('demo-badge').innerText()).toContain('DEMO');
    await expect.poll(() => page.getByTestId('link-status').innerText()).toContain('即時連線');

    // No scrollbars on the wall.
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth > innerWidth,
      y: document.documentElement.scrollHeight > innerHeight,
    }));
    expect(overflow).toEqual({ x: false, y: false });

    await page.waitForTimeout(800); // let the chart animations settle for the picture
    await screenshot(page, 'wall-1920x1080');
    await page.close();
  });

  test('the token leaves the address bar', async () => {
    const page = await openWall();
    await readyPanel(page, 'volume').waitFor();
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(station.token);
    // And the page still reaches the station with the cookie alone after a reload.
    await page.reload();
    await readyPanel(page, 'volume').waitFor({ timeout: 20_000 });
    await page.close();
  });

  test('the wall reads from across the room on a 4K screen', async () => {
    const page = await openWall(3840, 2160);
    await readyPanel(page, 'volume').waitFor({ timeout: 20_000 });
    await readyPanel(page, 'heat').waitFor({ timeout: 20_000 });
    // 1 rem scales with the screen: about twice the 1080p size.
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rem).toBeGreaterThan(28);
    await page.waitForTimeout(800);
    await screenshot(page, 'wall-3840x2160');
    await page.close();
  });

  test("a topic's query edited elsewhere: the wall redraws its history when the re-tag ends, not at its next slow reload", async () => {
    const api = <T,>(method: string, params: unknown) => stationApi<T>(station, method, params);
    // No live mentions meanwhile: only the re-tag can change the panel.
    const sources = await api<{ id: number; enabled: boolean }[]>('sources.list', {});
    for (const s of sources) await api('sources.update', { id: s.id, enabled: false });
    try {
      const topic = await api<{ id: number; name: string; color: string }>('topics.save', { topic: { name: '編輯中的主題', query: 'zzqqxxnothing' } });
      const board = await api<{ id: number }>('boards.save', {
        board: { name: 're-tag', panels: [{ id: 'v', kind: 'volume', topicIds: [topic.id], windowMin: 360, x: 0, y: 0, w: 12, h: 6 }] },
      });
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(withToken(station, `/wall/${board.id}`));
      await page.locator('section.panel[data-kind="volume"][data-state="empty"]').waitFor({ timeout: 20_000 });
      // The query now matches the demo's history; the re-tag of the last day writes its links.
      await api('topics.save', { topic: { id: topic.id, name: topic.name, color: topic.color, query: '極光 OR Aurora' } });
      const r = await api<{ tagged: number }>('topics.retag', { id: topic.id, days: 1 });
      expect(r.tagged).toBeGreaterThan(0);
      // The panel reloads every 30 s on its own; the re-tag's end redraws it well before that.
      await readyPanel(page, 'volume').waitFor({ timeout: 15_000 });
      expect(Number((await page.getByTestId('volume-total').locator('b').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
      await page.close();
    } finally {
      for (const s of sources) if (s.enabled) await api('sources.update', { id: s.id, enabled: true });
    }
  });

  test('when the station stops, the wall says stale since …; when it comes back, the overlay goes away', async () => {
    const page = await openWall();
    await readyPanel(page, 'volume').waitFor();
    await expect.poll(() => page.getByTestId('link-status').innerText()).toContain('即時連線');
    await expect(page.getByTestId('stale-banner').count()).resolves.toBe(0);

    const { port, dataDir, token } = station;
    await station.stop();

    const banner = page.getByTestId('stale-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toMatch(/與站台失去連線 · 資料停在 \d\d:\d\d:\d\d/);
    // The numbers stay on screen, dimmed.
    expect(await readyPanel(page, 'volume').count()).toBe(1);
    await expect.poll(() => page.locator('main.board').evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.6);
    await screenshot(page, 'wall-stale-1920x1080');

    station = await startStation({ demo: true, port, dataDir, token });
    await banner.waitFor({ state: 'detached', timeout: 45_000 });
    await expect.poll(() => page.getByTestId('link-status').innerText()).toContain('即時連線');
    await readyPanel(page, 'volume').waitFor();
    await page.close();
  });
});
