// Wall-mode maths, pure for tests: the playlist from the address (?playlist=1,2&dwell=60),
// and the slow burn-in shift (a few pixels, a step every few minutes, around a small loop).

export interface Playlist {
  boards: number[];
  dwellSec: number;
}

export function parsePlaylist(search: string): Playlist | null {
  const q = new URLSearchParams(search);
  const boards = (q.get('playlist') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (boards.length === 0) return null;
  const dwell = Number(q.get('dwell'));
  return { boards, dwellSec: Number.isFinite(dwell) && dwell >= 5 ? Math.min(dwell, 86_400) : 60 };
}

/** The next (step 1) or previous (step -1) board of a list, wrapping around. */
export function stepBoard(boards: readonly number[], current: number | undefined, step: 1 | -1): number | undefined {
  if (boards.length === 0) return undefined;
  const i = current === undefined ? -1 : boards.indexOf(current);
  if (i < 0) return boards[step === 1 ? 0 : boards.length - 1];
  return boards[(i + step + boards.length) % boards.length];
}

/** Eight points on a ±`px` square, one per `stepMs`: every pixel rests, nothing jumps far. */
const LOOP: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
];

export function pixelShift(now: number, px = 3, stepMs = 4 * 60_000): { x: number; y: number } {
  const [x, y] = LOOP[Math.floor(now / stepMs) % LOOP.length]!;
  return { x: x * px, y: y * px };
}
