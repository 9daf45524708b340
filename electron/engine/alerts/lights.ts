// Light rules over rollups: a pure evaluation from window metrics to a colour, and the
// runner that reads the store, records changes as alerts and reports what changed.
import type { LightColor, LightRule, LightState, Topic } from '../../../shared/types';
import type { Store } from '../store';
import type { WindowMetrics } from '../store/lights';

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The colour a rule gives for these metrics, with the reason in plain words. */
export function evaluateRule(
  rule: LightRule,
  m: WindowMetrics,
  now: number,
): { color: LightColor; reason: string; negShare: number | null; net: number | null; newestAt: number | null } {
  const newestAt = m.newestMinute === null ? null : (m.newestMinute + 1) * 60_000 - 1;
  const negShare = m.count > 0 ? m.neg / m.count : null;
  const net = m.count > 0 ? (m.pos - m.neg) / m.count : null;
  const base = { negShare, net, newestAt };
  if (newestAt === null || now - newestAt > rule.staleAfterMin * 60_000) {
    return {
      ...base,
      color: 'gray',
      reason: newestAt === null ? 'no data yet' : `no new mentions for over ${rule.staleAfterMin} min`,
    };
  }
  const reasons: Record<'red' | 'yellow', string[]> = { red: [], yellow: [] };
  const vol = `${m.count} mentions in ${rule.windowMin} min`;
  if (rule.volumeRed != null && m.count >= rule.volumeRed) reasons.red.push(`${vol} ≥ ${rule.volumeRed}`);
  else if (rule.volumeYellow != null && m.count >= rule.volumeYellow) reasons.yellow.push(`${vol} ≥ ${rule.volumeYellow}`);
  if (negShare !== null && m.count >= rule.minVolume) {
    const neg = `negative ${pct(negShare)} of ${m.count}`;
    if (rule.negShareRed != null && negShare >= rule.negShareRed) reasons.red.push(`${neg} ≥ ${pct(rule.negShareRed)}`);
    else if (rule.negShareYellow != null && negShare >= rule.negShareYellow)
      reasons.yellow.push(`${neg} ≥ ${pct(rule.negShareYellow)}`);
  }
  if (reasons.red.length) return { ...base, color: 'red', reason: reasons.red.join('; ') };
  if (reasons.yellow.length) return { ...base, color: 'yellow', reason: reasons.yellow.join('; ') };
  return { ...base, color: 'green', reason: `${vol}, within limits` };
}

export interface LightsRun {
  lights: LightState[];
  changed: LightState[];
  alerts: number[];
}

/** Evaluate every enabled rule at `now`; persist states; log an alert per colour change. */
export function runLights(store: Store, topics: Topic[], now: number): LightsRun {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const prev = new Map(store.lights.states().map((s) => [s.ruleId, s]));
  const lights: LightState[] = [];
  const changed: LightState[] = [];
  const alerts: number[] = [];
  store.tx(() => {
    for (const rule of store.lights.rules()) {
      const topic = byId.get(rule.topicId);
      if (!rule.enabled || !topic) continue;
      const toMinute = Math.floor(now / 60_000);
      const fromMinute = Math.floor((now - rule.windowMin * 60_000) / 60_000) + 1;
      const m = store.lights.windowMetrics(rule.topicId, fromMinute, toMinute);
      const e = evaluateRule(rule, m, now);
      const before = prev.get(rule.id);
      const state: LightState = {
        ruleId: rule.id,
        topicId: rule.topicId,
        topicName: topic.name,
        color: e.color,
        since: before && before.color === e.color ? before.since : now,
        volume: m.count,
        negShare: e.negShare,
        netSentiment: e.net,
        newestAt: e.newestAt,
        reason: e.reason,
        evaluatedAt: now,
      };
      store.lights.putState(state);
      lights.push(state);
      if (!before || before.color !== e.color) {
        changed.push(state);
        // The first evaluation of a rule is not news; a change after that is.
        if (before) alerts.push(store.lights.logAlert(state, before.color));
      }
    }
  });
  return { lights, changed, alerts };
}
