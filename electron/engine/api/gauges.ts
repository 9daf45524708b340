// Gauges as places: add, change, remove, list as of a time (with trends), and a place's readings.
import type { MethodName } from '../../../shared/api';
import { PlaceError } from '../store/gauges';
import { handlers, notFound, ApiError } from './types';

/** Sparkline buckets: about 60 points over the trend window, never finer than a minute. */
const trendBucketMs = (trendMin: number) => Math.max(60_000, Math.round((trendMin * 60_000) / 60));

/** A place the store refused (a taken name, red below yellow) as a params problem on that field. */
function refused(method: MethodName, e: unknown): unknown {
  if (!(e instanceof PlaceError)) return e;
  return new ApiError('bad-params', { method, issues: [{ path: e.field, message: e.message }] }, `${method}: ${e.field}: ${e.message}`);
}

export const gaugeHandlers = handlers({
  'gauges.list': (p, { station }) => {
    const at = p.at ?? station.clock.now();
    const places = station.store.gauges.list(at);
    if (!p.trendMin) return places;
    const trends = station.store.gauges.trends(at - p.trendMin * 60_000, at, trendBucketMs(p.trendMin));
    return places.map((g) => ({ ...g, trend: trends.get(g.id) ?? [] }));
  },
  'gauges.add': (p, { station }) => {
    try {
      return station.store.gauges.add(p);
    } catch (e) {
      throw refused('gauges.add', e);
    }
  },
  'gauges.update': (p, { station }) => {
    let g;
    try {
      g = station.store.gauges.update(p);
    } catch (e) {
      throw refused('gauges.update', e);
    }
    if (!g) throw notFound('gauge', p.id);
    return g;
  },
  'gauges.remove': (p, { station }) => ({ removed: station.store.gauges.remove(p.id) }),
  'gauges.series': (p, { station }) => {
    const g = p.id !== undefined ? station.store.gauges.get(p.id) : station.store.gauges.byName(p.name!);
    if (!g) throw notFound('gauge', p.id ?? p.name);
    return station.store.gauges.series(g, p.from, p.to, p.bucketMin ? p.bucketMin * 60_000 : null);
  },
});
