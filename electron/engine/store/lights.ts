// Light rules, their current states and the alert log; window metrics read from rollups.
import type { Alert, LightColor, LightRule, LightState } from '../../../shared/types';
import type { Db } from './db';

interface RuleRow {
  id: number;
  topic_id: number;
  name: string;
  window_min: number;
  volume_yellow: number | null;
  volume_red: number | null;
  neg_yellow: number | null;
  neg_red: number | null;
  min_volume: number;
  stale_after_min: number;
  enabled: number;
}

const toRule = (r: RuleRow): LightRule => ({
  id: r.id,
  topicId: r.topic_id,
  name: r.name,
  windowMin: r.window_min,
  volumeYellow: r.volume_yellow,
  volumeRed: r.volume_red,
  negShareYellow: r.neg_yellow,
  negShareRed: r.neg_red,
  minVolume: r.min_volume,
  staleAfterMin: r.stale_after_min,
  enabled: r.enabled === 1,
});

interface StateRow {
  rule_id: number;
  topic_id: number;
  topic_name: string;
  color: string;
  since: number;
  volume: number;
  neg_share: number | null;
  net: number | null;
  newest_at: number | null;
  reason: string;
  evaluated_at: number;
}

const toState = (r: StateRow): LightState => ({
  ruleId: r.rule_id,
  topicId: r.topic_id,
  topicName: r.topic_name,
  color: r.color as LightColor,
  since: r.since,
  volume: r.volume,
  negShare: r.neg_share,
  netSentiment: r.net,
  newestAt: r.newest_at,
  reason: r.reason,
  evaluatedAt: r.evaluated_at,
});

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
}

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
});

export interface WindowMetrics {
  count: number;
  pos: number;
  neg: number;
  sentSum: number;
  newestMinute: number | null;
}

export function lightsRepo(db: Db) {
  const rules = db.prepare(`SELECT * FROM light_rules ORDER BY id`);
  const rule = db.prepare(`SELECT * FROM light_rules WHERE id = ?`);
  const insertRule = db.prepare(`INSERT INTO light_rules (topic_id, name, window_min, volume_yellow, volume_red,
    neg_yellow, neg_red, min_volume, stale_after_min, enabled)
    VALUES (@topicId, @name, @windowMin, @volumeYellow, @volumeRed, @negShareYellow, @negShareRed, @minVolume, @staleAfterMin, @enabled)`);
  const updateRule = db.prepare(`UPDATE light_rules SET topic_id = @topicId, name = @name, window_min = @windowMin,
    volume_yellow = @volumeYellow, volume_red = @volumeRed, neg_yellow = @negShareYellow, neg_red = @negShareRed,
    min_volume = @minVolume, stale_after_min = @staleAfterMin, enabled = @enabled WHERE id = @id`);
  const states = db.prepare(`SELECT ls.*, r.topic_id, t.name AS topic_name FROM light_states ls
    JOIN light_rules r ON r.id = ls.rule_id JOIN topics t ON t.id = r.topic_id
    WHERE r.enabled = 1 ORDER BY t.id, r.id`);
  const putState = db.prepare(`INSERT INTO light_states (rule_id, color, since, volume, neg_share, net, newest_at, reason, evaluated_at)
    VALUES (@ruleId, @color, @since, @volume, @negShare, @netSentiment, @newestAt, @reason, @evaluatedAt)
    ON CONFLICT (rule_id) DO UPDATE SET color = excluded.color, since = excluded.since, volume = excluded.volume,
      neg_share = excluded.neg_share, net = excluded.net, newest_at = excluded.newest_at, reason = excluded.reason,
      evaluated_at = excluded.evaluated_at`);
  const insertAlert = db.prepare(`INSERT INTO alerts (rule_id, topic_id, topic_name, at, from_color, to_color, reason, volume, neg_share)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const alert = db.prepare(`SELECT * FROM alerts WHERE id = ?`);
  const ack = db.prepare(`UPDATE alerts SET acknowledged_at = ?, note = ? WHERE id = ?`);
  const windowSum = db.prepare(`SELECT coalesce(sum(count), 0) AS count, coalesce(sum(pos), 0) AS pos,
    coalesce(sum(neg), 0) AS neg, coalesce(sum(sent_sum), 0) AS sentSum
    FROM rollup_topic_minute WHERE topic_id = ? AND minute >= ? AND minute <= ?`);
  const newestMinute = db.prepare(
    `SELECT max(minute) AS m FROM rollup_topic_minute WHERE topic_id = ? AND minute <= ?`,
  );

  return {
    rules: (): LightRule[] => (rules.all() as RuleRow[]).map(toRule),
    rule: (id: number): LightRule | null => {
      const r = rule.get(id) as RuleRow | undefined;
      return r ? toRule(r) : null;
    },
    saveRule(r: Omit<LightRule, 'id'> & { id?: number | undefined }): number {
      const row = { ...r, enabled: r.enabled ? 1 : 0 };
      if (r.id) {
        updateRule.run({ ...row, id: r.id });
        return r.id;
      }
      return Number(insertRule.run(row).lastInsertRowid);
    },
    states: (): LightState[] => (states.all() as StateRow[]).map(toState),
    putState: (s: LightState): void => void putState.run(s),
    logAlert(s: LightState, from: LightColor): number {
      return Number(
        insertAlert.run(s.ruleId, s.topicId, s.topicName, s.evaluatedAt, from, s.color, s.reason, s.volume, s.negShare)
          .lastInsertRowid,
      );
    },
    alert: (id: number): Alert | null => {
      const r = alert.get(id) as AlertRow | undefined;
      return r ? toAlert(r) : null;
    },
    alerts(limit: number, unacknowledged?: boolean): Alert[] {
      const w = unacknowledged ? 'WHERE acknowledged_at IS NULL' : '';
      return (db.prepare(`SELECT * FROM alerts ${w} ORDER BY at DESC, id DESC LIMIT ?`).all(limit) as AlertRow[]).map(
        toAlert,
      );
    },
    ack: (id: number, at: number, note: string | null): boolean => ack.run(at, note, id).changes > 0,
    /** Totals for a topic over [fromMinute, toMinute], and its newest minute with data. */
    windowMetrics(topicId: number, fromMinute: number, toMinute: number): WindowMetrics {
      const s = windowSum.get(topicId, fromMinute, toMinute) as Omit<WindowMetrics, 'newestMinute'>;
      const n = newestMinute.get(topicId, toMinute) as { m: number | null };
      return { ...s, newestMinute: n.m };
    },
  };
}
