// Places' lamps and the checks a reading passes before it is stored: pure rules shared by the
// engine, the wall and drills.
import { describe, expect, it } from 'vitest';
import { placeInput, placeLamp, readingProblem, worstFirst, type Place } from '../../shared/gauges';

const NOW = Date.UTC(2026, 1, 13, 12, 30);
const MIN = 60_000;
const place = (lastValue: number | null, lastAt: number | null = NOW - MIN) => ({
  capacity: 20_000,
  yellow: 0.6,
  red: 0.85,
  staleAfterMin: 15,
  lastValue,
  lastAt,
});

describe('a place lamp', () => {
  it('is green below 60% of capacity, yellow from 60%, red from 85% (the presets)', () => {
    expect(placeLamp(place(11_999), NOW)).toBe('green');
    expect(placeLamp(place(12_000), NOW)).toBe('yellow');
    expect(placeLamp(place(16_999), NOW)).toBe('yellow');
    expect(placeLamp(place(17_000), NOW)).toBe('red');
    expect(placeLamp(place(25_000), NOW)).toBe('red');
  });

  it('goes gray when the counter is silent longer than the place allows, or never spoke', () => {
    expect(placeLamp(place(17_000, NOW - 15 * MIN), NOW)).toBe('red');
    expect(placeLamp(place(17_000, NOW - 15 * MIN - 1), NOW)).toBe('gray');
    expect(placeLamp(place(null, null), NOW)).toBe('gray');
    expect(placeLamp({ ...place(100, NOW - 10_000), staleAfterMin: 0.1 }, NOW)).toBe('gray');
  });

  it('sorts the wall worst first: red, yellow, silent, green; fuller first within a colour', () => {
    const p = (name: string, lamp: Place['lamp'], occupancy: number | null) => ({ name, lamp, occupancy }) as Place;
    const sorted = [p('a', 'green', 0.5), p('b', 'gray', 0.9), p('c', 'red', 0.9), p('d', 'yellow', 0.7), p('e', 'red', 0.95), p('f', 'green', 0.2)]
      .sort(worstFirst)
      .map((x) => x.name);
    expect(sorted).toEqual(['e', 'c', 'd', 'b', 'a', 'f']);
  });
});

describe('a reading', () => {
  it('is refused when negative, not a number, or far in the future, and says which field', () => {
    expect(readingProblem({ at: NOW, value: -3 }, NOW)).toMatch(/^value: -3 is negative/);
    expect(readingProblem({ at: NOW, value: Number.NaN }, NOW)).toMatch(/^value: .* is not a number/);
    expect(readingProblem({ at: NOW, value: '12' as unknown as number }, NOW)).toMatch(/^value: "12" is not a number/);
    expect(readingProblem({ at: NOW + 60 * MIN, value: 5 }, NOW)).toMatch(/^at: 2026-02-13T13:30:00.000Z is in the future/);
  });

  it('is accepted at zero, now, in the past, and a little ahead of the clock (drift)', () => {
    for (const r of [{ at: NOW, value: 0 }, { at: NOW - 86_400_000, value: 5 }, { at: NOW + 2 * MIN, value: 5 }]) {
      expect(readingProblem(r, NOW)).toBeNull();
    }
  });
});

describe('a new place', () => {
  it('takes the 60% / 85% presets and 15 minutes of silence unless told otherwise', () => {
    expect(placeInput.parse({ name: '駁二', lat: 22.62, lon: 120.28, capacity: 8000 })).toMatchObject({
      yellow: 0.6,
      red: 0.85,
      staleAfterMin: 15,
      unit: '',
    });
  });

  it('refuses red below yellow, half a coordinate, and a latitude off the globe', () => {
    const bad = (x: object) => placeInput.safeParse({ name: 'x', capacity: 10, ...x });
    expect(bad({ yellow: 0.9, red: 0.8 }).error?.issues[0]).toMatchObject({ path: ['red'], message: 'red must be a larger share than yellow' });
    expect(bad({ lat: 22.6 }).error?.issues[0]?.path).toEqual(['lon']);
    expect(bad({ lat: 122.6, lon: 22 }).error?.issues[0]?.path).toEqual(['lat']);
    expect(bad({ capacity: 0 }).success).toBe(false);
  });
});
