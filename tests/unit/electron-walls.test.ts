// The walls' own resilience, on plain data: a crashed renderer comes back after growing
// waits, and walls follow displays that appear, vanish, resize or move.
import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from '../../electron/main/backoff';
import { planWalls, wallSlots, type DisplayInfo } from '../../electron/main/displays';

describe('a wall renderer that keeps crashing', () => {
  const policy = { firstMs: 1_000, maxMs: 60_000, quietMs: 10 * 60_000 };

  it('is reloaded after 1, 2, 4 … s, never waiting more than a minute', () => {
    const b = new Backoff(policy);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const wait = b.fail(now);
      waits.push(wait);
      now += wait + 500; // reloads, crashes again half a second later
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('is reloaded after a second again once it ran ten quiet minutes', () => {
    const b = new Backoff(policy);
    b.fail(0);
    b.fail(2_000);
    expect(b.fail(5_000)).toBe(4_000);
    expect(b.fail(5_000 + 10 * 60_000)).toBe(1_000);
    expect(b.count).toBe(1);
  });

  it('never overflows into a nonsense wait', () => {
    expect(backoffDelay(5_000, 1_000, 300_000)).toBe(300_000);
    expect(backoffDelay(0, 1_000, 300_000)).toBe(1_000);
  });
});

const display = (id: number, x: number, y: number, width = 3840, height = 2160): DisplayInfo => ({
  id,
  bounds: { x, y, width, height },
});

describe('walls follow the displays', () => {
  it('numbers screens left to right, then top to bottom, whatever order the system lists them', () => {
    const slots = wallSlots([display(7, 3840, 0), display(3, 0, 2160), display(5, 0, 0)]);
    expect(slots.map((s) => [s.displayId, s.index])).toEqual([
      [5, 0],
      [3, 1],
      [7, 2],
    ]);
  });

  it('opens a window on a display that was plugged in and keeps the others untouched', () => {
    const open = wallSlots([display(1, 0, 0), display(2, 3840, 0)]);
    const plan = planWalls([display(1, 0, 0), display(2, 3840, 0), display(3, 7680, 0)], open);
    expect(plan.open).toEqual([{ displayId: 3, index: 2, bounds: { x: 7680, y: 0, width: 3840, height: 2160 } }]);
    expect(plan.keep.map((k) => [k.slot.displayId, k.move, k.renumber])).toEqual([
      [1, false, false],
      [2, false, false],
    ]);
    expect(plan.close).toEqual([]);
  });

  it('closes the window of a display that was unplugged and renumbers the ones to its right', () => {
    const open = wallSlots([display(1, 0, 0), display(2, 3840, 0), display(3, 7680, 0)]);
    const plan = planWalls([display(1, 0, 0), display(3, 7680, 0)], open);
    expect(plan.close).toEqual([2]);
    expect(plan.open).toEqual([]);
    expect(plan.keep.map((k) => [k.slot.displayId, k.slot.index, k.move, k.renumber])).toEqual([
      [1, 0, false, false],
      [3, 1, false, true],
    ]);
  });

  it('moves and resizes a window whose display changed resolution or place', () => {
    const open = wallSlots([display(1, 0, 0), display(2, 3840, 0)]);
    const plan = planWalls([display(1, 0, 0, 1920, 1080), display(2, 1920, 0)], open);
    expect(plan.keep.map((k) => [k.slot.displayId, k.move, k.renumber])).toEqual([
      [1, true, false],
      [2, true, false],
    ]);
    expect(plan.keep[1]!.slot.bounds).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
  });

  it('does nothing while no display is reported at all, so the app is never left without windows', () => {
    const open = wallSlots([display(1, 0, 0)]);
    expect(planWalls([], open)).toEqual({ open: [], keep: [], close: [] });
  });
});
