// A station's setup as one file: its topics and light rules in the drill's rules format
// ({ "topics": [{ name, query, color }], "rules": [{ "topic": name, ...rules.save fields }] },
// see tests/fixtures/incidents/rules.json), so a setup tuned on one station, or in a drill,
// can be shared with another. Import checks the whole file first — shape, every query, every
// rule's lines, every name a rule points at — and then writes it in one transaction, so a bad
// file changes nothing. Topics are matched by name (a known one gets the file's query and
// colour), rules by their subject and name (a known one is replaced).
import { z } from 'zod';
import { lightRuleInput, type LightRuleInput } from '../../shared/schemas';
import type { SetupImportResult, SetupIssue } from '../../shared/setup';
import type { LightRule, Topic } from '../../shared/types';
import { parseQuery, QueryError } from './analysis/query';
import { rulesFile, type RulesFile } from './alerts/drill';
import type { Store } from './store';

export class SetupFileError extends Error {
  constructor(readonly issues: SetupIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'SetupFileError';
  }
}

/** What names a rule's subject in the file. */
function subjectOf(r: LightRule, names: { topics: Map<number, string>; sources: Map<number, string>; gauges: Map<number, string> }) {
  switch (r.scope) {
    case 'topic':
      return { topic: names.topics.get(r.scopeId) };
    case 'source':
      return { source: names.sources.get(r.scopeId) };
    case 'gauge':
      return { gauge: names.gauges.get(r.scopeId) };
    case 'station':
      return { scope: 'station' as const };
  }
}

/** The station's topics and rules as a rules file (rules whose subject is gone are left out). */
export function exportSetup(store: Store): RulesFile {
  const topics = store.topics.list();
  const names = {
    topics: new Map(topics.map((t) => [t.id, t.name])),
    sources: new Map(store.sources.list().map((s) => [s.id, s.name])),
    gauges: new Map(store.gauges.list().map((g) => [g.id, g.name])),
  };
  const rules: RulesFile['rules'] = [];
  for (const r of store.lights.rules()) {
    const subject = subjectOf(r, names);
    if (Object.values(subject).some((v) => v === undefined)) continue;
    const { id: _id, scopeId: _s, scope, ...fields } = r;
    rules.push({ ...subject, ...(scope === 'station' ? { scope } : {}), ...fields } as RulesFile['rules'][number]);
  }
  return { topics: topics.map((t) => ({ name: t.name, query: t.query, color: t.color })), rules };
}

const zodIssues = (e: z.ZodError, prefix: string): SetupIssue[] =>
  e.issues.map((i) => ({ path: [prefix, ...i.path].filter((x) => x !== '').join('.') || '(root)', message: i.message, kind: 'shape' }));

