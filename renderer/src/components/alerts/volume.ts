// The volume chart's share of responding: a topic's volume rule as bands per bucket, the
// bucket still filling split off (drawn as partial, not a dip), and what a click on the chart
// points at (the topic and bucket to open in Explore).
import type { LightRule } from '../../../../shared/types';
import type { VolumeSeries } from '../../../../shared/api';

/**
 * The yellow and red lines of the topic's first enabled volume rule, as a rate per bucket
 * (a line of 60 an hour is 10 a 10-minute bucket); null when it has none.
 */
export function volumeBands(rules: LightRule[], topicId: number, bucketMs: number): { yellow: number | null; red: number | null } | null {
  for (const r of rules) {
    if (!r.enabled || r.scope !== 'topic' || r.scopeId !== topicId) continue;
    const lines =
      r.metric === 'count' ? [r.yellow, r.red] : r.metric === 'thresholds' ? [r.volumeYellow, r.volumeRed] : null;
    if (!lines || (lines[0] == null && lines[1] == null)) continue;
    const per = bucketMs / (r.windowMin * 60_000);
    return { yellow: lines[0] == null ? null : lines[0] * per, red: lines[1] == null ? null : lines[1] * per };
  }
  return null;
}

type Point = [number, number];

/** The points of full buckets, and the last two as a partial segment when the last bucket is still filling at `at`. */
export function splitPartial(d: VolumeSeries, counts: number[], at: number): { full: Point[]; partial: Point[] | null } {
  const points: Point[] = counts.map((c, i) => [d.buckets[i]!, c]);
  const last = d.buckets.length - 1;
  if (last < 1 || d.buckets[last]! + d.bucketMs <= at) return { full: points, partial: null };
  return { full: points.slice(0, last), partial: points.slice(last - 1) };
}

/** The bucket nearest to `x` and the topic whose value there is nearest to `y`. */
export function drillTarget(d: VolumeSeries, x: number, y: number): { topicId: number; from: number; to: number; count: number } | null {
  if (!d.buckets.length || !d.series.length) return null;
  const i = Math.min(d.buckets.length - 1, Math.max(0, Math.round((x - d.buckets[0]!) / d.bucketMs)));
  let best = d.series[0]!;
  for (const s of d.series) if (Math.abs(s.counts[i]! - y) < Math.abs(best.counts[i]! - y)) best = s;
  return { topicId: best.topicId, from: d.buckets[i]!, to: d.buckets[i]! + d.bucketMs, count: best.counts[i]! };
}
