// Where the wall windows go when the displays change: one kiosk window per display, numbered
// left to right (then top to bottom) so screen 1 stays the leftmost whatever order the system
// lists them in. A display that stays keeps its window (and its board, unreloaded) and only
// moves or resizes it; a new display gets a window; a gone display's window closes.
// Pure: plain rectangles in, a plan out.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
}

/** One wall window: which display, its number on the wall, and where it sits. */
export interface WallSlot {
  displayId: number;
  index: number;
  bounds: Rect;
}

export interface WallPlan {
  /** Displays that need a new window. */
  open: WallSlot[];
  /** Windows that stay; `move` when their bounds changed, `renumber` when their index did. */
  keep: { slot: WallSlot; move: boolean; renumber: boolean }[];
  /** Displays whose window closes. */
  close: number[];
}

export function wallSlots(displays: readonly DisplayInfo[]): WallSlot[] {
  return [...displays]
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id)
    .map((d, index) => ({ displayId: d.id, index, bounds: { ...d.bounds } }));
}

const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * From the walls open now to the walls the displays call for. With no display at all (a
 * moment during reconfiguration, a laptop lid) nothing changes: closing every window would
 * quit the app.
 */
export function planWalls(displays: readonly DisplayInfo[], open: readonly WallSlot[]): WallPlan {
  if (displays.length === 0) return { open: [], keep: [], close: [] };
  const wanted = wallSlots(displays);
  const byDisplay = new Map(open.map((s) => [s.displayId, s]));
  const plan: WallPlan = { open: [], keep: [], close: [] };
  for (const slot of wanted) {
    const now = byDisplay.get(slot.displayId);
    if (!now) plan.open.push(slot);
    else plan.keep.push({ slot, move: !sameRect(now.bounds, slot.bounds), renumber: now.index !== slot.index });
  }
  const stay = new Set(wanted.map((s) => s.displayId));
  plan.close = open.filter((s) => !stay.has(s.displayId)).map((s) => s.displayId);
  return plan;
}