/** Check a whole setup file against the station; throws SetupFileError listing every problem. */
export function checkSetup(store: Store, raw: unknown): { file: RulesFile; rules: LightRuleInput[] } {
  const shape = rulesFile.safeParse(raw);
  if (!shape.success) throw new SetupFileError(zodIssues(shape.error, ''));
  const file = shape.data;
  const issues: SetupIssue[] = [];
  const seen = new Set<string>();
  file.topics.forEach((t, i) => {
    if (seen.has(t.name)) issues.push({ path: `topics.${i}.name`, message: `topic "${t.name}" is in the file twice`, kind: 'duplicate-topic', name: t.name });
    seen.add(t.name);
    if (!/^#[0-9a-fA-F]{6}$/.test(t.color)) issues.push({ path: `topics.${i}.color`, message: 'must be a colour like #ff6b6b', kind: 'shape' });
    try {
      parseQuery(t.query);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      issues.push({ path: `topics.${i}.query`, message: e.message, kind: 'query', name: t.name, position: e.position });
    }
  });
  // A rule may point at a topic of the file or one the station already has (ids are placeholders
  // until the write: a topic new in this file gets its id in the transaction).
  const topicIds = new Map(store.topics.list().map((t) => [t.name, t.id]));
  for (const t of file.topics) if (!topicIds.has(t.name)) topicIds.set(t.name, -1);
  const sources = new Map(store.sources.list().map((s) => [s.name, s.id]));
  const gauges = new Map(store.gauges.list().map((g) => [g.name, g.id]));
  const rules: LightRuleInput[] = [];
  file.rules.forEach((spec, i) => {
    const { topic, source, gauge, ...rest } = spec as typeof spec & { gauge?: string };
    const ids: Record<string, unknown> = {};
    if (topic !== undefined) {
      const id = topicIds.get(topic);
      if (id === undefined) return void issues.push({ path: `rules.${i}.topic`, message: `no topic named "${topic}" in the file or the station`, kind: 'unknown-topic', name: topic });
      ids.topicId = id === -1 ? 1 : id; // validated with a stand-in id; resolved on write
    }
    if (source !== undefined) {
      const id = sources.get(source);
      if (id === undefined) return void issues.push({ path: `rules.${i}.source`, message: `no source named "${source}" on this station`, kind: 'unknown-source', name: source });
      Object.assign(ids, { scope: 'source', scopeId: id });
    }
    if (gauge !== undefined) {
      const id = gauges.get(gauge);
      if (id === undefined) return void issues.push({ path: `rules.${i}.gauge`, message: `no gauge named "${gauge}" on this station`, kind: 'unknown-gauge', name: gauge });
      Object.assign(ids, { scope: 'gauge', scopeId: id });
    }
    const r = lightRuleInput.safeParse({ ...rest, ...ids, id: undefined });
    if (!r.success) {
      for (const x of zodIssues(r.error, `rules.${i}`)) {
        const field = x.path.split('.').pop() ?? '';
        issues.push({ ...x, kind: ['yellow', 'red', 'volumeYellow', 'volumeRed', 'negShareYellow', 'negShareRed'].includes(field) ? 'lines' : 'shape' });
      }
      return;
    }
    rules.push(r.data.scope === 'topic' && topic !== undefined ? { ...r.data, scopeId: topicIds.get(topic)! } : r.data);
  });
  if (issues.length) throw new SetupFileError(issues);
  return { file, rules };
}

/** A checked rule with its topic's id as written (a topic new in the file has one only now). */
function withTopic(rule: LightRuleInput, topicId: number | undefined): LightRuleInput {
  return rule.scope === 'topic' && topicId !== undefined ? { ...rule, scopeId: topicId } : rule;
}

/** Check, then write the whole file in one transaction (or, with dryRun, only say what it would do). */
export function importSetup(store: Store, raw: unknown, opts: { now: number; dryRun?: boolean }): SetupImportResult {
  const { file, rules } = checkSetup(store, raw);
  const result: SetupImportResult = { topicsAdded: [], topicsUpdated: [], rulesAdded: 0, rulesUpdated: 0, retag: [], dryRun: !!opts.dryRun };
  const write = () => {
    const byName = new Map<string, Topic>(store.topics.list().map((t) => [t.name, t]));
    const ids = new Map<string, number>();
    for (const t of file.topics) {
      const known = byName.get(t.name);
      if (!known) {
        result.topicsAdded.push(t.name);
        const id = opts.dryRun ? -1 : store.topics.add(t, opts.now);
        ids.set(t.name, id);
        result.retag.push(id);
      } else {
        ids.set(t.name, known.id);
        if (known.query !== t.query || known.color !== t.color) {
          result.topicsUpdated.push(t.name);
          if (!opts.dryRun) store.topics.update(known.id, t);
          if (known.query !== t.query) result.retag.push(known.id);
        }
      }
    }
    const existing = store.lights.rules();
    file.rules.forEach((spec, i) => {
      const rule = rules[i]!;
      const topicId = spec.topic !== undefined ? ids.get(spec.topic)! : undefined;
      const resolved = withTopic(rule, topicId);
      const same = existing.find((r) => r.name === resolved.name && r.scope === resolved.scope && r.scopeId === resolved.scopeId);
      if (same) result.rulesUpdated++;
      else result.rulesAdded++;
      if (!opts.dryRun) store.lights.saveRule({ ...resolved, ...(same ? { id: same.id } : {}) });
    });
  };
  if (opts.dryRun) write();
  else store.tx(write);
  if (opts.dryRun) result.retag = [];
  return result;
}
