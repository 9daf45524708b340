/// <reference lib="dom" />
// Soak: a demo station in serve mode under an accelerated feed (`--speed 600`: ten hours of the
// corpus a minute, looping) with a wall open in real Chromium, for `minutes`. Every 30 s it
// samples the engine's resident memory (VmRSS from /proc/<pid>/status) and the wall's JS heap
// after a garbage collection (CDP), and reports first / last / max and whether both levelled
// off: the last third of the run grew by less than 10% over the middle third.
import fs from 'node:fs';
import { launchBrowser, startStation } from '../e2e/helpers';
import { round1, rssMb } from './figures';

const SAMPLE_EVERY_MS = 30_000;

interface Sample {
  atMin: number;
  engineRssMb: number;
  wallHeapMb: number;
  mentions: number;
}


const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Growth of the last third of the run over the middle third, as a fraction. */
function lateGrowth(xs: number[]): number | null {
  if (xs.length < 3) return null;
  const third = Math.floor(xs.length / 3);
  const middle = mean(xs.slice(third, 2 * third));
  const last = mean(xs.slice(2 * third));
  return middle > 0 ? (last - middle) / middle : null;
}

function summary(xs: number[]) {
  const growth = lateGrowth(xs);
  return {
    first: xs[0] ?? null,
    last: xs.at(-1) ?? null,
    max: xs.length ? Math.max(...xs) : null,
    lateGrowthPct: growth === null ? null : round1(growth * 100),
    levelledOff: growth === null ? null : growth < 0.1,
  };
}

export async function benchSoak(opts: { minutes: number }): Promise<Record<string, unknown>> {
  const station = await startStation({ demo: true, args: ['--speed', '600'] });
  const { origin, url, token } = station;
  const browser = await launchBrowser({ full: true, motion: true });
  const samples: Sample[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    const started = Date.now();
    const end = started + opts.minutes * 60_000;
    for (;;) {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const status = (await (
        await fetch(`${origin}/api/station.status`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      ).json()) as { mentionCount: number };
      samples.push({
        atMin: round1((Date.now() - started) / 60_000),
        engineRssMb: rssMb(station.pid),
        wallHeapMb: round1(heap.usedSize / 1024 / 1024),
        mentions: status.mentionCount,
      });
      const left = end - Date.now();
      if (left <= 0) break;
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_EVERY_MS, left)));
    }
  } finally {
    await browser.close();
    await station.stop();
    fs.rmSync(station.dataDir, { recursive: true, force: true });
  }
  const minutes = samples.at(-1)?.atMin ?? 0;
  const mentions = (samples.at(-1)?.mentions ?? 0) - (samples[0]?.mentions ?? 0);
  return {
    minutes,
    speed: 600,
    samples: samples.length,
    mentionsIngested: mentions,
    mentionsPerMin: minutes > 0 ? Math.round(mentions / minutes) : null,
    engineRssMb: summary(samples.map((s) => s.engineRssMb)),
    wallHeapMb: summary(samples.map((s) => s.wallHeapMb)),
    trace: samples,
  };
}
