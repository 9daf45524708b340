// The lights as they were at a moment (presenter mode, replay): each light's colour from the
// alert log — the last change at or before that moment, else the colour the first change
// after it left — and its window's numbers from the rollups at that moment.
import type { Alert, LightRule, LightState } from '../../../../shared/types';
import { call } from '../../lib/api';

/** Pure: the colour and since of each light at `at`, from alerts on both sides of it (newest first each). */
export function coloursAt(list: LightState[], at: number, before: Alert[], after: Alert[]): LightState[] {
  const last = new Map<number, Alert>();
  for (const a of before) if (a.at <= at && !last.has(a.ruleId)) last.set(a.ruleId, a);
  const next = new Map<number, Alert>();
  for (const a of after) if (a.at > at) next.set(a.ruleId, a); // newest first: the earliest wins
  return list.map((l) => {
    const b = last.get(l.ruleId);
    if (b) return { ...l, color: b.to, since: b.at, pending: null, pendingCount: 0 };
    const n = next.get(l.ruleId);
    if (n) return { ...l, color: n.from, since: Math.min(l.since, at), pending: null, pendingCount: 0 };
    return { ...l, since: Math.min(l.since, at), pending: null, pendingCount: 0 };
  });
}

/** The lights at `at`: colours from the alert log, volume and negative share of each topic window from the rollups. */
export async function lightsAt(list: LightState[], rules: LightRule[], at: number): Promise<LightState[]> {
  const [before, after] = await Promise.all([
    call('alerts.list', { to: at + 1, limit: 1000 }),
    call('alerts.list', { from: at + 1, limit: 1000 }),
  ]);
  const shown = coloursAt(list, at, before, after);
  const windows = new Map(rules.map((r) => [r.id, r.windowMin]));
  // One series call per window length, for the topic lights with that window.
  const byWindow = new Map<number, number[]>();
  for (const l of shown) {
    if (l.scope !== 'topic' || !l.topicId) continue;
    const w = windows.get(l.ruleId) ?? 60;
    byWindow.set(w, [...(byWindow.get(w) ?? []), l.topicId]);
  }
  const sums = new Map<string, { count: number; neg: number }>();
  await Promise.all(
    [...byWindow].map(async ([w, topicIds]) => {
      const from = Math.floor((at - w * 60_000) / 60_000) * 60_000 + 60_000;
      const to = Math.floor(at / 60_000) * 60_000 + 60_000;
      const s = await call('series.volume', { from, to, bucketMin: w, topicIds: [...new Set(topicIds)] });
      for (const x of s.series) {
        sums.set(`${w}:${x.topicId}`, { count: x.counts.reduce((a, b) => a + b, 0), neg: x.negative.reduce((a, b) => a + b, 0) });
      }
    }),
  );
  return shown.map((l) => {
    const sum = sums.get(`${windows.get(l.ruleId) ?? 60}:${l.topicId}`);
    if (l.scope !== 'topic' || !sum) return l;
    return { ...l, volume: sum.count, negShare: sum.count ? sum.neg / sum.count : null };
  });
}
