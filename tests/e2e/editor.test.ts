/// <reference lib="dom" />
// The board editor in real Chromium: E opens it on the wall, a panel is added and dragged,
// the board is saved as a new board, and the new board shows the panel after a reload.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, startStation, type RunningStation } from './helpers';

let station: RunningStation;
let browser: Browser;

beforeAll(async () => {
  [station, browser] = await Promise.all([startStation({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

describe('the board editor', () => {
  test('adds a source-health panel, moves it, saves a new board that survives a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(station.url);
    await page.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor();
    await expect.poll(() => page.getByTestId('link-status').innerText()).toContain('即時連線');

    await page.keyboard.press('e');
    const editor = page.getByTestId('board-editor');
    await editor.waitFor();
    await page.getByTestId('board-name').fill('來源值班');
    await editor.locator('select').first().selectOption('health');
    await page.getByTestId('panel-add').click();
    await expect.poll(() => page.locator('section.panel[data-kind="health"]').count()).toBe(1);

    // Drag the new panel (the last handle) two columns to the right.
    const handle = page.getByTestId('edit-handle').last();
    const box = (await handle.boundingBox())!;
    const col = (await page.locator('main.board').boundingBox())!.width / 12;
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 40 + col * 2, box.y + 40, { steps: 6 });
    await page.mouse.up();
    await screenshot(page, 'editor-1920x1080');

    await editor.getByRole('button', { name: '另存新看板' }).click();
    await editor.getByText('已儲存').waitFor();
    const boards = await page.evaluate(async () => {
      const r = await fetch('/api/boards.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (await r.json()) as { id: number; name: string; panels: { kind: string; x: number }[] }[];
    });
    const saved = boards.find((b) => b.name === '來源值班')!;
    expect(saved.panels.find((p) => p.kind === 'health')!.x).toBe(2);

    await page.goto(`${station.origin}/wall/${saved.id}`);
    await page.locator('section.panel[data-kind="health"][data-state="ready"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('health-rows').locator('li').count()).toBeGreaterThan(0);
    await page.close();
  });

  test('a wall open on another screen follows a saved board without a reload', async () => {
    const [wall, desk] = await Promise.all([
      browser.newPage({ viewport: { width: 1920, height: 1080 } }),
      browser.newPage({ viewport: { width: 1920, height: 1080 } }),
    ]);
    for (const page of [wall, desk]) {
      await page.goto(station.url);
      await page.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor();
    }
    await expect.poll(() => desk.getByTestId('link-status').innerText()).toContain('即時連線');

    await desk.keyboard.press('e');
    const editor = desk.getByTestId('board-editor');
    await editor.getByRole('button', { name: '聲量', exact: true }).click();
    await editor.getByLabel('面板標題').fill('聲量（值班）');
    await desk.getByTestId('board-save').click();
    await editor.getByText('已儲存').waitFor();

    // The other screen was not touched: the station's `boards` event brings the change.
    await expect.poll(() => wall.locator('section.panel[data-kind="volume"] h2').innerText(), { timeout: 10_000 }).toBe('聲量（值班）');
    await Promise.all([wall.close(), desk.close()]);
  });
});
