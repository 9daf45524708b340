/// <reference lib="dom" />
// Presenter mode and wall mode in real Chromium against a demo station replaying live:
// freezing stops live updates, scrubbing looks back, a note appears on the volume chart,
// PNG export, the keyboard help, and no scrollbars or overflowing text on the default board.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { downloaded, launchBrowser, screenshot, screenshotDir, startStation, takingScreenshots, withToken, type RunningStation } from './helpers';

let station: RunningStation;
let browser: Browser;

beforeAll(async () => {
  // A fast replay, so live mentions keep arriving during the test.
  [station, browser] = await Promise.all([startStation({ demo: true, args: ['--speed', '30'] }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

async function openWall(path = '/', width = 1920, height = 1080): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  await page.goto(withToken(station, path));
  await page.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor({ timeout: 10_000 });
  return page;
}

const streamTop = (page: Page) => page.getByTestId('stream-rows').locator('li').first().innerText();

describe('presenter mode', () => {
  test('F freezes the board: live mentions stop arriving until it goes live again', async () => {
    const page = await openWall();
    // Live first: the stream's newest row changes as the replay delivers.
    const first = await streamTop(page);
    await expect.poll(() => streamTop(page), { timeout: 20_000 }).not.toBe(first);

    await page.keyboard.press('f');
    await page.getByTestId('frozen-badge').waitFor();
    // Freezing reloads the panels once, up to the frozen moment; from then on nothing moves.
    await page.waitForTimeout(1500);
    const frozenTop = await streamTop(page);
    const frozenTotal = await page.getByTestId('volume-total').innerText();
    await page.waitForTimeout(6000);
    expect(await streamTop(page)).toBe(frozenTop);
    expect(await page.getByTestId('volume-total').innerText()).toBe(frozenTotal);

    await page.keyboard.press('f');
    await page.getByTestId('frozen-badge').waitFor({ state: 'detached' });
    await expect.poll(() => streamTop(page), { timeout: 20_000 }).not.toBe(frozenTop);
    await page.close();
  });

  test('scrubbing back shows an earlier stretch; a note pinned there appears on the volume chart', async () => {
    const page = await openWall('/?present=1');
    await page.getByTestId('presenter-bar').waitFor();
    await page.getByTestId('scrub').fill('120'); // two hours back
    await expect.poll(() => page.getByTestId('frozen-badge').innerText()).toMatch(/已凍結/);
    const at = await page.getByTestId('board-time').innerText();

    await page.getByTestId('annotate').click();
    await page.getByTestId('note-input').fill('記者會開始');
    await page.getByTestId('note-input').press('Enter');
    await page.getByTestId('note-input').waitFor({ state: 'detached' });

    // The note is stored at the board's time and drawn as a marker line on the volume chart.
    const notes = await page.evaluate(async () => {
      const r = await fetch('/api/annotations.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 0, to: Date.now() + 60_000 }),
      });
      return (await r.json()) as { text: string; at: number }[];
    });
    expect(notes.map((n) => n.text)).toContain('記者會開始');
    expect(Date.now() - notes[0]!.at).toBeGreaterThan(110 * 60_000);
    await page.waitForTimeout(1200);
    await screenshot(page, 'presenter-1920x1080');
    const marker = await page.evaluate(() => {
      const el = document.querySelector('section.panel[data-kind="volume"] .chart') as HTMLElement & { getAttribute(n: string): string | null };
      const id = el.getAttribute('_echarts_instance_');
      return id !== null;
    });
    expect(marker).toBe(true);
    expect(at).toMatch(/\d\d:\d\d/);

    // PNG export downloads a real picture.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await downloaded(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
    if (takingScreenshots) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      fs.writeFileSync(path.join(screenshotDir, 'presenter-export.png'), bytes);
    }
    await page.close();
  });

  test('replay moves the board forward and goes live when it meets the present', async () => {
    const page = await openWall('/?present=1');
    await page.getByTestId('scrub').fill('30');
    await page.getByTestId('speed').selectOption('600');
    await page.getByTestId('replay').click();
    // Thirty minutes at 600× is three seconds of replay (five minutes, half a second, could end
    // before a loaded machine read the badge).
    await expect.poll(() => page.getByTestId('frozen-badge').innerText()).toMatch(/重播 600×/);
    await page.getByTestId('frozen-badge').waitFor({ state: 'detached', timeout: 20_000 });
    await page.close();
  });
});

describe('wall mode', () => {
  test('? shows the keyboard help; the cursor hides when idle', async () => {
    const page = await openWall();
    await page.keyboard.press('?');
    await page.getByTestId('help').waitFor();
    expect(await page.getByTestId('help').innerText()).toContain('凍結');
    await page.keyboard.press('Escape');
    await page.getByTestId('help').waitFor({ state: 'detached' });
    await page.mouse.move(200, 200);
    await expect.poll(() => page.locator('.wall').evaluate((el) => el.classList.contains('idle')), { timeout: 6000 }).toBe(true);
    await page.close();
  });

  test('with ?takeover=1 a light turning red takes over the screen until dismissed', async () => {
    const page = await openWall('/?takeover=1');
    await expect.poll(() => page.getByTestId('link-status').innerText()).toContain('即時連線');
    // A drill rule: first calm (a rule's first colour is not news), then its line lowered
    // to two mentions an hour, so it turns red at once.
    const status = await page.evaluate(async () => {
      const post = (m: string, body: unknown) =>
        fetch('/api/' + m, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const topics = (await (await post('topics.list', {})).json()) as { id: number }[];
      const rule = { topicId: topics[0]!.id, name: '演練', windowMin: 60, minVolume: 0 };
      const calm = (await (await post('rules.save', { rule: { ...rule, volumeYellow: 1_000_000, volumeRed: 2_000_000 } })).json()) as { id: number };
      const r = await post('rules.save', { rule: { ...rule, id: calm.id, volumeYellow: 1, volumeRed: 2 } });
      return r.status;
    });
    expect(status).toBe(200);
    const takeover = page.getByTestId('takeover');
    await takeover.waitFor({ timeout: 20_000 });
    expect(await takeover.innerText()).toMatch(/警戒/);
    await screenshot(page, 'takeover-1920x1080');
    // Space dismisses this alert's takeover. (On a loaded machine the drill light can step
    // through yellow to red in two evaluations: the next alert then takes over in its turn.)
    const shown = await takeover.getAttribute('data-alert');
    await page.keyboard.press('Space');
    await page.locator(`[data-testid="takeover"][data-alert="${shown}"]`).waitFor({ state: 'detached' });
    await page.close();
  });

  for (const [w, h] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    test(`the default board has no scrollbars and no overflowing text at ${w}×${h}`, async () => {
      const page = await openWall('/', w, h);
      await page.locator('section.panel[data-kind="heat"][data-state="ready"]').waitFor();
      await page.waitForTimeout(800);
      const report = await page.evaluate(() => {
        const page = {
          x: document.documentElement.scrollWidth > innerWidth,
          y: document.documentElement.scrollHeight > innerHeight,
        };
        // Text that spills out of its box without being clipped (ellipsis/overflow hidden
        // inside the element or an ancestor inside the panel is fine).
        const spills: string[] = [];
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('.wall *'))) {
          if (el.children.length > 0 || !el.textContent?.trim()) continue;
          if (el.scrollWidth <= el.clientWidth + 1) continue;
          let clipped = false;
          for (let e: HTMLElement | null = el; e && !e.classList.contains('wall'); e = e.parentElement) {
            const cs = getComputedStyle(e);
            if (cs.overflowX !== 'visible' && (cs.textOverflow === 'ellipsis' || e !== el || cs.overflowX === 'hidden')) {
              clipped = true;
              break;
            }
          }
          if (!clipped) spills.push(`${el.tagName}.${el.className}: ${el.textContent.slice(0, 40)}`);
        }
        return { page, spills };
      });
      expect(report.page).toEqual({ x: false, y: false });
      expect(report.spills).toEqual([]);
      await page.close();
    });
  }
});
