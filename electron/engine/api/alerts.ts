// alerts.*: the alert log: filtered, acknowledged, its evidence, exported.
import type { Mention } from '../../../shared/types';
import { alertsCsv, alertsJson } from '../alerts/export';
import { handlers, notFound } from './types';

export const alertHandlers = handlers({
  'alerts.list': (p, { station }) => {
    const { limit, offset, ...filter } = p;
    return station.store.lights.alerts(limit, filter, offset);
  },
  'alerts.ack': (p, { station }) => {
    if (!station.store.lights.ack(p.id, station.clock.now(), p.note ?? null)) throw notFound('alert', p.id);
    station.lights.acknowledged();
    return station.store.lights.alert(p.id)!;
  },
  'alerts.evidence': (p, { station }) => {
    const alert = station.store.lights.alert(p.id);
    if (!alert) throw notFound('alert', p.id);
    const { mostNegative, mostReached } = alert.evidence;
    const byId = new Map(station.store.mentions.byIds([...new Set([...mostNegative, ...mostReached])]).map((m) => [m.id, m]));
    // Keep the evidence's order; a mention deleted since is left out.
    const pick = (ids: number[]) => ids.map((i) => byId.get(i)).filter((m): m is Mention => m !== undefined);
    return { alert, mostNegative: pick(mostNegative), mostReached: pick(mostReached) };
  },
  'alerts.export': (p, { station }) => {
    const { format, limit, lang, ...filter } = p;
    const alerts = station.store.lights.alerts(limit, filter);
    const stamp = new Date(station.clock.now()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    return {
      format,
      filename: `fenghuo-alerts-${stamp}.${format}`,
      text: format === 'csv' ? alertsCsv(alerts, lang) : alertsJson(alerts),
      count: alerts.length,
    };
  },
});
