// Places in files: the places a station or a drill starts with (resources/demo/station.json
// `places`, a drill's rules file) and recorded crowd readings to replay (JSON lines of
// { gauge, t, value }, t in seconds from the recording's t = 0, like a replay corpus).
import path from 'node:path';
import { z } from 'zod';
import { placeInput } from '../../shared/gauges';
import { readJsonLines } from './jsonl';
import { resourcePath } from './paths';
import type { Store } from './store';

/** A place as written in a file: a gauges.add input. */
export const placeSpec = placeInput;

export const readingLine = z
  .object({
    gauge: z.string().min(1),
    /** Seconds relative to the recording's t = 0. */
    t: z.number(),
    value: z.number(),
  })
  .strict();
export type ReadingLine = z.output<typeof readingLine>;

export interface Readings {
  lines: ReadingLine[];
  tMin: number;
  tMax: number;
  /** One loop of the ring (seconds), as a replay corpus. */
  period: number;
}

const cache = new Map<string, Readings>();

/** `demo` names the demo's festival places. */
export function readingsPath(name: string): string {
  return name === 'demo' ? resourcePath('demo', 'places.jsonl') : path.resolve(name);
}

export function loadReadings(name: string): Readings {
  const file = readingsPath(name);
  const hit = cache.get(file);
  if (hit) return hit;
  const lines = readJsonLines(file, readingLine, 'place readings').sort((a, b) => a.t - b.t);
  if (lines.length === 0) throw new Error(`${file}: there are no readings`);
  const r = { lines, tMin: lines[0]!.t, tMax: lines[lines.length - 1]!.t, period: lines[lines.length - 1]!.t - lines[0]!.t + 60 };
  cache.set(file, r);
  return r;
}

/** Add the places a file names; a place that already exists is left as it is. */
export function addPlaces(store: Store, specs: z.input<typeof placeSpec>[], where: string): void {
  specs.forEach((spec, i) => {
    const r = placeSpec.safeParse(spec);
    if (!r.success) {
      throw new Error(`${where}: place ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ')}`);
    }
    if (!store.gauges.byName(r.data.name)) store.gauges.add(r.data);
  });
}
