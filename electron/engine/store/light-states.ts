// What every light remembers between evaluations (colour, since, streaks), and the lights as
// the wall shows them (with what each watches and its unacknowledged alerts).
import type { LightColor, LightMetric, LightScope, LightState } from '../../../shared/types';
import type { Db } from './db';

interface StateRow {
  rule_id: number;
  color: string;
  since: number;
  volume: number;
  neg_share: number | null;
  net: number | null;
  newest_at: number | null;
  reason: string;
  evaluated_at: number;
  value: number | null;
  baseline: number | null;
  streak_yellow: number;
  streak_red: number;
}

/** What the light remembers between evaluations, beside what it shows. */
export interface LightMemory {
  color: LightColor;
  since: number;
  streakYellow: number;
  streakRed: number;
  /** When the light was last evaluated (absent before the first evaluation). */
  evaluatedAt?: number | undefined;
}

export interface StoredState extends LightMemory {
  ruleId: number;
  volume: number;
  negShare: number | null;
  netSentiment: number | null;
  newestAt: number | null;
  reason: string;
  evaluatedAt: number;
  value: number | null;
  baseline: number | null;
}

const toStored = (r: StateRow): StoredState => ({
  ruleId: r.rule_id,
  color: r.color as LightColor,
  since: r.since,
  volume: r.volume,
  negShare: r.neg_share,
  netSentiment: r.net,
  newestAt: r.newest_at,
  reason: r.reason,
  evaluatedAt: r.evaluated_at,
  value: r.value,
  baseline: r.baseline,
  streakYellow: r.streak_yellow,
  streakRed: r.streak_red,
});

interface LightRow extends StateRow {
  topic_id: number | null;
  scope: string;
  rule_scope_id: number | null;
  metric: string;
  persistence: number;
  label: string;
  unacknowledged: number;
}

function toState(r: LightRow): LightState {
  const color = r.color as LightColor;
  // A rise that has not yet held for the rule's persistence is pending.
  const pending: LightColor | null =
    color !== 'red' && r.streak_red > 0 && r.streak_red < r.persistence
      ? 'red'
      : color !== 'red' && color !== 'yellow' && r.streak_yellow > 0 && r.streak_yellow < r.persistence
        ? 'yellow'
        : null;
  return {
    ruleId: r.rule_id,
    topicId: r.topic_id ?? 0,
    topicName: r.label,
    color,
    since: r.since,
    volume: r.volume,
    negShare: r.neg_share,
    netSentiment: r.net,
    newestAt: r.newest_at,
    reason: r.reason,
    evaluatedAt: r.evaluated_at,
    label: r.label,
    scope: r.scope as LightScope,
    scopeId: r.scope === 'topic' ? r.topic_id : r.rule_scope_id,
    metric: r.metric as LightMetric,
    value: r.value,
    baseline: r.baseline,
    pending,
    pendingCount: pending === 'red' ? r.streak_red : pending === 'yellow' ? r.streak_yellow : 0,
    unacknowledged: r.unacknowledged,
  };
}

export function lightStatesRepo(db: Db) {
  const memory = db.prepare(`SELECT * FROM light_states`);
  const states = db.prepare(`SELECT ls.*, r.topic_id, r.scope, r.scope_id AS rule_scope_id, r.metric, r.persistence,
      coalesce(t.name, s.name, g.name, '全站 Station') AS label,
      (SELECT count(*) FROM alerts a WHERE a.rule_id = ls.rule_id AND a.acknowledged_at IS NULL
        AND a.to_color IN ('yellow', 'red')) AS unacknowledged
    FROM light_states ls JOIN light_rules r ON r.id = ls.rule_id
    LEFT JOIN topics t ON r.scope = 'topic' AND t.id = r.topic_id
    LEFT JOIN sources s ON r.scope = 'source' AND s.id = r.scope_id AND s.removed_at IS NULL
    LEFT JOIN gauges g ON r.scope = 'gauge' AND g.id = r.scope_id
    WHERE r.enabled = 1 AND (t.id IS NOT NULL OR s.id IS NOT NULL OR g.id IS NOT NULL OR r.scope = 'station')
    ORDER BY r.topic_id IS NULL, r.topic_id, r.id`);
  const putState = db.prepare(`INSERT INTO light_states (rule_id, color, since, volume, neg_share, net, newest_at, reason,
      evaluated_at, value, baseline, streak_yellow, streak_red)
    VALUES (@ruleId, @color, @since, @volume, @negShare, @netSentiment, @newestAt, @reason, @evaluatedAt, @value, @baseline,
      @streakYellow, @streakRed)
    ON CONFLICT (rule_id) DO UPDATE SET color = excluded.color, since = excluded.since, volume = excluded.volume,
      neg_share = excluded.neg_share, net = excluded.net, newest_at = excluded.newest_at, reason = excluded.reason,
      evaluated_at = excluded.evaluated_at, value = excluded.value, baseline = excluded.baseline,
      streak_yellow = excluded.streak_yellow, streak_red = excluded.streak_red`);
  return {
    /** What every light remembers, by rule id. */
    memory: (): Map<number, StoredState> => new Map((memory.all() as StateRow[]).map((r) => [r.rule_id, toStored(r)])),
    /** The lights as the wall shows them: every enabled rule whose topic, source or gauge exists. */
    states: (): LightState[] => (states.all() as LightRow[]).map(toState),
    putState: (s: StoredState): void => void putState.run(s),
  };
}
