// The live stream's list maths: merge new mentions in, newest first, no duplicates, capped.
import type { Mention } from '../../../shared/types';

export function mergeNewest(incoming: readonly Mention[], current: readonly Mention[], max: number): Mention[] {
  const seen = new Set<number>();
  const out: Mention[] = [];
  for (const m of [...incoming, ...current]) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m);
  }
  out.sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * Where a newest-first list leaves the panel's window: the index of the first mention
 * published more than `windowMin` before `now`, or -1 when every one is inside it.
 */
export function firstOutsideWindow(list: readonly Pick<Mention, 'publishedAt'>[], now: number, windowMin: number): number {
  const from = now - windowMin * 60_000;
  return list.findIndex((m) => m.publishedAt < from);
}
