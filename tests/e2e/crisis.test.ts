/// <reference lib="dom" />
// A negative burst published by a feed turns a light red on the wall, in real Chromium.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { launchBrowser, screenshot, startStation, type RunningStation } from './helpers';
import type { MethodName, Params, Result } from '../../shared/api';
import { httpClient } from '../../shared/client';

let station: RunningStation;
let browser: Browser;
let feed: FixtureServer;

beforeAll(async () => {
  [station, browser, feed] = await Promise.all([startStation({ demo: true }), launchBrowser(), startFixtureServer()]);
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await feed?.close();
});

/** The station's api over HTTP, typed from the contract (as the renderer calls it). */
function api<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  return httpClient({ fetch, baseUrl: station.origin, token: station.token }).call(method, params);
}

describe('a crisis on the wall', () => {
  test('the brand light turns red when a feed publishes a burst of negative posts', async () => {
    feed.route('/ptt.xml', { body: rssFeed([]) });
    const source = (await api('sources.add', {
      name: 'PTT fixture',
      kind: 'feed',
      config: { url: `${feed.url}/ptt.xml`, allowPrivate: true },
      intervalSec: 10,
    })) as { id: number };

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(station.url);
    const brand = page.locator('[data-testid="light"]', { hasText: '極光電信' });
    await expect.poll(() => brand.getAttribute('data-color'), { timeout: 10_000 }).not.toBe('red');

    const now = Date.now();
    feed.route('/ptt.xml', {
      body: rssFeed(
        Array.from({ length: 120 }, (_, i) => ({
          guid: `burst-${i}`,
          title: `[問卦] 極光電信是不是又全面斷訊了 ${i}`,
          text: `極光電信從中午斷訊到現在，客服完全打不通，爛透了，要求退費賠償！！ 第${i}樓`,
          date: new Date(now - i * 1000),
        })),
      ),
    });
    await api('sources.pollNow', { id: source.id });

    await expect.poll(() => brand.getAttribute('data-color'), { timeout: 30_000 }).toBe('red');
    expect(await brand.innerText()).toContain('警戒');
    await screenshot(page, 'wall-crisis-red-1920x1080');
    await page.close();
  });
});
