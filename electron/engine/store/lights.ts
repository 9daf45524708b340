// Light rules, their current states and the alert log; the metrics a rule needs, read from
// the per-minute rollups (never from mentions); the evidence of an alert, read from mentions
// once per change.
import type {
  Alert,
  AlertEvidence,
  BaselineKind,
  LightColor,
  LightMetric,
  LightRule,
  LightScope,
  LightState,
  Severity,
} from '../../../shared/types';
import type { Db } from './db';

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

const toRule = (r: RuleRow): LightRule => ({
  id: r.id,
  topicId: r.topic_id ?? 0,
  name: r.name,
  windowMin: r.window_min,
  volumeYellow: r.volume_yellow,
  volumeRed: r.volume_red,
  negShareYellow: r.neg_yellow,
  negShareRed: r.neg_red,
  minVolume: r.min_volume,
  staleAfterMin: r.stale_after_min,
  enabled: r.enabled === 1,
  metric: r.metric as LightMetric,
  scope: r.scope as LightScope,
  scopeId: r.scope === 'topic' ? r.topic_id : r.scope_id,
  yellow: r.yellow,
  red: r.red,
  baseline: r.baseline as BaselineKind,
  baselineDays: r.baseline_days,
  baselineHours: r.baseline_hours,
  persistence: r.persistence,
  hysteresis: r.hysteresis,
  cooldownMin: r.cooldown_min,
  severity: r.severity as Severity,
  notifyPerHour: r.notify_per_hour,
});

/** A rule as saved: everything but the id, which is absent for a new rule. */
export type RuleInput = Omit<LightRule, 'id' | 'topicId'> & { id?: number | undefined; topicId?: number | undefined };

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

interface AlertRow {
  id: number;
  rule_id: number;
  topic_id: number;
  topic_name: string;
  at: number;
  from_color: string;
  to_color: string;
  reason: string;
  volume: number;
  neg_share: number | null;
  acknowledged_at: number | null;
  note: string | null;
  label: string;
  scope: string;
  scope_id: number | null;
  metric: string;
  value: number | null;
  baseline: number | null;
  severity: string;
  notify: number;
  evidence: string | null;
}

const NO_EVIDENCE: AlertEvidence = { from: 0, to: 0, mostNegative: [], mostReached: [] };

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  ruleId: r.rule_id,
  topicId: r.topic_id,
  topicName: r.topic_name,
  at: r.at,
  from: r.from_color as LightColor,
  to: r.to_color as LightColor,
  reason: r.reason,
  volume: r.volume,
  negShare: r.neg_share,
  acknowledgedAt: r.acknowledged_at,
  note: r.note,
  label: r.label,
  scope: r.scope as LightScope,
  scopeId: r.scope_id,
  metric: r.metric as LightMetric,
  value: r.value,
  baseline: r.baseline,
  severity: r.severity as Severity,
  notify: r.notify === 1,
  evidence: r.evidence ? (JSON.parse(r.evidence) as AlertEvidence) : NO_EVIDENCE,
});

export interface NewAlert {
  ruleId: number;
  topicId: number;
  label: string;
  scope: LightScope;
  scopeId: number | null;
  metric: LightMetric;
  at: number;
  from: LightColor;
  to: LightColor;
  reason: string;
  volume: number;
  negShare: number | null;
  value: number | null;
  baseline: number | null;
  severity: Severity;
  notify: boolean;
  evidence: AlertEvidence;
}

