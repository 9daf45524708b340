// Annotations: notes pinned to moments, drawn on volume charts.
import { handlers, notFound } from './types';

export const annotationHandlers = handlers({
  'annotations.list': (p, { station }) => station.store.annotations.list(p.from, p.to),
  'annotations.add': (p, { station }) => {
    if (p.topicId && !station.store.topics.get(p.topicId)) throw notFound('topic', p.topicId);
    return station.store.annotations.get(station.store.annotations.add(p, station.clock.now()))!;
  },
  'annotations.remove': (p, { station }) => ({ removed: station.store.annotations.remove(p.id) }),
});
