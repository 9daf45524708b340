/// <reference lib="dom" />
// Many walls on one station: `fenghuo serve --demo` in a child process, fed through a webhook at
// `rate` mentions a second (one push a second), with `walls` browser pages on a viewer token,
// each in a context of its own (as separate screens would be), all showing the demo board.
// Latency, per wall and per `mentions` event: from the moment the station took the batch (the
// event's `now`) to the first animation frame after the page's own handlers ran — the frame in
// which the wall shows it. The station's CPU and resident memory are read from /proc.
// The browsers run on the same cores as the station (one machine), so the figure includes
// their contention: a station serving walls on other machines has more room than this.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startStation, TEST_CHROMIUM } from '../e2e/helpers';
import { httpClient } from '../../shared/client';
import { quantile, round1, rssMb } from './figures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procCpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // clock ticks, 100 a second
}

/** In every page before the app loads: note each `mentions` event's station time and its frame. */
const HOOK = `(() => {
  const seen = [];
  window.__fhLatency = () => seen.splice(0);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        let ev;
        try { ev = JSON.parse(e.data); } catch { return; }
        if (!ev || ev.type !== 'mentions') return;
        // After the app's own handlers and its render (a task later), at the next frame.
        setTimeout(() => requestAnimationFrame(() => seen.push(Date.now() - ev.now)), 0);
      });
    }
  };
})();`;

export async function benchWalls(opts: { walls: number; rate?: number; seconds?: number; warmupMs?: number }): Promise<Record<string, unknown>> {
  const walls = opts.walls;
  const rate = opts.rate ?? 500;
  const seconds = opts.seconds ?? 60;
  const warmupMs = opts.warmupMs ?? 20_000;
  const viewer = randomBytes(16).toString('hex');
  const station = await startStation({ demo: true, args: ['--viewer-token', viewer] });
  const { origin, token: admin } = station;
  const pid = station.pid;
  let browser: Browser | null = null;
  let pump: NodeJS.Timeout | null = null;
  try {
    const api = httpClient({ fetch, baseUrl: origin, token: admin });
    const hook = await api.call('sources.add', { name: 'walls bench', kind: 'webhook', config: {} });
    const secret = String(hook.config.secret);

    browser = await launchBrowser();
    const pages: Page[] = [];
    const loadStarted = Date.now();
    for (let i = 0; i < walls; i++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      await context.addInitScript(HOOK);
      const page = await context.newPage();
      // Slow once many walls are live on two cores: wait for the document, not every request.
      await page.goto(`${origin}/?token=${viewer}`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
      pages.push(page);
    }
    await Promise.all(pages.map((p) => p.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor({ timeout: 300_000 })));
    const allOpenSec = round1((Date.now() - loadStarted) / 1000);

    // The feed: one push of `rate` mentions a second, words the demo topics match.
    const WORDS = ['極光電信 斷訊 客服打不通', 'Aurora Mobile outage again', '海峽通訊 網速很穩 推薦', '高雄燈會 人好多', '潮汐網路 帳單又錯了'];
    let seq = 0;
    let pushed = 0;
    let pushMsMax = 0;
    const pushOnce = async () => {
      const t0 = performance.now();
      const items = Array.from({ length: rate }, () => {
        const n = seq++;
        return { guid: `w${n}`, text: `${WORDS[n % WORDS.length]} #${n}`, publishedAt: Date.now() - (n % 1000) };
      });
      const r = await fetch(`${origin}/ingest/walls%20bench`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(items),
      });
      if (r.ok) pushed += items.length;
      pushMsMax = Math.max(pushMsMax, performance.now() - t0);
    };
    pump = setInterval(() => void pushOnce(), 1000);
    await sleep(warmupMs);
    await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __fhLatency(): number[] }).__fhLatency())));
    const cpu0 = procCpuSeconds(pid);
    const pushed0 = pushed;
    const t0 = Date.now();
    const rss: number[] = [];
    const latencies: number[] = [];
    const perWall = new Array<number>(walls).fill(0);
    while (Date.now() - t0 < seconds * 1000) {
      await sleep(5000);
      rss.push(rssMb(pid));
      const got = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __fhLatency(): number[] }).__fhLatency())));
      got.forEach((xs, i) => {
        perWall[i]! += xs.length;
        latencies.push(...xs);
      });
    }
    const elapsed = (Date.now() - t0) / 1000;
    const stationCpu = procCpuSeconds(pid) - cpu0;
    return {
      walls,
      browser: TEST_CHROMIUM,
      viewport: '1920x1080',
      seconds: Math.round(elapsed),
      allWallsOpenSec: allOpenSec,
      mentionsPerSecTarget: rate,
      mentionsPerSec: round1((pushed - pushed0) / elapsed),
      pushMsMax: Math.round(pushMsMax),
      events: latencies.length,
      eventsPerWallMin: Math.min(...perWall),
      latencyMs: {
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        max: latencies.length ? Math.max(...latencies) : null,
        limitP95: 300,
      },
      stationCpuCores: round1(stationCpu / elapsed),
      stationRssMb: { first: rss[0] ?? null, max: rss.length ? Math.max(...rss) : null, last: rss.at(-1) ?? null },
      machine: `${os.cpus().length} cores, browsers and station on the same cores`,
    };
  } finally {
    if (pump) clearInterval(pump);
    await browser?.close().catch(() => {});
    await station.stop();
    fs.rmSync(station.dataDir, { recursive: true, force: true });
  }
}
