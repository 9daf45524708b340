// series.*: counts and tone per topic per time bucket, for charts. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { id, method, time } from './method';

export interface VolumeSeries {
  from: number;
  to: number;
  bucketMs: number;
  /** Start time of each bucket. */
  buckets: number[];
  series: { topicId: number; name: string; color: string; counts: number[]; negative: number[] }[];
}

export interface HeatSeries {
  from: number;
  to: number;
  bucketMs: number;
  buckets: number[];
  topics: { id: number; name: string; color: string }[];
  /** [bucket index, topic index, net sentiment (pos-neg)/count in [-1,1], count] for non-empty cells. */
  cells: [number, number, number, number][];
}

const seriesParams = z
  .object({
    from: time,
    to: time,
    bucketMin: z.number().int().min(1).max(1440),
    topicIds: z.array(id).max(200).optional(),
  })
  .strict()
  .refine((p) => p.to > p.from, { message: '"to" must be after "from"' })
  .refine((p) => (p.to - p.from) / (p.bucketMin * 60_000) <= 5000, {
    message: 'too many buckets: widen bucketMin or narrow the range (at most 5000)',
  });

export const seriesApi = {
  'series.volume': method<VolumeSeries>()({
    params: seriesParams,
    role: 'viewer',
    doc: 'Mention counts per topic per time bucket, from the rollups (whole hours per hour, the rest per minute).',
  }),
  'series.heat': method<HeatSeries>()({
    params: seriesParams,
    role: 'viewer',
    doc: 'Net sentiment per topic per time bucket (topics × time), from the rollups.',
  }),
} as const;
