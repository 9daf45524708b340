// The demo station with its festival places: set up from resources/demo, the places' crowd
// readings replayed beside the corpus (history on the first poll, the rest as its time comes),
// pushed to the stream, and a festival board with the places map beside the volume chart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/api';
import { ManualClock } from '../../electron/engine/clock';
import { DEMO_PLACES_SOURCE } from '../../electron/engine/demo';
import { Station } from '../../electron/engine/station';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

// The demo's t = 0 is 14:00 in Taipei.
const T0 = Date.UTC(2026, 1, 13, 6, 0);
const MIN = 60_000;

describe('the demo festival places', () => {
  it('replays the crowd readings: green in the afternoon, red on the festival night, and a festival board', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-places-demo-'));
    const clock = new ManualClock(T0);
    const st = Station.open({ dataDir: dir, clock, demo: true });
    cleanups.push(async () => {
      await st.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const events: StationEvent[] = [];
    st.events.subscribe((e) => void events.push(e));

    const source = st.store.sources.list().find((s) => s.name === DEMO_PLACES_SOURCE)!;
    expect(source.config).toMatchObject({ places: 'demo' });
    expect(st.store.gauges.list(T0).map((p) => [p.name, p.lat !== null, p.lamp])).toEqual([
      ['夢時代', true, 'gray'],
      ['愛河燈區', true, 'gray'],
      ['駁二藝術特區', true, 'gray'],
      ['高雄流行音樂中心', true, 'gray'],
    ]);

    await st.sources.poll(source.id);
    expect(st.store.sources.get(source.id)!.health.state).toBe('ok');
    const now = st.store.gauges.list(T0);
    expect(now.every((p) => p.lamp === 'green')).toBe(true);
    // The festival night, the evening before: 20:50 in Taipei is 17 h 10 min before t = 0.
    const night = st.store.gauges.list(T0 - (17 * 60 + 10) * MIN);
    expect(night.find((p) => p.name === '愛河燈區')).toMatchObject({ lamp: 'red' });
    expect(night.filter((p) => p.lamp === 'green').map((p) => p.name).sort()).toEqual(['夢時代', '駁二藝術特區', '高雄流行音樂中心']);
    expect(events.filter((e) => e.type === 'gauge').length).toBe(4);

    // Ten minutes on: two more readings per place arrive, no more.
    const before = st.store.gauges.series(st.store.gauges.byName('夢時代')!, T0 - 86_400_000 - MIN, T0 + 3600_000, null).points.length;
    clock.advance(10 * MIN);
    await st.sources.poll(source.id);
    const after = st.store.gauges.series(st.store.gauges.byName('夢時代')!, T0 - 86_400_000 - MIN, T0 + 3600_000, null).points.length;
    expect(after - before).toBe(2);

    const board = st.store.boards.list().find((b) => b.name.includes('Festival'))!;
    expect(board.panels.map((p) => p.kind)).toEqual(['map', 'volume', 'places']);
    expect(st.store.boards.getDefault()!.name).toMatch(/War room/);
  });
});
