// Gauges: numeric readings over time (crowds, followers, queues) for panels and lights.
import { handlers, notFound } from './types';

export const gaugeHandlers = handlers({
  'gauges.list': (_p, { station }) => station.store.gauges.list(),
  'gauges.series': (p, { station }) => {
    const g = p.id !== undefined ? station.store.gauges.get(p.id) : station.store.gauges.byName(p.name!);
    if (!g) throw notFound(`gauge ${p.id ?? `"${p.name}"`}`);
    return station.store.gauges.series(g, p.from, p.to, p.bucketMin ? p.bucketMin * 60_000 : null);
  },
});
