// The maths of a virtualised list: which rows to render for a scroll position, and where.
// Browsers cap an element's height (~33 M px in Chromium), so past MAX_SCROLL_PX the
// scrollbar maps proportionally onto the rows: a million mentions still scroll end to end.

export const MAX_SCROLL_PX = 8_000_000;

export interface VirtualWindow {
  /** Height of the scrolling spacer, px. */
  height: number;
  /** Rows [start, end) to render. */
  start: number;
  end: number;
  /** Top of row `start` inside the spacer, px. */
  offset: number;
}

export function virtualWindow(total: number, rowH: number, viewH: number, scrollTop: number, overscan = 4): VirtualWindow {
  if (total <= 0 || rowH <= 0) return { height: 0, start: 0, end: 0, offset: 0 };
  const fullH = total * rowH;
  const height = Math.min(fullH, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, height - viewH);
  const maxRowScroll = Math.max(0, fullH - viewH);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  // Where the top of the viewport falls in row space.
  const rowTop = maxScroll > 0 ? (top / maxScroll) * maxRowScroll : 0;
  const first = Math.floor(rowTop / rowH);
  const visible = Math.ceil(viewH / rowH) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + visible + overscan);
  return { height, start, end, offset: top - (rowTop - start * rowH) };
}

/** The pages (of `pageSize` rows) that cover rows [start, end). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}
