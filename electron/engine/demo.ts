// The demo station: topics, light rules and one replay source per corpus source, read from
// resources/demo/station.json, plus the lantern festival's places (crowd counters replayed from
// resources/demo/places.jsonl) and a festival board with the places map beside the festival's
// volume. Clearly marked as demo data (setting "demo").
import fs from 'node:fs';
import { z } from 'zod';
import { resolveRuleSpecs, ruleSpec } from './alerts/rule-specs';
import { resourcePath } from './paths';
import { addPlaces, placeSpec } from './places';
import type { Store } from './store';
import type { Panel } from '../../shared/types';

/** The replay source that plays the festival places' crowd readings. */
export const DEMO_PLACES_SOURCE = '場館人流 (demo)';
/** The festival topic the demo's festival board follows, and that board's name. */
const FESTIVAL_TOPIC = '高雄燈會';
const FESTIVAL_BOARD = '燈會 Festival';

const demoStation = z.object({
  name: z.string(),
  sources: z.array(z.object({ name: z.string() }).passthrough()),
  topics: z.array(z.object({ name: z.string(), color: z.string(), query: z.string() })),
  rules: z.array(ruleSpec),
  places: z.array(placeSpec).default([]),
});

export function setUpDemo(store: Store, now: number, speed = 1): void {
  const file = resourcePath('demo', 'station.json');
  const spec = demoStation.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  store.tx(() => {
    store.settings.set('demo', true);
    store.settings.set('name', spec.name);
    const topicIds = new Map<string, number>();
    for (const t of spec.topics) topicIds.set(t.name, store.topics.add(t, now));
    for (const r of resolveRuleSpecs(spec.rules, { topics: topicIds }, file)) store.lights.saveRule(r);
    for (const s of spec.sources) {
      store.sources.add(
        { name: s.name, kind: 'replay', config: { corpus: 'demo', speed, only: s.name }, enabled: true, intervalSec: 2 },
        now,
      );
    }
    addPlaces(store, spec.places, file);
    if (spec.places.length) {
      store.sources.add({ name: DEMO_PLACES_SOURCE, kind: 'replay', config: { places: 'demo', speed }, enabled: true, intervalSec: 5 }, now);
    }
  });
}

/**
 * The demo's second board, added after the war room: the festival places on the map beside the
 * festival's volume over a day (its evening included), and the places as rows, worst first.
 */
export function addDemoBoards(store: Store, now: number): void {
  if (!store.settings.get('demo', false) || store.boards.list().some((b) => b.name === FESTIVAL_BOARD)) return;
  const festival = store.topics.list().find((t) => t.name === FESTIVAL_TOPIC);
  const topicIds = festival ? [festival.id] : [];
  const panels: Panel[] = [
    { id: 'map', kind: 'map', topicIds: [], windowMin: 180, x: 0, y: 0, w: 6, h: 6 },
    { id: 'volume', kind: 'volume', topicIds, windowMin: 1440, x: 6, y: 0, w: 6, h: 3 },
    { id: 'places', kind: 'places', topicIds: [], windowMin: 180, x: 6, y: 3, w: 6, h: 3 },
  ];
  store.boards.add({ name: FESTIVAL_BOARD, panels }, now);
}
