/// <reference lib="dom" />
// Hostile content reaches the screen as text, never as code: a feed full of scripts, event
// handlers, javascript:/data: URLs, SVG, CSS tricks and oversized fields is ingested by a real
// station, then the wall and Explore open in real Chromium. No script of theirs runs (no
// `window.__pwned`, no dialog, no request to the attacker), the layout holds (no horizontal
// scrollbar), and every answer from the station carries the CSP header.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { launchBrowser, repoRoot, screenshot, startStation, type RunningStation } from './helpers';
import type { MethodName, Params, Result } from '../../shared/api';
import { httpClient } from '../../shared/client';

let station: RunningStation;
let browser: Browser;
let attacker: FixtureServer;

const PWN = `window.__pwned=(window.__pwned||0)+1`;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Items whose every field tries something; HTML goes in CDATA as real feeds carry it. */
function hostileFeed(beacon: string): string {
  const now = Date.now();
  const items = [
    {
      title: `<script>${PWN}</script>極光電信 <img src=x onerror="${PWN}">`,
      html: `<p onmouseover="${PWN}">極光電信 hover me</p><script>${PWN};fetch('${beacon}/script')</script>
        <img src="x" onerror="${PWN}"><svg onload="${PWN}"><script>${PWN}</script></svg>
        <a href="javascript:${PWN}">js link</a><a href="data:text/html,<script>${PWN}</script>">data link</a>
        <iframe src="${beacon}/frame"></iframe><iframe srcdoc="<script>parent.${PWN}</script>"></iframe>
        <object data="${beacon}/object"></object><embed src="${beacon}/embed">
        <form action="${beacon}/form"><input autofocus onfocus="${PWN}"></form>
        <details open ontoggle="${PWN}"><summary>x</summary></details>
        <base href="${beacon}/"><meta http-equiv="refresh" content="0;url=${beacon}/refresh">
        <style>*{display:none!important} body{width:99999px}</style>
        <link rel="stylesheet" href="${beacon}/css">
        <div style="position:fixed;inset:0;z-index:99999;background:red;width:50000px">overlay</div>`,
      link: `javascript:${PWN}`,
      author: `<img src=x onerror="${PWN}">`,
    },
    {
      title: `極光電信 ${'超長標題'.repeat(400)}`,
      html: `<p>${'W'.repeat(60_000)}</p><p>${'https://very.long.example/' + 'a'.repeat(5000)}</p>`,
      link: `https://example.com/${'b'.repeat(3000)}`,
      author: 'x'.repeat(5000),
    },
    {
      title: '極光電信 \u202Egnp.exe\u202C RTL override and Z̷̛̛a̵̧l̷g̶o̸ ' + '\u0301'.repeat(500),
      html: `<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:${PWN}"><text>svg link</text></a>
        <animate attributeName="href" to="javascript:${PWN}"/><foreignObject><script>${PWN}</script></foreignObject></svg>
        <math><maction actiontype="statusline" xlink:href="javascript:${PWN}">m</maction></math>
        <a href="  jAvAsCrIpT:${PWN}">spaced</a><a href="&#106;avascript:${PWN}">entity</a>
        <img src="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' onload='${PWN}'/>">
        <noscript><p title="</noscript><img src=x onerror=${PWN}>"></p></noscript>
        <table><td background="javascript:${PWN}">td</td></table>`,
      link: `data:text/html;base64,${Buffer.from(`<script>${PWN}</script>`).toString('base64')}`,
      author: '"><script>' + PWN + '</script>',
    },
  ];
  const xml = items
    .map(
      (it, i) => `<item><guid>hostile-extra-${i}</guid><title>${esc(it.title)}</title><link>${esc(it.link)}</link>
      <author>${esc(it.author)}</author><pubDate>${new Date(now - i * 60_000).toUTCString()}</pubDate>
      <description><![CDATA[${it.html}]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title>${xml}</channel></rss>`;
}

/** The station's api over HTTP, typed from the contract (as the renderer calls it). */
function api<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  return httpClient({ fetch, baseUrl: station.origin, token: station.token }).call(method, params);
}

