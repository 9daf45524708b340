// The demo station: topics, light rules and one replay source per corpus source, read from
// resources/demo/station.json. Clearly marked as demo data (setting "demo").
import fs from 'node:fs';
import { z } from 'zod';
import { resolveRuleSpecs, ruleSpec } from './alerts/rule-specs';
import { resourcePath } from './paths';
import type { Store } from './store';

const demoStation = z.object({
  name: z.string(),
  sources: z.array(z.object({ name: z.string() }).passthrough()),
  topics: z.array(z.object({ name: z.string(), color: z.string(), query: z.string() })),
  rules: z.array(ruleSpec),
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
  });
}
