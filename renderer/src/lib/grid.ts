// The board editor's grid maths: pointer movement in pixels to whole cells, panels moved or
// resized within the 12-column grid (limits as in shared/schemas.ts panelInput), overlaps
// found, and free space for a new panel.
import type { Panel, PanelKind } from '../../../shared/types';

export const COLS = 12;
export const MAX_ROWS = 24;

export interface Cell {
  /** Pixel size of one column / row step, gap included. */
  colPx: number;
  rowPx: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The panel dragged by (dx, dy) pixels from where it was when the drag began. */
export function moved(start: Panel, dx: number, dy: number, cell: Cell): Panel {
  return {
    ...start,
    x: clamp(start.x + Math.round(dx / cell.colPx), 0, COLS - start.w),
    y: clamp(start.y + Math.round(dy / cell.rowPx), 0, MAX_ROWS - start.h),
  };
}

/** The panel's corner dragged by (dx, dy) pixels. */
export function resized(start: Panel, dx: number, dy: number, cell: Cell): Panel {
  return {
    ...start,
    w: clamp(start.w + Math.round(dx / cell.colPx), 1, COLS - start.x),
    h: clamp(start.h + Math.round(dy / cell.rowPx), 1, MAX_ROWS - start.y),
  };
}

/** Two panels share at least one cell. */
export function overlaps(a: Panel, b: Panel): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** `p` covers none of `others` (itself excluded by id). */
export function fits(p: Panel, others: readonly Panel[]): boolean {
  return others.every((o) => o.id === p.id || !overlaps(p, o));
}

/**
 * A new panel of a kind's default size and window, in the first free space (top to bottom,
 * left to right) so the panels already there keep their size; null when no free space is
 * left on the grid (the editor says so rather than squeeze the others).
 */
export function newPanel(
  kind: PanelKind,
  defaults: { w: number; h: number; windowMin: number },
  panels: readonly Panel[],
  id: string,
): Panel | null {
  const w = Math.min(COLS, defaults.w);
  const h = Math.min(MAX_ROWS, defaults.h);
  for (let y = 0; y <= MAX_ROWS - h; y++) {
    for (let x = 0; x <= COLS - w; x++) {
      const p: Panel = { id, kind, topicIds: [], windowMin: defaults.windowMin, x, y, w, h };
      if (fits(p, panels)) return p;
    }
  }
  return null;
}
