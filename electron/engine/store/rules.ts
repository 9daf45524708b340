// Light rules: what each light watches (a metric over a scope) and its thresholds.
import type { BaselineKind, LightMetric, LightRule, LightScope, RuleInput, Severity } from '../../../shared/types';
import type { Db } from './db';

export type { RuleInput };

interface RuleRow {
  id: number;
  topic_id: number | null;
  name: string;
  window_min: number;
  volume_yellow: number | null;
  volume_red: number | null;
  neg_yellow: number | null;
  neg_red: number | null;
  min_volume: number;
  stale_after_min: number;
  enabled: number;
  metric: string;
  scope: string;
  scope_id: number | null;
  yellow: number | null;
  red: number | null;
  baseline: string;
  baseline_days: number;
  baseline_hours: number;
  persistence: number;
  hysteresis: number;
  cooldown_min: number;
  severity: string;
  notify_per_hour: number;
}

/** Lines the rule's metric does not use read as null: a rule carries one shape, not two. */
function lineFields(metric: LightMetric, l: Pick<RuleRow, 'volume_yellow' | 'volume_red' | 'neg_yellow' | 'neg_red' | 'yellow' | 'red'>) {
  return metric === 'thresholds'
    ? { volumeYellow: l.volume_yellow, volumeRed: l.volume_red, negShareYellow: l.neg_yellow, negShareRed: l.neg_red, yellow: null, red: null }
    : { volumeYellow: null, volumeRed: null, negShareYellow: null, negShareRed: null, yellow: l.yellow, red: l.red };
}

/**
 * A row as the rule it is. Rows keep the topic of a topic rule in `topic_id` (scope_id may be
 * null there, as older rows have it) and null in `topic_id` for every other scope; a row with
 * no metric predates the metrics and is a 'thresholds' rule.
 */
export function toRule(r: RuleRow): LightRule {
  const metric = (r.metric || 'thresholds') as LightMetric;
  const scope = (r.scope || 'topic') as LightScope;
  return {
    id: r.id,
    name: r.name,
    windowMin: r.window_min,
    minVolume: r.min_volume,
    staleAfterMin: r.stale_after_min,
    enabled: r.enabled === 1,
    metric,
    scope,
    scopeId: scope === 'topic' ? (r.topic_id ?? r.scope_id) : scope === 'station' ? null : r.scope_id,
    ...lineFields(metric, r),
    baseline: r.baseline as BaselineKind,
    baselineDays: r.baseline_days,
    baselineHours: r.baseline_hours,
    persistence: r.persistence,
    hysteresis: r.hysteresis,
    cooldownMin: r.cooldown_min,
    severity: r.severity as Severity,
    notifyPerHour: r.notify_per_hour,
  } as LightRule;
}

/** The rule as a row's named parameters: a topic rule's id goes to topic_id (and scope_id, as before). */
function toRow(r: RuleInput) {
  return {
    ...r,
    topicId: r.scope === 'topic' ? r.scopeId : null,
    scopeId: r.scope === 'station' ? null : r.scopeId,
    enabled: r.enabled ? 1 : 0,
  };
}

export function rulesRepo(db: Db) {
  const RULE_COLS = `topic_id, name, window_min, volume_yellow, volume_red, neg_yellow, neg_red, min_volume,
    stale_after_min, enabled, metric, scope, scope_id, yellow, red, baseline, baseline_days, baseline_hours,
    persistence, hysteresis, cooldown_min, severity, notify_per_hour`;
  const RULE_VALS = `@topicId, @name, @windowMin, @volumeYellow, @volumeRed, @negShareYellow, @negShareRed, @minVolume,
    @staleAfterMin, @enabled, @metric, @scope, @scopeId, @yellow, @red, @baseline, @baselineDays, @baselineHours,
    @persistence, @hysteresis, @cooldownMin, @severity, @notifyPerHour`;
  const rules = db.prepare(`SELECT * FROM light_rules ORDER BY id`);
  const rule = db.prepare(`SELECT * FROM light_rules WHERE id = ?`);
  const insertRule = db.prepare(`INSERT INTO light_rules (${RULE_COLS}) VALUES (${RULE_VALS})`);
  const updateRule = db.prepare(`UPDATE light_rules SET (${RULE_COLS}) = (${RULE_VALS}) WHERE id = @id`);
  const deleteRule = db.prepare(`DELETE FROM light_rules WHERE id = ?`);
  return {
    rules: (): LightRule[] => (rules.all() as RuleRow[]).map(toRule),
    rule: (id: number): LightRule | null => {
      const r = rule.get(id) as RuleRow | undefined;
      return r ? toRule(r) : null;
    },
    saveRule(r: RuleInput): number {
      const row = toRow(r);
      if (r.id) {
        updateRule.run({ ...row, id: r.id });
        return r.id;
      }
      return Number(insertRule.run(row).lastInsertRowid);
    },
    /** Remove a rule (its light state goes with it; its alerts stay in the log). */
    removeRule: (id: number): boolean => deleteRule.run(id).changes > 0,
  };
}
