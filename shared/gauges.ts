// Places: a gauge (crowd at a venue, a car park, a queue) seen as a place on the wall — where it
// is, how full it may get before its lamp turns yellow or red, and when its counter counts as
// silent. The lamp rule and the reading checks are pure and shared, so the engine, the wall
// (which re-checks staleness as its clock ticks) and drills agree on every colour.
import { z } from 'zod';
import type { Gauge, LightColor } from './types';

/** The shares of capacity at which a place turns yellow and red unless it says otherwise. */
export const LAMP_PRESETS = { yellow: 0.6, red: 0.85 } as const;
/** A counter silent for longer than this (minutes) shows a gray lamp, unless the place says otherwise. */
export const DEFAULT_STALE_MIN = 15;
/** A reading may be stamped up to this far ahead of the station's clock (clock drift); later is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A gauge as a place: coordinates, lamp shares, staleness, and its lamp at the time asked. */
export interface Place extends Gauge {
  /** WGS84 degrees; null for a gauge that was never given a position (it is left off maps). */
  lat: number | null;
  lon: number | null;
  /** Shares of capacity (0.6 = 60%) at which the lamp turns yellow and red. */
  yellow: number;
  red: number;
  /** Minutes without a reading after which the lamp is gray. */
  staleAfterMin: number;
  /** lastValue ÷ capacity at the time asked; null without a reading. */
  occupancy: number | null;
  lamp: LightColor;
  /** The last reading per bucket over the trend window, oldest first (when asked for). */
  trend?: { at: number; value: number }[];
}

/** The lamp of a place at `now`: gray when silent (or never heard), else by its share of capacity. */
export function placeLamp(
  p: Pick<Place, 'capacity' | 'yellow' | 'red' | 'staleAfterMin' | 'lastValue' | 'lastAt'>,
  now: number,
): LightColor {
  if (p.lastValue === null || p.lastAt === null) return 'gray';
  if (now - p.lastAt > p.staleAfterMin * 60_000) return 'gray';
  const share = p.lastValue / p.capacity;
  if (share >= p.red) return 'red';
  if (share >= p.yellow) return 'yellow';
  return 'green';
}

const LAMP_RANK: Record<LightColor, number> = { red: 3, yellow: 2, gray: 1, green: 0 };

/** Worst first: red, yellow, then silent places, then green; fuller before emptier; then by name. */
export function worstFirst(a: Place, b: Place): number {
  return LAMP_RANK[b.lamp] - LAMP_RANK[a.lamp] || (b.occupancy ?? -1) - (a.occupancy ?? -1) || a.name.localeCompare(b.name);
}

/** Why a reading cannot be stored, in words naming the field, or null when it can. */
export function readingProblem(r: { at: number; value: unknown }, now: number): string | null {
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return `value: ${JSON.stringify(r.value) ?? 'nothing'} is not a number`;
  if (r.value < 0) return `value: ${r.value} is negative (a count cannot be below 0)`;
  if (!Number.isFinite(r.at) || r.at < 0) return `at: ${r.at} is not a time`;
  if (r.at > now + FUTURE_TOLERANCE_MS) {
    return `at: ${new Date(r.at).toISOString()} is in the future (the station's clock says ${new Date(now).toISOString()})`;
  }
  return null;
}

const shares = {
  yellow: z.number().gt(0).max(5).describe('share of capacity for yellow (0.6 = 60%)'),
  red: z.number().gt(0).max(5).describe('share of capacity for red (0.85 = 85%)'),
};
const lat = z.number().min(-90).max(90).describe('latitude, WGS84 degrees');
const lon = z.number().min(-180).max(180).describe('longitude, WGS84 degrees');

/** A new place (gauges.add). */
export const placeInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    lat: lat.nullable().default(null),
    lon: lon.nullable().default(null),
    capacity: z.number().positive().finite().describe('what 100% means, e.g. the venue capacity'),
    unit: z.string().trim().max(40).default(''),
    yellow: shares.yellow.default(LAMP_PRESETS.yellow),
    red: shares.red.default(LAMP_PRESETS.red),
    staleAfterMin: z.number().min(0.05).max(10080).default(DEFAULT_STALE_MIN).describe('minutes of silence before the lamp is gray'),
  })
  .strict()
  .refine((p) => p.red > p.yellow, { message: 'red must be a larger share than yellow', path: ['red'] })
  .refine((p) => (p.lat === null) === (p.lon === null), { message: 'give both lat and lon, or neither', path: ['lon'] });
export type PlaceInput = z.output<typeof placeInput>;

/** Changes to a place (gauges.update): only what is given changes; readings are kept. */
export const placePatch = z
  .object({
    id: z.number().int().positive(),
    name: z.string().trim().min(1).max(120).optional(),
    lat: lat.nullable().optional(),
    lon: lon.nullable().optional(),
    capacity: z.number().positive().finite().optional(),
    unit: z.string().trim().max(40).optional(),
    yellow: shares.yellow.optional(),
    red: shares.red.optional(),
    staleAfterMin: z.number().min(0.05).max(10080).optional(),
  })
  .strict()
  .refine((p) => (p.lat === undefined) === (p.lon === undefined), { message: 'change lat and lon together', path: ['lon'] });
export type PlacePatch = z.output<typeof placePatch>;

/** gauges.list: the places as of `at` (default: now), each with its trend over the last `trendMin` minutes when asked. */
export const placesQuery = z
  .object({
    at: z.number().int().nonnegative().optional().describe('epoch milliseconds, UTC: the time shown (presenter, replay)'),
    trendMin: z.number().int().min(10).max(2880).optional(),
  })
  .strict();
