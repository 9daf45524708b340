// The board editor's grid maths: pointer movement in pixels to whole cells, and panels moved
// or resized within the 12-column grid (limits as in shared/schemas.ts panelInput).
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

/** A new panel of a kind's default size and window, below everything else. */
export function newPanel(
  kind: PanelKind,
  defaults: { w: number; h: number; windowMin: number },
  panels: readonly Panel[],
  id: string,
): Panel {
  const y = Math.min(MAX_ROWS - defaults.h, Math.max(0, ...panels.map((p) => p.y + p.h)));
  return { id, kind, topicIds: [], windowMin: defaults.windowMin, x: 0, y, w: defaults.w, h: defaults.h };
}
