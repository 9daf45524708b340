// Light rules written in a file (resources/demo/station.json, a drill's rules file): each is a
// `rules.save` input that names its topic instead of giving its id, e.g.
//   { "topic": "極光電信", "metric": "neg_share", "windowMin": 30, "yellow": 0.5, "red": 0.6 }
// Rules about a source, a gauge or the whole station name `"source"`, `"gauge"` or set `"scope": "station"`.
import { z } from 'zod';
import { describeIssues, lightRuleInput, type LightRuleInput } from '../../../shared/schemas';

export const ruleSpec = z
  .object({ topic: z.string().optional(), source: z.string().optional(), gauge: z.string().optional() })
  .passthrough();
export type RuleSpec = z.output<typeof ruleSpec>;

/** Resolve names to ids and validate each rule as `rules.save` would; errors name the rule. */
export function resolveRuleSpecs(
  specs: RuleSpec[],
  names: { topics: Map<string, number>; sources?: Map<string, number>; gauges?: Map<string, number> },
  file: string,
): LightRuleInput[] {
  return specs.map((spec, i) => {
    const { topic, source, gauge, ...rest } = spec;
    const where = `${file}: rule ${i + 1}${topic ? ` ("${topic}")` : ''}`;
    const ids: Record<string, unknown> = {};
    if (topic !== undefined) {
      const id = names.topics.get(topic);
      if (!id) throw new Error(`${where}: unknown topic "${topic}"`);
      ids.topicId = id;
    }
    if (source !== undefined) {
      const id = names.sources?.get(source);
      if (!id) throw new Error(`${where}: unknown source "${source}"`);
      Object.assign(ids, { scope: 'source', scopeId: id });
    }
    if (gauge !== undefined) {
      const id = names.gauges?.get(gauge);
      if (!id) throw new Error(`${where}: unknown gauge "${gauge}"`);
      Object.assign(ids, { scope: 'gauge', scopeId: id });
    }
    const r = lightRuleInput.safeParse({ ...rest, ...ids });
    if (!r.success) throw new Error(`${where}: ${describeIssues(r.error)}`);
    return r.data;
  });
}
