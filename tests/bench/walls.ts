/// <reference lib="dom" />
// Many walls on one station: `fenghuo serve --demo` in a child process, fed through a webhook at
// `rate` mentions a second (one push a second), with `walls` walls on a viewer token showing the
// demo board. Two kinds of wall, because on one 2-core machine fifty Chromiums starve the very
// station they measure (a wall screen brings its own machine):
//  - `browsers` real pages in Chromium (each in a context of its own, as separate screens would
//    be). Latency, per `mentions` event: from the moment the station stored the oldest batch in
//    it (`storedAt`) to the first animation frame after the page's own handlers ran — the frame
//    in which the wall shows it.
//  - the rest are protocol walls: the wall's own traffic without a renderer — the event stream on
//    the viewer token and, on each `mentions` event (throttled to one round per 2 s, as the
//    board's panel feeds are), the four calls the demo board makes then (series.volume,
//    series.heat, annotations.list, alerts.list: captured from a real wall). Latency: storedAt
//    to the event's arrival; the round's answer time is reported beside it.
// The station's CPU and resident memory are read from /proc.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { launchBrowser, startStation, TEST_CHROMIUM } from '../e2e/helpers';
import { httpClient } from '../../shared/client';
import { quantile, round1, rssMb } from './figures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A quantile in whole milliseconds. */
const ms = (xs: number[], q: number) => {
  const v = quantile(xs, q);
  return v == null ? null : Math.round(v);
};

function procCpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // clock ticks, 100 a second
}

