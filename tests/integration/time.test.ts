// Wall-clock jumps (an NTP step, a wrong BIOS clock corrected, a laptop waking in another time
// zone) neither stall polling nor make every source due at once: the scheduler measures on the
// monotonic clock. Stored times stay UTC whatever the machine's zone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);
const HOUR = 3600_000;

/** An RSS feed whose dates carry a +08:00 offset, as Taiwanese news sites write them. */
function taipeiFeed(n: number, desk: string): string {
  const items = Array.from({ length: n }, (_, i) => {
    const hh = String(13 - i).padStart(2, '0');
    return `<item><guid>${desk}-${i}</guid><title>極光電信 ${desk} 公告 ${i}</title><description>極光電信 ${desk} 今日公告第 ${i} 則</description>
      <pubDate>Wed, 25 Nov 2026 ${hh}:30:00 +0800</pubDate></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>台北新聞</title>${items.join('')}</channel></rss>`;
}

async function setUp(clock: ManualClock, dataDir?: string) {
  const feed: FixtureServer = await startFixtureServer();
  cleanups.push(() => feed.close());
  feed.route('/a.xml', { body: taipeiFeed(3, '財經') });
  feed.route('/b.xml', { body: taipeiFeed(2, '社會') });
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fh-time-'));
  if (!dataDir) cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const st = Station.open({ dataDir: dir, clock, scheduler: { jitter: 0, perHost: 4 } });
  cleanups.push(() => st.close());
  if (!st.store.topics.list().length) await callApi(st, 'topics.save', { topic: { name: '極光電信', query: '極光電信' } }, 'admin');
  return { st, feed, dir };
}

/** Start what is due (as the scheduler's own loop would) and wait for those polls to finish. */
async function due(st: Station): Promise<number> {
  const started = st.sources.scheduler.tick();
  await expect.poll(() => st.sources.scheduler.inFlight, { timeout: 10_000, interval: 10 }).toBe(0);
  return started;
}

describe('the wall clock jumps', () => {
  it('backwards and forwards by hours and days without stalling polls or flooding sources', async () => {
    const clock = new ManualClock(T0);
    const { st, feed } = await setUp(clock);
    for (const [name, p] of [['a', '/a.xml'], ['b', '/b.xml']] as const) {
      await callApi(st, 'sources.add', { name, kind: 'feed', config: { url: `${feed.url}${p}`, allowPrivate: true }, intervalSec: 60 }, 'admin');
    }
    st.sources.sync();
    expect(await due(st)).toBe(2);
    expect(feed.hits('/a.xml') + feed.hits('/b.xml')).toBe(2);

    // Wall time steps back six hours: nothing is due early, and nothing waits six hours.
    clock.jump(-6 * HOUR);
    expect(await due(st)).toBe(0);
    clock.advance(67_000); // the interval is 60 s with up to 10% jitter
    expect(await due(st)).toBe(2);

    // Three days forward: no flood of catch-up polls, just the next one on schedule.
    clock.jump(3 * 24 * HOUR);
    expect(await due(st)).toBe(0);
    clock.advance(30_000);
    expect(await due(st)).toBe(0);
    clock.advance(37_000);
    expect(await due(st)).toBe(2);
    expect(feed.hits('/a.xml')).toBe(3);
    expect(feed.hits('/b.xml')).toBe(3);
    // The feeds were stored once, not once per poll.
    expect(st.store.mentions.count()).toBe(5);
  });

  it('a restart after the clock was set back does not wait for the stored far-future check time', async () => {
    const clock = new ManualClock(T0);
    const first = await setUp(clock);
    await callApi(first.st, 'sources.add', { name: 'a', kind: 'feed', config: { url: `${first.feed.url}/a.xml`, allowPrivate: true }, intervalSec: 60 }, 'admin');
    first.st.sources.sync();
    expect(await due(first.st)).toBe(1);
    await first.st.close();

    // The station comes back with its clock a day behind what it stored as "next check".
    const later = new ManualClock(T0 - 24 * HOUR);
    const st = Station.open({ dataDir: first.dir, clock: later, scheduler: { jitter: 0, perHost: 4 } });
    cleanups.push(() => st.close());
    st.sources.sync();
    expect(await due(st)).toBe(0);
    later.advance(67_000);
    expect(await due(st)).toBe(1);
  });
});

describe('stored times', () => {
  it('are UTC epoch milliseconds whatever the machine time zone, from feeds with offsets', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Taipei';
    cleanups.push(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    expect(new Date(T0).getHours()).toBe(14); // the zone really changed for this process

    const clock = new ManualClock(T0 + HOUR);
    const { st, feed } = await setUp(clock);
    await callApi(st, 'sources.add', { name: 'a', kind: 'feed', config: { url: `${feed.url}/a.xml`, allowPrivate: true }, intervalSec: 60 }, 'admin');
    st.sources.sync();
    await due(st);

    const rows = st.store.db.prepare('SELECT guid, published_at, fetched_at FROM mentions ORDER BY guid').all() as {
      guid: string;
      published_at: number;
      fetched_at: number;
    }[];
    // 13:30 +08:00 is 05:30 UTC; 12:30 +08:00 is 04:30 UTC ...
    expect(rows.map((r) => new Date(r.published_at).toISOString())).toEqual([
      '2026-11-25T05:30:00.000Z',
      '2026-11-25T04:30:00.000Z',
      '2026-11-25T03:30:00.000Z',
    ]);
    expect(rows.every((r) => r.fetched_at === T0 + HOUR)).toBe(true);
    // Rollup minutes are UTC minutes: the series puts them in the buckets of UTC hours.
    const series = (await callApi(st, 
      'series.volume',
      { from: T0 - 4 * HOUR, to: T0, bucketMin: 60 },
      'viewer',
    )) as { buckets: number[]; series: { counts: number[] }[] };
    expect(series.buckets.map((b) => new Date(b).toISOString().slice(11, 16))).toEqual(['02:00', '03:00', '04:00', '05:00']);
    expect(series.series[0]?.counts).toEqual([0, 1, 1, 1]);
  });
});
