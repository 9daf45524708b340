// Fits n cards of a preferred aspect ratio into a box: the column count that gives each
// card the largest usable height. Pure, so the lights grid is tested without a browser.
export function fitGrid(n: number, width: number, height: number, aspect = 2.4): { cols: number; rows: number; cellH: number } {
  if (n <= 0 || width <= 0 || height <= 0) return { cols: 1, rows: 1, cellH: 0 };
  let best = { cols: 1, rows: n, cellH: 0 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellH = Math.min(width / cols / aspect, height / rows);
    if (cellH > best.cellH) best = { cols, rows, cellH };
  }
  return best;
}
