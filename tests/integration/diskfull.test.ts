// A full disk: on a tiny real filesystem (a 3 MiB tmpfs), ingest fails with "disk full: …",
// the station's own light turns red on the status and the event stream, nothing half-written
// is left (integrity ok, rollups equal a recount), and ingest resumes by itself once space
// returns — no restart.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/api';
import type { StationStatus } from '../../shared/types';
import { Station } from '../../electron/engine/station';
import { integrityCheck } from '../../electron/engine/store/db';
import type { IncomingItem } from '../../electron/engine/sources/types';
import { serveStation } from '../../electron/server/serve';
import { ensureRendererBuild, launchBrowser, screenshot } from '../e2e/helpers';
import { callApi } from '../helpers/api';

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) {
  console.warn(`diskfull.test: skipped — cannot mount a small tmpfs at ${mountPoint} (needs root / CAP_SYS_ADMIN)`);
}
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);
const batch = (from: number, n: number): IncomingItem[] =>
  Array.from({ length: n }, (_, i) => ({
    guid: `item-${from + i}`,
    title: `極光電信 斷訊 第 ${from + i} 則`,
    // Long, varied text so a batch needs real pages (and cannot be compressed away).
    text: `極光電信整個下午斷訊，客服打不通 #${from + i} ` + Array.from({ length: 60 }, (_, k) => `${(from + i) * 7919 + k * 104729}`).join(' '),
    publishedAt: T0 + (from + i) * 1000,
  }));

/** Fill the filesystem to the last byte; returns the ballast file (delete it to free space). */
function fillDisk(dir: string): string {
  const file = path.join(dir, 'ballast');
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  // Squeeze out the last partial chunk too.
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(512, 1));
  } catch {
    /* full */
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

describe.skipIf(!mounted)('a station whose disk fills up', () => {
  it('refuses the batch with "disk full", shows a red station light, stays intact, and resumes when space returns', async () => {
    const station = Station.open({ dataDir: path.join(mountPoint, 'station') });
    const events: StationEvent[] = [];
    station.events.subscribe((e) => events.push(e));
    try {
      await callApi(station, 'topics.save', { topic: { name: '極光電信', query: '極光電信' } }, 'admin');
      const sourceId = station.store.sources.add(
        { name: 'pushes', kind: 'replay', config: { corpus: 'none', speed: 1 }, enabled: false, intervalSec: 60 },
        T0,
      );
      expect(station.ingest(sourceId, batch(0, 20)).inserted).toBe(20);
      expect(station.status().storage.ok).toBe(true);

      const ballast = fillDisk(mountPoint);
      let failure: Error | null = null;
      let next = 20;
      // The WAL may still hold a few free pages; a few big batches use them up.
      for (let i = 0; i < 20 && !failure; i++) {
        try {
          station.ingest(sourceId, batch(next, 100));
          next += 100;
        } catch (e) {
          failure = e as Error;
        }
      }
      expect(failure?.message).toMatch(/^disk full: .*station/);
      const stored = station.store.mentions.count();
      expect(stored).toBe(next); // the failed batch left nothing behind

      const red = (await callApi(station, 'station.status', {}, 'viewer')) as StationStatus;
      expect(red.storage).toMatchObject({ ok: false, error: expect.stringMatching(/^disk full: /) });
      const redEvent = events.find((e) => e.type === 'station');
      expect(redEvent).toMatchObject({ type: 'station', status: { storage: { ok: false } } });
      // Reads go on: the wall keeps showing what it has.
      expect((await callApi(station, 'mentions.recent', { limit: 5 }, 'viewer')) as unknown[]).toHaveLength(5);
      expect(integrityCheck(station.store.db)).toBe('ok');

      fs.rmSync(ballast);
      expect(station.ingest(sourceId, batch(next, 100)).inserted).toBe(100);
      expect(station.status().storage).toMatchObject({ ok: true, error: null });
      expect(events.filter((e) => e.type === 'station').at(-1)).toMatchObject({ status: { storage: { ok: true } } });
      expect(station.store.mentions.count()).toBe(next + 100);
      expect(integrityCheck(station.store.db)).toBe('ok');
      expect(station.store.mentions.rollupDiff()).toEqual([]);
    } finally {
      await station.close();
    }
  });
});

describe.skipIf(!mounted)('the wall of a station whose disk fills up', () => {
  it('shows the red station light while nothing can be stored, and clears it when space returns', async () => {
    ensureRendererBuild();
    const running = await serveStation({ dataDir: path.join(mountPoint, 'served'), port: 0, token: 'full-disk-admin' });
    const browser = await launchBrowser();
    try {
      const { station } = running;
      await callApi(station, 'topics.save', { topic: { name: '極光電信', query: '極光電信' } }, 'admin');
      const sourceId = station.store.sources.add(
        { name: 'pushes', kind: 'replay', config: { corpus: 'none', speed: 1 }, enabled: false, intervalSec: 60 },
        Date.now(),
      );
      station.ingest(sourceId, batch(0, 10));
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(running.openUrl);
      const light = page.locator('[data-testid="station-storage"]');
      await page.locator('[data-testid="link-status"]').waitFor();
      expect(await light.count()).toBe(0);

      const ballast = fillDisk(mountPoint);
      expect(() => {
        for (let i = 0; i < 20; i++) station.ingest(sourceId, batch(10 + i * 100, 100));
      }).toThrow(/^disk full: /);
      await expect.poll(() => light.count(), { timeout: 10_000 }).toBe(1);
      expect(await light.getAttribute('title')).toMatch(/^disk full: /);
      await screenshot(page, 'station-disk-full');

      fs.rmSync(ballast);
      station.ingest(sourceId, batch(5000, 10));
      await expect.poll(() => light.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await browser.close();
      await running.close();
    }
  }, 180_000);
});
