// The demo station: topics, light rules and one replay source per corpus source, read from
// resources/demo/station.json. Clearly marked as demo data (setting "demo").
import fs from 'node:fs';
import { z } from 'zod';
import { resourcePath } from './paths';
import type { Store } from './store';

const demoStation = z.object({
  name: z.string(),
  sources: z.array(z.object({ name: z.string() }).passthrough()),
  topics: z.array(z.object({ name: z.string(), color: z.string(), query: z.string() })),
  rules: z.array(
    z.object({
      topic: z.string(),
      windowMin: z.number().int().positive(),
      volumeYellow: z.number().int().positive().nullable().optional(),
      volumeRed: z.number().int().positive().nullable().optional(),
      negShareYellow: z.number().nullable().optional(),
      negShareRed: z.number().nullable().optional(),
      minVolume: z.number().int().nonnegative().optional(),
      staleAfterMin: z.number().int().positive().optional(),
    }),
  ),
});

export function setUpDemo(store: Store, now: number, speed = 1): void {
  const file = resourcePath('demo', 'station.json');
  const spec = demoStation.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  store.tx(() => {
    store.settings.set('demo', true);
    store.settings.set('name', spec.name);
    const topicIds = new Map<string, number>();
    for (const t of spec.topics) topicIds.set(t.name, store.topics.add(t, now));
    for (const r of spec.rules) {
      const topicId = topicIds.get(r.topic);
      if (!topicId) throw new Error(`${file}: rule for unknown topic "${r.topic}"`);
      store.lights.saveRule({
        topicId,
        name: '',
        windowMin: r.windowMin,
        volumeYellow: r.volumeYellow ?? null,
        volumeRed: r.volumeRed ?? null,
        negShareYellow: r.negShareYellow ?? null,
        negShareRed: r.negShareRed ?? null,
        minVolume: r.minVolume ?? 5,
        staleAfterMin: r.staleAfterMin ?? 60,
        enabled: true,
      });
    }
    for (const s of spec.sources) {
      store.sources.add(
        { name: s.name, kind: 'replay', config: { corpus: 'demo', speed, only: s.name }, enabled: true, intervalSec: 2 },
        now,
      );
    }
  });
}
