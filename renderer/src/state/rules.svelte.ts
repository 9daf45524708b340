// Light rules as every view sees them: loaded on each (re)connect, replaced whole by the
// engine's `rules` change event, and updated at once by the view that saved one.
import type { LightRule } from '../../../shared/types';
import { call } from '../lib/api';

export const rules = $state({ list: [] as LightRule[] });

export async function loadRules(): Promise<void> {
  rules.list = await call('rules.list', {});
}

export function setRules(list: LightRule[]): void {
  rules.list = list;
}

export function putRule(rule: LightRule): void {
  const i = rules.list.findIndex((x) => x.id === rule.id);
  if (i >= 0) rules.list[i] = rule;
  else rules.list.push(rule);
}

export function dropRule(id: number): void {
  rules.list = rules.list.filter((x) => x.id !== id);
}
