// Pure pieces of the wall and Explore: playlist, burn-in shift, source health words, the
// virtualised list's window maths and the board editor's grid.
import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/types';
import { parsePlaylist, pixelShift, stepBoard } from '../../renderer/src/lib/wall';
import { byHealth, sourceHealth } from '../../renderer/src/lib/health';
import { MAX_SCROLL_PX, pagesFor, virtualWindow } from '../../renderer/src/lib/virtual';
import { fits, moved, newPanel, overlaps, resized } from '../../renderer/src/lib/grid';
import { seriesRange } from '../../renderer/src/lib/time';

describe('the wall playlist', () => {
  it('reads boards and a dwell from the address, with a sane default', () => {
    expect(parsePlaylist('?playlist=1,2,5&dwell=30')).toEqual({ boards: [1, 2, 5], dwellSec: 30 });
    expect(parsePlaylist('?playlist=3')).toEqual({ boards: [3], dwellSec: 60 });
    expect(parsePlaylist('?playlist=x,,0&dwell=1')).toBeNull();
    expect(parsePlaylist('?playlist=2&dwell=1')!.dwellSec).toBe(60);
    expect(parsePlaylist('')).toBeNull();
  });

  it('steps forward and back around the list', () => {
    expect(stepBoard([1, 2, 3], 3, 1)).toBe(1);
    expect(stepBoard([1, 2, 3], 1, -1)).toBe(3);
    expect(stepBoard([1, 2, 3], undefined, 1)).toBe(1);
    expect(stepBoard([], 1, 1)).toBeUndefined();
  });
});

describe('burn-in shift', () => {
  it('moves a few pixels every few minutes and comes back around', () => {
    const step = 4 * 60_000;
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const s = pixelShift(i * step);
      expect(Math.abs(s.x)).toBeLessThanOrEqual(3);
      expect(Math.abs(s.y)).toBeLessThanOrEqual(3);
      seen.add(`${s.x},${s.y}`);
    }
    expect(seen.size).toBe(8);
    expect(pixelShift(8 * step)).toEqual(pixelShift(0));
    expect(pixelShift(step - 1)).toEqual(pixelShift(0));
  });
});

describe('source health', () => {
  const now = Date.UTC(2026, 10, 25, 6);
  const source = (h: Partial<Source['health']>, enabled = true): Source => ({
    id: 1,
    name: 'feed',
    kind: 'feed',
    config: {},
    enabled,
    intervalSec: 300,
    createdAt: 0,
    health: {
      state: 'ok',
      lastCheckAt: now,
      lastSuccessAt: now - 60_000,
      lastErrorAt: null,
      lastError: null,
      consecutiveFailures: 0,
      nextCheckAt: null,
      itemsTotal: 10,
      pausedReason: null,
      ...h,
    },
  });

  it('says ok, late, failing, paused and off in colours', () => {
    expect(sourceHealth(source({}), now)).toEqual({ color: 'green', word: 'ok' });
    expect(sourceHealth(source({ lastSuccessAt: now - 20 * 60_000 }), now)).toEqual({ color: 'yellow', word: 'late' });
    expect(sourceHealth(source({ state: 'error', consecutiveFailures: 1 }), now).color).toBe('yellow');
    expect(sourceHealth(source({ state: 'error', consecutiveFailures: 3 }), now).color).toBe('red');
    expect(sourceHealth(source({ state: 'paused' }), now)).toEqual({ color: 'red', word: 'paused' });
    expect(sourceHealth(source({}, false), now)).toEqual({ color: 'gray', word: 'off' });
    expect(sourceHealth(source({ state: 'idle', lastSuccessAt: null }), now).word).toBe('idle');
    // A folder's first file being read: mentions arrive before the source's first success.
    expect(sourceHealth(source({ state: 'idle', lastSuccessAt: null }), now, true)).toEqual({ color: 'green', word: 'reading' });
    expect(sourceHealth(source({ lastSuccessAt: now - 20 * 60_000 }), now, true)).toEqual({ color: 'green', word: 'reading' });
    expect(sourceHealth(source({ state: 'error', consecutiveFailures: 3 }), now, true).color).toBe('red');
  });

  it('lists the worst first', () => {
    const a = { ...source({}), id: 1, name: 'a' };
    const b = { ...source({ state: 'paused' }), id: 2, name: 'b' };
    expect(byHealth([a, b], now).map((s) => s.name)).toEqual(['b', 'a']);
  });
});

