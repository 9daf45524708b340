// Places in a real SQLite file: added with coordinates and lamp shares, fed readings, read as
// of a time (what presenter mode shows), changed without losing readings; bad readings store
// nothing and leave what was stored untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/engine/store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function open(): Store {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-places-'));
  dirs.push(d);
  return Store.open(d);
}

const T = Date.UTC(2026, 1, 13, 12, 0);
const MIN = 60_000;

describe('places in the store', () => {
  it('answers a place as it was at any time: the reading then, and the lamp it had', () => {
    const s = open();
    const p = s.gauges.add({ name: '愛河燈區', lat: 22.6247, lon: 120.2894, capacity: 20_000, unit: '人', yellow: 0.6, red: 0.85, staleAfterMin: 15 });
    expect(p).toMatchObject({ lat: 22.6247, lon: 120.2894, lamp: 'gray', lastValue: null });
    s.gauges.record('愛河燈區', {}, [
      { at: T, value: 9_000 },
      { at: T + 10 * MIN, value: 13_000 },
      { at: T + 20 * MIN, value: 18_000 },
    ], T + 20 * MIN);
    const at = (t: number) => s.gauges.list(t)[0]!;
    expect(at(T + 5 * MIN)).toMatchObject({ lastValue: 9_000, lamp: 'green', occupancy: 0.45 });
    expect(at(T + 15 * MIN)).toMatchObject({ lastValue: 13_000, lamp: 'yellow' });
    expect(at(T + 20 * MIN)).toMatchObject({ lastValue: 18_000, lamp: 'red' });
    expect(at(T + 36 * MIN)).toMatchObject({ lastValue: 18_000, lamp: 'gray' });
    expect(at(T - MIN)).toMatchObject({ lastValue: null, lamp: 'gray' });
  });

  it('keeps every stored reading when a batch holds a bad one, and says which', () => {
    const s = open();
    s.gauges.add({ name: '駁二', lat: 22.62, lon: 120.28, capacity: 8000, unit: '', yellow: 0.6, red: 0.85, staleAfterMin: 15 });
    s.gauges.record('駁二', {}, [{ at: T, value: 3000 }], T);
    expect(() => s.gauges.record('駁二', {}, [{ at: T + MIN, value: 4000 }, { at: T + 2 * MIN, value: -1 }], T + 2 * MIN)).toThrow(
      /reading 2: value: -1 is negative/,
    );
    expect(() => s.gauges.record('駁二', {}, [{ at: T + 3 * 3600_000, value: 10 }], T)).toThrow(/in the future/);
    expect(() => s.gauges.record('夢時代', {}, [{ at: T, value: 10 }], T)).toThrow(/there is no place "夢時代": add it first/);
    expect(s.gauges.series(s.gauges.byName('駁二')!, 0, T + 3600_000, null).points.map((p) => p.value)).toEqual([3000]);
    expect(s.gauges.list(T).map((g) => g.name)).toEqual(['駁二']);
  });

  it('changes a place (name, shares, coordinates) and keeps its readings; refuses red below yellow', () => {
    const s = open();
    const p = s.gauges.add({ name: 'hall', lat: null, lon: null, capacity: 100, unit: '', yellow: 0.6, red: 0.85, staleAfterMin: 15 });
    s.gauges.record('hall', {}, [{ at: T, value: 70 }], T);
    expect(s.gauges.get(p.id, T)!.lamp).toBe('yellow');
    const q = s.gauges.update({ id: p.id, name: 'Hall A', yellow: 0.5, red: 0.7, lat: 25.03, lon: 121.56 })!;
    expect(q).toMatchObject({ name: 'Hall A', lat: 25.03, lon: 121.56, lastValue: 70 });
    expect(s.gauges.get(p.id, T)!.lamp).toBe('red');
    expect(() => s.gauges.update({ id: p.id, yellow: 0.9 })).toThrow(/red \(0.7\) must be a larger share than yellow \(0.9\)/);
    expect(() => s.gauges.add({ name: 'Hall A', lat: null, lon: null, capacity: 1, unit: '', yellow: 0.6, red: 0.85, staleAfterMin: 15 })).toThrow(
      /already exists/,
    );
    expect(s.gauges.update({ id: 999, name: 'x' })).toBeNull();
    expect(s.gauges.remove(p.id)).toBe(true);
    expect(s.gauges.list(T)).toEqual([]);
  });

  it('draws every place\'s trend in one read: the last reading per bucket', () => {
    const s = open();
    s.gauges.add({ name: 'a', lat: null, lon: null, capacity: 100, unit: '', yellow: 0.6, red: 0.85, staleAfterMin: 15 });
    s.gauges.add({ name: 'b', lat: null, lon: null, capacity: 100, unit: '', yellow: 0.6, red: 0.85, staleAfterMin: 15 });
    s.gauges.record('a', {}, [0, 1, 2, 3, 4, 5].map((i) => ({ at: T + i * 5 * MIN, value: i * 10 })), T + 30 * MIN);
    s.gauges.record('b', {}, [{ at: T + 12 * MIN, value: 7 }], T + 30 * MIN);
    const t = s.gauges.trends(T, T + 30 * MIN, 10 * MIN);
    const [a, b] = s.gauges.list(T + 30 * MIN);
    expect(t.get(a!.id)!.map((p) => p.value)).toEqual([10, 30, 50]);
    expect(t.get(b!.id)).toEqual([{ at: T + 12 * MIN, value: 7 }]);
  });
});
