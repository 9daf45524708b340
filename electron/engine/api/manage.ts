// Analyst commands: sources, topics. (Light rules and alerts: api/alerts.ts.)
import { sourceConfigs, describeIssues, formatIssues } from '../../../shared/schemas';
import { keepHiddenSecrets } from '../sources/secrets';
import { publicSource } from '../store/sources';
import { ApiError, handlers, notFound } from './types';

export const manageHandlers = handlers({
  'sources.list': (_p, { station }) => station.store.sources.list().map(publicSource),
  'sources.add': (p, { station }) => {
    if (station.store.sources.byName(p.name)) {
      throw new ApiError(409, 'conflict', `a source named "${p.name}" already exists`);
    }
    const id = station.store.sources.add(p, station.clock.now());
    station.sourcesChanged();
    if (p.enabled) station.scheduler.pollNow(id);
    // The one answer that shows a new source's secrets (a generated webhook secret).
    const added = station.store.sources.get(id)!;
    return { ...publicSource(added), config: added.config };
  },
  'sources.update': (p, { station }) => {
    const s = station.store.sources.get(p.id);
    if (!s) throw notFound(`source ${p.id}`);
    if (p.config) {
      p.config = keepHiddenSecrets(p.config, s.config);
      const r = sourceConfigs[s.kind].safeParse(p.config);
      if (!r.success) {
        throw new ApiError(400, 'bad-params', `config: ${describeIssues(r.error)}`, formatIssues(r.error));
      }
      p.config = r.data as Record<string, unknown>;
    }
    station.store.sources.update(p.id, p);
    station.sourcesChanged();
    return publicSource(station.store.sources.get(p.id)!);
  },
  'sources.remove': (p, { station }) => {
    const removed = station.store.sources.remove(p.id, station.clock.now());
    station.sourcesChanged();
    return { removed };
  },
  'sources.pollNow': (p, { station }) => {
    const s = station.store.sources.get(p.id);
    if (!s) throw notFound(`source ${p.id}`);
    station.scheduler.pollNow(p.id);
    return publicSource(s);
  },
  'topics.list': (_p, { station }) => station.store.topics.list(),
  'topics.save': (p, { station }) => {
    station.checkQuery(p.topic.query);
    const { topics } = station.store;
    let id = p.topic.id;
    try {
      if (id) {
        if (!topics.update(id, p.topic)) throw notFound(`topic ${id}`);
      } else {
        id = topics.add(p.topic, station.clock.now());
      }
    } catch (e) {
      if (e instanceof Error && /UNIQUE/.test(e.message)) {
        throw new ApiError(409, 'conflict', `a topic named "${p.topic.name}" already exists`);
      }
      throw e;
    }
    station.topicsChanged();
    return topics.get(id)!;
  },
  'topics.remove': (p, { station }) => {
    const removed = station.store.topics.remove(p.id);
    station.topicsChanged();
    return { removed };
  },
});