describe('the virtualised list', () => {
  it('renders only the rows in view, plus a little overscan', () => {
    const w = virtualWindow(10_000, 50, 500, 5000, 2);
    expect(w.start).toBe(98);
    expect(w.end).toBe(113);
    expect(w.height).toBe(500_000);
    expect(w.offset).toBe(98 * 50);
  });

  it('maps a capped scrollbar onto millions of rows, end to end', () => {
    const total = 5_000_000;
    const top = virtualWindow(total, 60, 600, 0, 0);
    expect(top.height).toBe(MAX_SCROLL_PX);
    expect(top.start).toBe(0);
    const bottom = virtualWindow(total, 60, 600, MAX_SCROLL_PX - 600, 0);
    expect(bottom.end).toBe(total);
    // The last row ends exactly at the bottom of the view.
    expect(bottom.offset + (total - bottom.start) * 60).toBeCloseTo(MAX_SCROLL_PX, 0);
  });

  it('fetches the pages covering the window', () => {
    expect(pagesFor(95, 210, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(0, 0, 100)).toEqual([]);
  });
});

describe('the board editor grid', () => {
  const cell = { colPx: 100, rowPx: 80 };
  const p = { id: 'v', kind: 'volume' as const, topicIds: [], windowMin: 360, x: 3, y: 0, w: 6, h: 3 };

  it('moves a panel by whole cells and keeps it on the grid', () => {
    expect(moved(p, 149, 90, cell)).toMatchObject({ x: 4, y: 1 });
    expect(moved(p, 2000, -500, cell)).toMatchObject({ x: 6, y: 0 });
    expect(moved(p, -2000, 0, cell)).toMatchObject({ x: 0 });
  });

  it('resizes from the corner, at least one cell, never past the right edge', () => {
    expect(resized(p, 220, 160, cell)).toMatchObject({ w: 8, h: 5 });
    expect(resized(p, -5000, -5000, cell)).toMatchObject({ w: 1, h: 1 });
    expect(resized(p, 5000, 0, cell)).toMatchObject({ w: 9 });
  });

  it("adds a new panel in the first free space, at its kind's default size and window", () => {
    expect(newPanel('terms', { w: 4, h: 4, windowMin: 60 }, [p], 'n1')).toMatchObject({ id: 'n1', kind: 'terms', y: 3, x: 0, w: 4, h: 4, windowMin: 60 });
    // Beside the others when it fits there: nobody is squeezed.
    expect(newPanel('lights', { w: 3, h: 3, windowMin: 60 }, [p], 'n2')).toMatchObject({ x: 0, y: 0 });
    const low = { ...p, y: 20, h: 4 };
    expect(newPanel('lights', { w: 3, h: 6, windowMin: 60 }, [low], 'n3')).toMatchObject({ x: 0, y: 0, h: 6 });
  });

  it('refuses a new panel when no free space is left, and finds overlaps', () => {
    const full = { ...p, x: 0, y: 0, w: 12, h: 24 };
    expect(newPanel('terms', { w: 4, h: 4, windowMin: 60 }, [full], 'n4')).toBeNull();
    expect(overlaps(p, { ...p, id: 'o', x: 8 })).toBe(true);
    expect(overlaps(p, { ...p, id: 'o', x: 9 })).toBe(false);
    expect(fits({ ...p, id: 'o', y: 3 }, [p])).toBe(true);
  });
});

describe('volume buckets', () => {
  it('uses wide buckets so a sparse topic reads as a trend: 10 minutes for 6 hours, an hour for a day', () => {
    const now = Date.UTC(2026, 10, 25, 6, 7);
    expect(seriesRange(now, 360, 36).bucketMin).toBe(10);
    expect(seriesRange(now, 1440, 36).bucketMin).toBe(60);
    expect(seriesRange(now, 60, 36).bucketMin).toBe(2);
  });
});
