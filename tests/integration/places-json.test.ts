// Places fed by the generic JSON source: an open-data crowd endpoint (people present) and a
// car park endpoint (free spaces) served by a real HTTP fixture server on 127.0.0.1, mapped to
// the station's places by name; items for places the station does not have are skipped, and a
// mapping that fits nothing fails the poll in words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Params } from '../../shared/api';
import type { Source } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { startFixtureServer } from '../helpers/fixture-server';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 1, 13, 12, 30);
const json = (v: unknown) => ({ body: JSON.stringify(v), headers: { 'content-type': 'application/json' } });

async function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-places-json-'));
  const server = await startFixtureServer();
  const st = Station.open({ dataDir: dir, clock: new ManualClock(T0) });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => server.close());
  cleanups.push(() => st.close());
  const add = async (config: Record<string, unknown>, name: string) =>
    ((await callApi(st, 'sources.add', { name, kind: 'json', config } as Params<'sources.add'>, 'admin')) as Source).id;
  return { st, server, add };
}

describe('the JSON source feeding places', () => {
  it('reads a crowd endpoint into the places it names, and a car park endpoint as free spaces', async () => {
    const { st, server, add } = await setUp();
    await callApi(st, 'gauges.add', { name: '駁二藝術特區', lat: 22.62, lon: 120.28, capacity: 15000 }, 'admin');
    await callApi(st, 'gauges.add', { name: '中央公園停車場', lat: 22.62, lon: 120.30, capacity: 400 }, 'admin');
    server.route('/crowd', json({ result: { spots: [
      { spot: '駁二藝術特區', people: 9600, updated: '2026-02-13 20:25' },
      { spot: '旗津海岸', people: 3000, updated: '2026-02-13 20:25' },
    ] } }));
    server.route('/parking', json([{ lot: '中央公園停車場', available: '40' }]));
    const crowd = await add(
      { url: `${server.url}/crowd`, allowPrivate: true, itemsPath: 'result.spots', readings: { place: 'spot', value: 'people', at: 'updated' }, dateFormat: 'YYYY-MM-DD HH:mm', zone: '+08:00' },
      'crowd',
    );
    const parking = await add({ url: `${server.url}/parking`, allowPrivate: true, readings: { place: 'lot', value: 'available', counts: 'free' } }, 'parking');
    await st.sources.poll(crowd);
    await st.sources.poll(parking);
    expect(st.store.sources.get(crowd)!.health.state).toBe('ok');
    const places = st.store.gauges.list(T0);
    expect(places.find((p) => p.name === '駁二藝術特區')).toMatchObject({ lastValue: 9600, lastAt: Date.UTC(2026, 1, 13, 12, 25), lamp: 'yellow' });
    expect(places.find((p) => p.name === '中央公園停車場')).toMatchObject({ lastValue: 360, lamp: 'red' });
    // The place the station does not know is skipped, not created.
    expect(places.map((p) => p.name).sort()).toEqual(['中央公園停車場', '駁二藝術特區']);
  });

  it('fails the poll in words when no item is a reading of a place, keeping what was stored', async () => {
    const { st, server, add } = await setUp();
    await callApi(st, 'gauges.add', { name: 'hall', capacity: 100 }, 'admin');
    server.route('/c', json([{ name: 'hall', n: 40 }]));
    const id = await add({ url: `${server.url}/c`, allowPrivate: true, readings: { place: 'name', value: 'n' } }, 'c');
    await st.sources.poll(id);
    server.route('/c', json([{ name: 'hall', n: -4 }, { name: 'elsewhere', n: 3 }]));
    await st.sources.poll(id);
    expect(st.store.sources.get(id)!.health.lastError).toMatch(/none of the 2 items is a reading of a place \(item 0: value: -4 is negative/);
    expect(st.store.gauges.byName('hall', T0)).toMatchObject({ lastValue: 40 });
    await expect(
      callApi(st, 'sources.add', { name: 'x', kind: 'json', config: { url: `${server.url}/c` } } as Params<'sources.add'>, 'admin'),
    ).rejects.toThrow(/give a mapping for mentions \(map\) or for place readings \(readings\)/);
  });
});