beforeAll(async () => {
  attacker = await startFixtureServer();
  const beacon = `${attacker.url}/beacon`;
  attacker.route('/hostile.xml', { body: hostileFeed(beacon) });
  attacker.route('/hostile-fixture.xml', {
    body: fs.readFileSync(path.join(repoRoot, 'tests/fixtures/feeds/hostile.xml'), 'utf8').replace(/alert\(1\)/g, PWN),
  });
  [station, browser] = await Promise.all([startStation(), launchBrowser()]);
  await api('topics.save', { topic: { name: '極光電信', query: '極光電信 OR prize OR Kept' } });
  for (const p of ['/hostile.xml', '/hostile-fixture.xml']) {
    await api('sources.add', { name: p, kind: 'feed', config: { url: `${attacker.url}${p}`, allowPrivate: true } });
  }
  // Both feeds are polled as soon as they are added; wait until all four items are stored.
  for (let i = 0; ; i++) {
    const { mentionCount } = (await api('station.status', {})) as { mentionCount: number };
    if (mentionCount >= 4) break;
    if (i > 300) throw new Error(`only ${mentionCount} of the 4 hostile items were stored`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await attacker?.close();
});

interface Watch {
  page: Page;
  dialogs: string[];
  responses: Response[];
}

async function open(pathname: string): Promise<Watch> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const w: Watch = { page, dialogs: [], responses: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('response', (r) => {
    if (r.url().startsWith(station.origin)) w.responses.push(r);
  });
  // Log in through the address bar (token → cookie), then go where the test wants.
  await page.goto(`${station.origin}${pathname}?token=${encodeURIComponent(station.token)}`);
  return w;
}

async function expectUnharmed(w: Watch, name: string): Promise<void> {
  const { page } = w;
  await screenshot(page, name);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(w.dialogs).toEqual([]);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'no horizontal scrollbar').toBeLessThanOrEqual(clientWidth);
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
  const beaconHits = ['script', 'frame', 'object', 'embed', 'form', 'refresh', 'css'].map((p) => attacker.hits(`/beacon/${p}`));
  expect(beaconHits.every((n) => n === 0), 'nothing was fetched from the attacker').toBe(true);
  expect(w.responses.length).toBeGreaterThan(0);
  for (const r of w.responses) {
    const csp = (await r.allHeaders())['content-security-policy'];
    expect(csp, `CSP on ${r.url()}`).toMatch(/script-src 'self'/);
  }
}

describe('hostile mentions on screen', () => {
  test('the wall shows them as text: no script runs, the layout holds, CSP on every answer', async () => {
    const w = await open('/wall/1');
    await expect.poll(() => w.page.locator('[data-testid="stream-rows"] li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Scripts in a title are shown as the characters they are.
    await expect.poll(() => w.page.locator('[data-testid="stream-rows"]').innerText(), { timeout: 10_000 }).toContain('極光電信');
    await expectUnharmed(w, 'hostile-wall');
    await w.page.close();
  });

  test('Explore lists them and opens each one, its HTML sanitized, without running anything', async () => {
    const w = await open('/explore');
    const rows = w.page.locator('[data-testid="explore-row"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < 4; i++) {
      await rows.nth(i).click();
      await w.page.locator('[data-testid="explore-detail"]').waitFor();
    }
    // Links that survive sanitizing lead only to http(s).
    const hrefs = await w.page.locator('[data-testid="explore-detail"] a[href]').evaluateAll((as) =>
      as.map((a) => (a as HTMLAnchorElement).protocol),
    );
    expect(hrefs.every((p) => p === 'http:' || p === 'https:')).toBe(true);
    await expectUnharmed(w, 'hostile-explore');
    await w.page.close();
  });
});