export interface AlertFilter {
  unacknowledged?: boolean | undefined;
  ruleId?: number | undefined;
  topicId?: number | undefined;
  /** The colour the light changed to. */
  color?: LightColor | undefined;
  severity?: Severity | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** Totals over a window of minutes, and the newest minute with data (at or before the window's end). */
export interface WindowMetrics {
  count: number;
  pos: number;
  neg: number;
  sentSum: number;
  newestMinute: number | null;
}

/** The rollup series a rule reads: one topic, one source, or the station (all sources). */
export type SeriesKey = { scope: 'topic'; id: number } | { scope: 'source'; id: number } | { scope: 'station' };

export function lightsRepo(db: Db) {
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
  const insertAlert = db.prepare(`INSERT INTO alerts (rule_id, topic_id, topic_name, at, from_color, to_color, reason,
      volume, neg_share, label, scope, scope_id, metric, value, baseline, severity, notify, evidence)
    VALUES (@ruleId, @topicId, @label, @at, @from, @to, @reason, @volume, @negShare, @label, @scope, @scopeId, @metric,
      @value, @baseline, @severity, @notify, @evidence)`);
  const alert = db.prepare(`SELECT * FROM alerts WHERE id = ?`);
  const ack = db.prepare(`UPDATE alerts SET acknowledged_at = ?, note = ? WHERE id = ?`);
  const notified = db.prepare(`SELECT count(*) AS n FROM alerts WHERE rule_id = ? AND notify = 1 AND at > ?`);

  // Rollup reads per series kind. The station is the sum over sources, read source by source
  // so every read stays a range seek on the (source_id, minute) key.
  const T = {
    topic: {
      sum: db.prepare(`SELECT coalesce(sum(count), 0) AS count, coalesce(sum(pos), 0) AS pos,
        coalesce(sum(neg), 0) AS neg, coalesce(sum(sent_sum), 0) AS sentSum
        FROM rollup_topic_minute WHERE topic_id = ? AND minute >= ? AND minute <= ?`),
      newest: db.prepare(`SELECT max(minute) AS m FROM rollup_topic_minute WHERE topic_id = ? AND minute <= ?`),
      first: db.prepare(`SELECT min(minute) AS m FROM rollup_topic_minute WHERE topic_id = ?`),
      buckets: db.prepare(`SELECT CAST((minute - ?) / ? AS INTEGER) AS b, sum(count) AS n FROM rollup_topic_minute
        WHERE topic_id = ? AND minute >= ? AND minute < ? GROUP BY b`),
      minutes: db.prepare(`SELECT minute, count, pos, neg, sent_sum AS sentSum FROM rollup_topic_minute
        WHERE topic_id = ? AND minute >= ? AND minute <= ?`),
    },
    source: {
      sum: db.prepare(`SELECT coalesce(sum(count), 0) AS count, coalesce(sum(pos), 0) AS pos,
        coalesce(sum(neg), 0) AS neg, coalesce(sum(sent_sum), 0) AS sentSum
        FROM rollup_source_minute WHERE source_id = ? AND minute >= ? AND minute <= ?`),
      newest: db.prepare(`SELECT max(minute) AS m FROM rollup_source_minute WHERE source_id = ? AND minute <= ?`),
      first: db.prepare(`SELECT min(minute) AS m FROM rollup_source_minute WHERE source_id = ?`),
      buckets: db.prepare(`SELECT CAST((minute - ?) / ? AS INTEGER) AS b, sum(count) AS n FROM rollup_source_minute
        WHERE source_id = ? AND minute >= ? AND minute < ? GROUP BY b`),
      minutes: db.prepare(`SELECT minute, count, pos, neg, sent_sum AS sentSum FROM rollup_source_minute
        WHERE source_id = ? AND minute >= ? AND minute <= ?`),
    },
  };
  const sourceIds = db.prepare(`SELECT DISTINCT source_id AS id FROM rollup_source_minute`).pluck();
  const ids = (k: SeriesKey): { t: typeof T.topic; ids: number[] } =>
    k.scope === 'station' ? { t: T.source, ids: sourceIds.all() as number[] } : { t: T[k.scope], ids: [k.id] };

  const evidenceSql = (where: string) => ({
    negative: db.prepare(`SELECT m.id FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? ${where}
      AND m.label = -1 ORDER BY m.sentiment ASC, m.reach DESC, m.id LIMIT ?`),
    reached: db.prepare(`SELECT m.id FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? ${where}
      ORDER BY m.reach DESC, m.sentiment ASC, m.id LIMIT ?`),
  });
  const evidence = {
    topic: evidenceSql(`AND EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = ? AND mt.mention_id = m.id)`),
    source: evidenceSql(`AND m.source_id = ?`),
    station: evidenceSql(``),
  };

  return {
    rules: (): LightRule[] => (rules.all() as RuleRow[]).map(toRule),
    rule: (id: number): LightRule | null => {
      const r = rule.get(id) as RuleRow | undefined;
      return r ? toRule(r) : null;
    },
    saveRule(r: RuleInput): number {
      const topicId = r.scope === 'topic' ? (r.topicId ?? r.scopeId) : null;
      const row = { ...r, topicId, scopeId: r.scope === 'topic' ? topicId : r.scopeId, enabled: r.enabled ? 1 : 0 };
      if (r.id) {
        updateRule.run({ ...row, id: r.id });
        return r.id;
      }
      return Number(insertRule.run(row).lastInsertRowid);
    },
    /** Remove a rule (its light state goes with it; its alerts stay in the log). */
    removeRule: (id: number): boolean => deleteRule.run(id).changes > 0,
    /** What every light remembers, by rule id. */
    memory: (): Map<number, StoredState> => new Map((memory.all() as StateRow[]).map((r) => [r.rule_id, toStored(r)])),
    /** The lights as the wall shows them: every enabled rule whose topic, source or gauge exists. */
    states: (): LightState[] => (states.all() as LightRow[]).map(toState),
    putState: (s: StoredState): void => void putState.run(s),
    /** Notifications a rule raised since `since`. */
    notifiedSince: (ruleId: number, since: number): number => (notified.get(ruleId, since) as { n: number }).n,
    logAlert(a: NewAlert): number {
      return Number(
        insertAlert.run({ ...a, notify: a.notify ? 1 : 0, evidence: JSON.stringify(a.evidence) }).lastInsertRowid,
      );
    },
    alert: (id: number): Alert | null => {
      const r = alert.get(id) as AlertRow | undefined;
      return r ? toAlert(r) : null;
    },
    /** Newest first, filtered. */
    alerts(limit: number, filter: AlertFilter = {}, offset = 0): Alert[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.unacknowledged) where.push('acknowledged_at IS NULL');
      if (filter.ruleId) (where.push('rule_id = ?'), args.push(filter.ruleId));
      if (filter.topicId) (where.push("scope = 'topic' AND topic_id = ?"), args.push(filter.topicId));
      if (filter.color) (where.push('to_color = ?'), args.push(filter.color));
      if (filter.severity) (where.push('severity = ?'), args.push(filter.severity));
      if (filter.from != null) (where.push('at >= ?'), args.push(filter.from));
      if (filter.to != null) (where.push('at < ?'), args.push(filter.to));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return (
        db.prepare(`SELECT * FROM alerts ${w} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as AlertRow[]
      ).map(toAlert);
    },
    ack: (id: number, at: number, note: string | null): boolean => ack.run(at, note, id).changes > 0,

    /** Totals for a series over [fromMinute, toMinute], and its newest minute with data. */
    windowMetrics(key: SeriesKey | number, fromMinute: number, toMinute: number): WindowMetrics {
      const k: SeriesKey = typeof key === 'number' ? { scope: 'topic', id: key } : key;
      const { t, ids: list } = ids(k);
      const out: WindowMetrics = { count: 0, pos: 0, neg: 0, sentSum: 0, newestMinute: null };
      for (const id of list) {
        const s = t.sum.get(id, fromMinute, toMinute) as Omit<WindowMetrics, 'newestMinute'>;
        out.count += s.count;
        out.pos += s.pos;
        out.neg += s.neg;
        out.sentSum += s.sentSum;
        const n = (t.newest.get(id, toMinute) as { m: number | null }).m;
        if (n !== null && (out.newestMinute === null || n > out.newestMinute)) out.newestMinute = n;
      }
      return out;
    },
    /** The first minute with data: history before it is unknown, not zero. */
    firstMinute(key: SeriesKey): number | null {
      const { t, ids: list } = ids(key);
      let first: number | null = null;
      for (const id of list) {
        const m = (t.first.get(id) as { m: number | null }).m;
        if (m !== null && (first === null || m < first)) first = m;
      }
      return first;
    },
    /** Counts per bucket of `size` minutes over [fromMinute, toMinute), empty buckets as 0. */
    bucketCounts(key: SeriesKey, fromMinute: number, toMinute: number, size: number): number[] {
      const n = Math.max(0, Math.floor((toMinute - fromMinute) / size));
      const out = new Array<number>(n).fill(0);
      const { t, ids: list } = ids(key);
      for (const id of list) {
        for (const r of t.buckets.all(fromMinute, size, id, fromMinute, fromMinute + n * size) as { b: number; n: number }[]) {
          if (r.b >= 0 && r.b < n) out[r.b]! += r.n;
        }
      }
      return out;
    },
    /** Every minute with data over [fromMinute, toMinute], one row per minute and id (a backtest sums them). */
    minuteRows(key: SeriesKey, fromMinute: number, toMinute: number): ({ minute: number } & Omit<WindowMetrics, 'newestMinute'>)[] {
      const { t, ids: list } = ids(key);
      return list.flatMap((id) => t.minutes.all(id, fromMinute, toMinute) as ({ minute: number } & Omit<WindowMetrics, 'newestMinute'>)[]);
    },
    /** The mentions that drove a change: most negative and most reached in [from, to). */
    evidence(key: SeriesKey, from: number, to: number, limit = 5): AlertEvidence {
      const q = evidence[key.scope];
      const args = key.scope === 'station' ? [] : [key.id];
      return {
        from,
        to,
        mostNegative: q.negative.pluck().all(from, to, ...args, limit) as number[],
        mostReached: q.reached.pluck().all(from, to, ...args, limit) as number[],
      };
    },
  };
}
