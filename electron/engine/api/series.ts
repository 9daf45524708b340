// series.*: counts and tone per topic per time bucket, for charts, from the rollups.
import type { HeatSeries, VolumeSeries } from '../../../shared/api';
import { handlers } from './types';

function buckets(from: number, to: number, bucketMin: number) {
  const fromMinute = Math.floor(from / 60_000);
  const toMinute = Math.ceil(to / 60_000);
  const n = Math.max(1, Math.ceil((toMinute - fromMinute) / bucketMin));
  const starts = Array.from({ length: n }, (_, i) => (fromMinute + i * bucketMin) * 60_000);
  return { fromMinute, toMinute, n, starts };
}

export const seriesHandlers = handlers({
  'series.volume': (p, { station }): VolumeSeries => {
    const b = buckets(p.from, p.to, p.bucketMin);
    const topics = station.topics.pick(p.topicIds);
    const rows = station.store.rollups.topicBuckets(b.fromMinute, b.toMinute, p.bucketMin, topics.map((t) => t.id));
    const series = topics.map((t) => ({
      topicId: t.id,
      name: t.name,
      color: t.color,
      counts: new Array<number>(b.n).fill(0),
      negative: new Array<number>(b.n).fill(0),
    }));
    const idx = new Map(series.map((s, i) => [s.topicId, i]));
    for (const r of rows) {
      const s = series[idx.get(r.topic_id) ?? -1];
      if (!s || r.b < 0 || r.b >= b.n) continue;
      s.counts[r.b] = r.count;
      s.negative[r.b] = r.neg;
    }
    return { from: p.from, to: p.to, bucketMs: p.bucketMin * 60_000, buckets: b.starts, series };
  },
  'series.heat': (p, { station }): HeatSeries => {
    const b = buckets(p.from, p.to, p.bucketMin);
    const topics = station.topics.pick(p.topicIds);
    const idx = new Map(topics.map((t, i) => [t.id, i]));
    const rows = station.store.rollups.topicBuckets(b.fromMinute, b.toMinute, p.bucketMin, topics.map((t) => t.id));
    const cells: HeatSeries['cells'] = [];
    for (const r of rows) {
      const ti = idx.get(r.topic_id);
      if (ti === undefined || r.b < 0 || r.b >= b.n || r.count === 0) continue;
      cells.push([r.b, ti, Math.round(((r.pos - r.neg) / r.count) * 1000) / 1000, r.count]);
    }
    return {
      from: p.from,
      to: p.to,
      bucketMs: p.bucketMin * 60_000,
      buckets: b.starts,
      topics: topics.map((t) => ({ id: t.id, name: t.name, color: t.color })),
      cells,
    };
  },
});
