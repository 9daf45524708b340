// The alert log: every change of a light's colour, its evidence, acknowledgement and notes.
import type { Alert, AlertEvidence, LightColor, LightMetric, LightScope, Severity } from '../../../shared/types';
import type { Db } from './db';

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

export function alertsRepo(db: Db) {
  const insertAlert = db.prepare(`INSERT INTO alerts (rule_id, topic_id, topic_name, at, from_color, to_color, reason,
      volume, neg_share, label, scope, scope_id, metric, value, baseline, severity, notify, evidence)
    VALUES (@ruleId, @topicId, @label, @at, @from, @to, @reason, @volume, @negShare, @label, @scope, @scopeId, @metric,
      @value, @baseline, @severity, @notify, @evidence)`);
  const alert = db.prepare(`SELECT * FROM alerts WHERE id = ?`);
  const ack = db.prepare(`UPDATE alerts SET acknowledged_at = ?, note = ? WHERE id = ?`);
  const notified = db.prepare(`SELECT count(*) AS n FROM alerts WHERE rule_id = ? AND notify = 1 AND at > ?`);

  return {
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

  };
}
