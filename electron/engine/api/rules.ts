// rules.*: light rules. Saving one re-evaluates the lights and tells open walls (`rules`).
import { notFound } from '../../../shared/errors';
import { handlers } from './types';

export const ruleHandlers = handlers({
  'rules.list': (_p, { station }) => station.store.lights.rules(),
  'rules.save': (p, { station }) => {
    const r = p.rule;
    const { store } = station;
    if (r.scope === 'topic' && !store.topics.get(r.scopeId)) throw notFound('topic', r.scopeId);
    if (r.scope === 'source' && !store.sources.get(r.scopeId)) throw notFound('source', r.scopeId);
    if (r.scope === 'gauge' && !store.gauges.get(r.scopeId)) throw notFound('gauge', r.scopeId);
    if (r.id && !store.lights.rule(r.id)) throw notFound('rule', r.id);
    const id = store.lights.saveRule(r);
    station.lights.evaluate();
    station.events.emit({ type: 'rules', now: station.clock.now(), rules: store.lights.rules() });
    return store.lights.rule(id)!;
  },
});
