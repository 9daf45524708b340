// gauges.*: places and their readings. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { placeInput, placePatch, placesQuery, type Place } from '../gauges';
import type { GaugeSeries } from '../types';
import { id, method, time } from './method';

export const gaugesApi = {
  'gauges.list': method<Place[]>()({
    params: placesQuery,
    role: 'public',
    doc: "Places (gauges) as of `at` (default now): latest reading, share of capacity, lamp (gray when silent); with trendMin, each place's readings over the last trendMin minutes.",
  }),
  'gauges.add': method<Place>()({
    params: placeInput,
    role: 'admin',
    doc: 'Add a place: name, coordinates, capacity, the shares of capacity for yellow and red (presets 60% / 85%) and minutes of silence before its lamp is gray.',
  }),
  'gauges.update': method<Place>()({ params: placePatch, role: 'admin', doc: 'Change a place; its readings are kept.' }),
  'gauges.remove': method<{ removed: boolean }>()({
    params: z.object({ id }).strict(),
    role: 'admin',
    doc: 'Remove a place and its readings.',
  }),
  'gauges.series': method<GaugeSeries>()({
    params: z
      .object({
        id: id.optional(),
        name: z.string().min(1).max(120).optional(),
        from: time,
        to: time,
        bucketMin: z.number().int().min(1).max(1440).optional(),
      })
      .strict()
      .refine((p) => (p.id === undefined) !== (p.name === undefined), { message: 'give the gauge id or its name' })
      .refine((p) => p.to > p.from, { message: '"to" must be after "from"' }),
    role: 'public',
    doc: "A gauge's readings in [from, to): every reading, or with bucketMin the last, min and max per bucket.",
  }),
} as const;
