/// <reference lib="dom" />
// Places in real Chromium against a real `fenghuo serve`: three places fed by webhook pushes,
// one of them filling up — its lamp goes green → yellow → red on the places panel and on the
// map, then gray when its counter stops; bad readings are refused by name and lose nothing;
// the public page shows places and no mention text; the demo's festival board at 1080p and 4K.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Board, Source } from '../../shared/types';
import type { Place } from '../../shared/gauges';
import { launchBrowser, screenshot, startStation, stationApi, type RunningStation } from './helpers';

/** A places-only token (`--public-token`): what a city hands its public page. */
const PUBLIC = 'public-token-for-the-public-page';
const MENTION = '這是一則不該出現在公開頁面的貼文 mention-text-7731';

let station: RunningStation;
let browser: Browser;

const api = <T>(method: string, params: unknown, token = station.token) => stationApi<T>(station, method, params, token);

async function push(target: string, secret: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${station.origin}/ingest/${encodeURIComponent(target).replace('%2F', '/')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  [station, browser] = await Promise.all([startStation({ args: ['--public-token', PUBLIC] }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

describe('places fed by webhooks', () => {
  let secret = '';
  let crmSecret = '';
  let board: Board;
  const river = '愛河燈區';

  beforeAll(async () => {
    // Three places: the lantern area's counter reports every 2 s and counts as silent after 15 s.
    await api<Place>('gauges.add', { name: river, lat: 22.6273, lon: 120.2869, capacity: 1000, unit: '人', staleAfterMin: 0.25 });
    await api<Place>('gauges.add', { name: '駁二藝術特區', lat: 22.6199, lon: 120.2818, capacity: 1000, unit: '人' });
    await api<Place>('gauges.add', { name: '夢時代', lat: 22.5949, lon: 120.3069, capacity: 1000, unit: '人' });
    const src = await api<Source>('sources.add', { name: 'counters', kind: 'webhook', config: { gauges: [river, '駁二藝術特區', '夢時代'] } });
    secret = src.config.secret as string;
    // A mention too, so the public page has something it must not show.
    const hook = await api<Source>('sources.add', { name: 'crm', kind: 'webhook', config: {} });
    crmSecret = hook.config.secret as string;
    expect((await push('crm', crmSecret, { guid: 'm1', text: MENTION })).status).toBe(200);
    board = await api<Board>('boards.save', {
      board: {
        name: 'Places',
        panels: [
          { id: 'map', kind: 'map', topicIds: [], windowMin: 60, x: 0, y: 0, w: 6, h: 6 },
          { id: 'places', kind: 'places', topicIds: [], windowMin: 60, x: 6, y: 0, w: 6, h: 6 },
        ],
      },
    });
  });

  const lampOn = (page: Page, where: 'place' | 'map-place', name: string) =>
    page.locator(`[data-testid="${where}"][data-place="${name}"]`).getAttribute('data-lamp');

  test('one place goes green → yellow → red on the panel and the map, then gray when its readings stop', async () => {
    for (const [name, value] of [['駁二藝術特區', 420], ['夢時代', 250]] as const) {
      expect((await push(`gauge/${name}`, secret, { value })).status).toBe(200);
    }
    let current = 300;
    const report = () => push(`gauge/${river}`, secret, { value: current });
    await report();
    // The counter keeps reporting, as a real one would, until it "breaks" below.
    const counter = setInterval(() => void report(), 2000);
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${station.url.replace(/\/\?token=.*/, '')}/wall/${board.id}?token=${station.token}`);
      const within = { timeout: 15_000 };

      for (const [value, lamp] of [[300, 'green'], [700, 'yellow'], [900, 'red']] as const) {
        current = value;
        await report();
        await expect.poll(() => lampOn(page, 'place', river), within).toBe(lamp);
        await expect.poll(() => lampOn(page, 'map-place', river), within).toBe(lamp);
      }
      // Worst first: the red place leads the rows; the others stay green.
      const rows = await page.getByTestId('place').evaluateAll((els) => els.map((e) => [e.getAttribute('data-place'), e.getAttribute('data-lamp')]));
      expect(rows).toEqual([[river, 'red'], ['駁二藝術特區', 'green'], ['夢時代', 'green']]);
      await expect.poll(() => page.getByTestId('place').first().innerText()).toMatch(/90\s*%[\s\S]*900 \/ 1,000 人[\s\S]*非常擁擠|非常擁擠[\s\S]*90\s*%/);
      await screenshot(page, 'places-red-1920');

      clearInterval(counter);
      // 15 s of silence: gray, on both, saying how long it has been silent.
      await expect.poll(() => lampOn(page, 'place', river), { timeout: 40_000 }).toBe('gray');
      await expect.poll(() => lampOn(page, 'map-place', river), within).toBe('gray');
      expect(await page.locator(`[data-testid="place"][data-place="${river}"]`).innerText()).toMatch(/沒有新讀數/);
      await screenshot(page, 'places-gray-1920');
      await page.close();
    } finally {
      clearInterval(counter);
    }
  });

  test('a reading that is negative, not a number, far in the future or for an unknown place is refused by name; nothing stored is lost', async () => {
    const before = await api<Place[]>('gauges.list', { trendMin: 60 });
    const stored = before.find((p) => p.name === '夢時代')!;

    const negative = await push('gauge/夢時代', secret, { value: -5 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toMatch(/value: -5 is negative/);

    const word = await push('gauge/夢時代', secret, { value: 'many' });
    expect(word.status).toBe(400);
    expect(JSON.stringify(word.body)).toMatch(/value/);

    const future = await push('gauge/夢時代', secret, { value: 10, at: Date.now() + 3 * 3600_000 });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toMatch(/is in the future/);

    const unknown = await push('gauge/旗津', station.token, { value: 10 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/there is no place "旗津": add it first/);

    const after = await api<Place[]>('gauges.list', { trendMin: 60 });
    expect(after.map((p) => p.name).sort()).toEqual(before.map((p) => p.name).sort());
    expect(after.find((p) => p.name === '夢時代')).toMatchObject({ lastValue: stored.lastValue, lastAt: stored.lastAt, trend: stored.trend });
  });

  test('the places room adds a place with its coordinates and shares, and says what is wrong with a bad one', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${station.origin}/places?token=${station.token}`);
    await expect.poll(() => page.getByTestId('places-room-row').count(), { timeout: 15_000 }).toBe(3);
    const form = page.getByTestId('place-form');
    await form.locator('input[name="name"]').fill('旗津海岸');
    await form.locator('input[name="lat"]').fill('22.6110');
    await form.locator('input[name="lon"]').fill('120.2660');
    await form.locator('input[name="capacity"]').fill('5000');
    await form.locator('input[name="yellow"]').fill('90');
    await form.locator('input[name="red"]').fill('80');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/red/);
    expect(await page.getByTestId('places-room-row').count()).toBe(3);
    await form.locator('input[name="yellow"]').fill('60');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('places-room-row').count()).toBe(4);
    const added = (await api<Place[]>('gauges.list', {})).find((p) => p.name === '旗津海岸')!;
    expect(added).toMatchObject({ lat: 22.611, lon: 120.266, capacity: 5000, yellow: 0.6, red: 0.8, staleAfterMin: 15 });
    await screenshot(page, 'places-room-1920');
    await api('gauges.remove', { id: added.id });
    await page.close();
  });

  test('the public page shows the places, and no mention text reaches it, with a public token', async () => {
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      // Everything the station sends the page: api answers and the event stream's frames.
      const received: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
      page.on('response', (r) => void r.text().then((t) => received.push(t), () => {}));
      await page.goto(`${station.origin}/public/places?token=${PUBLIC}`);
      await expect.poll(() => page.getByTestId('place').count(), { timeout: 15_000 }).toBe(3);
      await expect.poll(() => page.getByTestId('map-place').count()).toBe(3);
      const text = await page.locator('body').innerText();
      expect(text).toContain('即時人潮燈號');
      expect(text).not.toContain('mention-text-7731');
      expect(await page.content()).not.toContain('mention-text-7731');
      // A mention stored while the page is open does not reach it either.
      expect((await push('crm', crmSecret, { guid: `m-${width}`, text: `${MENTION} ${width}` })).status).toBe(200);
      expect((await push(`gauge/${river}`, secret, { value: 100 })).status).toBe(200);
      await expect.poll(() => received.some((r) => r.includes('"type":"gauge"'))).toBe(true);
      expect(received.join('\n')).not.toContain('mention-text-7731');
      await screenshot(page, `places-public-${width}`);
      await page.close();
    }
  });
});

describe('the demo festival board', () => {
  let demo: RunningStation;
  beforeAll(async () => {
    demo = await startStation({ demo: true });
  });
  afterAll(async () => {
    await demo?.stop();
  });

  test('shows the festival places on the map beside the festival volume, at 1080p and 4K, live and on the festival night', async () => {
    const boards = (await (
      await fetch(`${demo.origin}/api/boards.list`, { method: 'POST', headers: { authorization: `Bearer ${demo.token}` }, body: '{}' })
    ).json()) as Board[];
    const festival = boards.find((b) => b.name.includes('Festival'))!;
    expect(festival.panels.map((p) => p.kind).sort()).toEqual(['map', 'places', 'volume']);
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${demo.origin}/wall/${festival.id}?token=${demo.token}`);
      await expect.poll(() => page.getByTestId('place').count(), { timeout: 20_000 }).toBe(4);
      await expect.poll(() => page.getByTestId('map-place').count(), { timeout: 20_000 }).toBe(4);
      await expect.poll(() => page.locator('section.panel[data-kind="volume"][data-state="ready"]').count(), { timeout: 15_000 }).toBe(1);
      await screenshot(page, `places-demo-live-${width}`);
      if (width === 1920) {
        // The festival night: 20:50 the evening before the demo's 14:00, 17 h 10 min back.
        await page.goto(`${demo.origin}/wall/${festival.id}?present=1`);
        await page.getByTestId('presenter-bar').waitFor();
        await page.getByTestId('scrub').fill(String(17 * 60 + 10));
        await expect.poll(() => lampOn(page, 'place', '愛河燈區'), { timeout: 15_000 }).toBe('red');
        await expect.poll(() => lampOn(page, 'map-place', '愛河燈區')).toBe('red');
        await screenshot(page, `places-demo-night-${width}`);
      }
      await page.close();
    }
  });

  const lampOn = (page: Page, where: 'place' | 'map-place', name: string) =>
    page.locator(`[data-testid="${where}"][data-place="${name}"]`).getAttribute('data-lamp');
});