/** In every page before the app loads: note each `mentions` event's store time and its frame. */
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
        setTimeout(() => requestAnimationFrame(() => seen.push(Date.now() - (ev.storedAt ?? ev.now))), 0);
      });
    }
  };
})();`;

/** The demo board's data round after live mentions, as a real wall asks for it. */
const ROUND = ['series.volume', 'series.heat', 'annotations.list', 'alerts.list'] as const;
const ROUND_EVERY_MS = 2000;
const WINDOW_MS = 6 * 3600_000;

interface ProtocolWall {
  latencies: number[];
  roundMs: number[];
  failures: number;
  close(): void;
}

function protocolWall(origin: string, token: string): Promise<ProtocolWall> {
  const wall: ProtocolWall = { latencies: [], roundMs: [], failures: 0, close: () => ws.terminate() };
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/events`, { headers: { authorization: `Bearer ${token}` } });
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    timer = undefined;
    last = Date.now();
    const to = Date.now();
    const from = Math.floor((to - WINDOW_MS) / 600_000) * 600_000;
    const bodies: Record<(typeof ROUND)[number], unknown> = {
      'series.volume': { from, to, bucketMin: 10 },
      'series.heat': { from, to, bucketMin: 10 },
      'annotations.list': { from, to },
      'alerts.list': { from, to, limit: 200 },
    };
    const t0 = performance.now();
    const answers = await Promise.all(
      ROUND.map((m) =>
        fetch(`${origin}/api/${m}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(bodies[m]),
        }).then((r) => r.arrayBuffer().then(() => r.ok), () => false),
      ),
    );
    wall.roundMs.push(performance.now() - t0);
    wall.failures += answers.filter((ok) => !ok).length;
  };
  ws.on('message', (data) => {
    const ev = JSON.parse(String(data)) as { type: string; storedAt?: number; now: number };
    if (ev.type !== 'mentions') return;
    wall.latencies.push(Date.now() - (ev.storedAt ?? ev.now));
    if (timer) return;
    const wait = last + ROUND_EVERY_MS - Date.now();
    timer = setTimeout(() => void round(), Math.max(0, wait));
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(wall));
    ws.once('error', reject);
  });
}

export async function benchWalls(opts: {
  walls: number;
  /** Of the walls, how many are real Chromium pages (the rest are protocol walls). */
  browsers?: number;
  rate?: number;
  seconds?: number;
  warmupMs?: number;
}): Promise<Record<string, unknown>> {
  const walls = opts.walls;
  const browsers = Math.min(walls, opts.browsers ?? 3);
  const rate = opts.rate ?? 500;
  const seconds = opts.seconds ?? 60;
  const warmupMs = opts.warmupMs ?? 20_000;
  const viewer = randomBytes(16).toString('hex');
  const station = await startStation({ demo: true, args: ['--viewer-token', viewer] });
  const { origin, token: admin } = station;
  const pid = station.pid;
  let browser: Browser | null = null;
  let pump: NodeJS.Timeout | null = null;
  const protocolWalls: ProtocolWall[] = [];
  try {
    const api = httpClient({ fetch, baseUrl: origin, token: admin });
    const hook = await api.call('sources.add', { name: 'walls bench', kind: 'webhook', config: {} });
    const secret = String(hook.config.secret);

    browser = await launchBrowser({ motion: true });
    const pages: Page[] = [];
    const loadStarted = Date.now();
    for (let i = 0; i < browsers; i++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      await context.addInitScript(HOOK);
      const page = await context.newPage();
      // Slow once many walls are live on two cores: wait for the document, not every request.
      await page.goto(`${origin}/?token=${viewer}`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
      pages.push(page);
    }
    await Promise.all(pages.map((p) => p.locator('section.panel[data-kind="volume"][data-state="ready"]').waitFor({ timeout: 300_000 })));
    for (let i = browsers; i < walls; i++) protocolWalls.push(await protocolWall(origin, viewer));
    const allOpenSec = round1((Date.now() - loadStarted) / 1000);

    // The feed: one push of `rate` mentions a second, words the demo topics match.
    const WORDS = ['極光電信 斷訊 客服打不通', 'Aurora Mobile outage again', '海峽通訊 網速很穩 推薦', '高雄燈會 人好多', '潮汐網路 帳單又錯了'];
    let seq = 0;
    let pushed = 0;
    let pushMsMax = 0;
    let pushFailures = 0;
    const pushOnce = async () => {
      const t0 = performance.now();
      const items = Array.from({ length: rate }, () => {
        const n = seq++;
        return { guid: `w${n}`, text: `${WORDS[n % WORDS.length]} #${n}`, publishedAt: Date.now() - (n % 1000) };
      });
      const ok = await fetch(`${origin}/ingest/walls%20bench`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(items),
      }).then((r) => r.ok, () => false);
      if (ok) pushed += items.length;
      else pushFailures++;
      pushMsMax = Math.max(pushMsMax, performance.now() - t0);
    };
    pump = setInterval(() => void pushOnce(), 1000);
    await sleep(warmupMs);
    await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __fhLatency(): number[] }).__fhLatency())));
    for (const w of protocolWalls) (w.latencies.length = 0), (w.roundMs.length = 0), (w.failures = 0);
    // The station room open from here on: the station times its event loop's delay while it is looked at.
    await api.call('station.screens', {});
    const cpu0 = procCpuSeconds(pid);
    const pushed0 = pushed;
    const t0 = Date.now();
    const rss: number[] = [];
    const latencies: number[] = [];
    const perWall = new Array<number>(browsers).fill(0);
    // The station's own responsiveness meanwhile: /healthz every half second.
    const health: number[] = [];
    const probe = setInterval(() => {
      const h0 = performance.now();
      void fetch(`${origin}/healthz`).then((r) => r.arrayBuffer()).then(() => health.push(performance.now() - h0), () => health.push(Infinity));
    }, 500);
    while (Date.now() - t0 < seconds * 1000) {
      await sleep(5000);
      rss.push(rssMb(pid));
      const got = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __fhLatency(): number[] }).__fhLatency())));
      got.forEach((xs, i) => {
        perWall[i]! += xs.length;
        latencies.push(...xs);
      });
    }
    clearInterval(probe);
    const elapsed = (Date.now() - t0) / 1000;
    const stationCpu = procCpuSeconds(pid) - cpu0;
    // What the station room shows meanwhile (station.screens): its count of the open streams and
    // its own reading of its load, beside the bench's from /proc.
    const room = await api.call('station.screens', {});
    const wire = protocolWalls.flatMap((w) => w.latencies);
    const rounds = protocolWalls.flatMap((w) => w.roundMs);
    const all = [...latencies, ...wire];
    return {
      walls,
      browserWalls: browsers,
      protocolWalls: protocolWalls.length,
      browser: TEST_CHROMIUM,
      viewport: '1920x1080',
      seconds: Math.round(elapsed),
      allWallsOpenSec: allOpenSec,
      mentionsPerSecTarget: rate,
      mentionsPerSec: round1((pushed - pushed0) / elapsed),
      pushMsMax: Math.round(pushMsMax),
      pushFailures,
      healthzMs: { p50: ms(health, 0.5), p95: ms(health, 0.95), probes: health.length },
      eventsPerWallSec: round1(Math.min(...perWall, ...protocolWalls.map((w) => w.latencies.length)) / elapsed),
      latencyMs: {
        p50: ms(all, 0.5),
        p95: ms(all, 0.95),
        max: all.length ? Math.round(Math.max(...all)) : null,
        limitP95: 300,
      },
      browserWallsToFrameMs: { p50: ms(latencies, 0.5), p95: ms(latencies, 0.95), events: latencies.length },
      protocolWallsToArrivalMs: { p50: ms(wire, 0.5), p95: ms(wire, 0.95), events: wire.length },
      protocolWallRoundMs: {
        calls: ROUND.join(', '),
        p50: ms(rounds, 0.5),
        p95: ms(rounds, 0.95),
        rounds: rounds.length,
        failedCalls: protocolWalls.reduce((n, w) => n + w.failures, 0),
      },
      stationCpuCores: round1(stationCpu / elapsed),
      stationRssMb: { first: rss[0] ?? null, max: rss.length ? Math.max(...rss) : null, last: rss.at(-1) ?? null },
      stationRoom: {
        screens: room.screens.length,
        viewerScreens: room.screens.filter((x) => x.role === 'viewer').length,
        cpuCores: room.load.cpu === null ? null : Math.round(room.load.cpu * 100) / 100,
        rssMb: Math.round(room.load.rssBytes / 1024 / 1024),
        loopDelayP99Ms: room.load.loopDelayP99Ms,
        loopDelayMaxMs: room.load.loopDelayMaxMs,
        mentionsPerSec: room.load.mentionsStored === null || room.load.windowSec === 0 ? null : round1(room.load.mentionsStored / room.load.windowSec),
        windowSec: room.load.windowSec,
        note: 'what the station room showed at the end (station.screens): the open streams (the 50 walls and the bench\'s none) and the process\'s own reading of its last minute',
      },
      machine: `${os.cpus().length} cores, browsers, protocol walls and station on the same cores`,
    };
  } finally {
    if (pump) clearInterval(pump);
    for (const w of protocolWalls) w.close();
    await browser?.close().catch(() => {});
    await station.stop();
    fs.rmSync(station.dataDir, { recursive: true, force: true });
  }
}
