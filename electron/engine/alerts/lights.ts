// Light rules over rollups, in three steps:
//   gatherInputs  (store reads: the window, its baseline, a gauge reading, a source's health)
//   evaluateRule  (pure: inputs in, the colour the numbers say, and the colour they still hold
//                  once the lines are moved back by the hysteresis margin)
//   stepLight     (pure: yesterday's light + today's evaluation → the light shown, so a rise must
//                  persist and a fall needs the margin and the cooldown)
// and the runner that persists states and logs every change as an alert with its evidence.
import type { AlertEvidence, LightColor, LightRule, Severity, Topic } from '../../../shared/types';
import type { Store } from '../store';
import type { LightMemory, SeriesKey, StoredState, WindowMetrics } from '../store/lights';
import type { LightState } from '../../../shared/types';

export const RANK: Record<LightColor, number> = { gray: 0, green: 1, yellow: 2, red: 3 };
const MIN = 60_000;
/** At most one evaluation per slot counts towards persistence (the station evaluates every 15 s). */
export const STREAK_SLOT_MS = 10_000;

/** Everything a rule may need besides its window totals; each metric reads its own part. */
export interface RuleInputs extends WindowMetrics {
  /** volume_baseline: the count expected for this window; null when there is no history yet. */
  expected?: number | null;
  /** spike: counts of the previous windows, oldest first. */
  previous?: number[];
  /** gauge_occupancy: the newest reading and the gauge's capacity. */
  gauge?: { value: number; at: number; capacity: number } | null;
  /** source_stale: when the source last delivered (null: never) and whether it is switched on. */
  source?: { okAt: number | null; enabled: boolean } | null;
}

export interface Evaluation {
  color: LightColor;
  /** The colour with each line moved back by the hysteresis margin: falling back must get below it. */
  hold: LightColor;
  reason: string;
  /** The metric's value and what it was compared to. */
  value: number | null;
  baseline: number | null;
  negShare: number | null;
  net: number | null;
  newestAt: number | null;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

type Dir = 'up' | 'down';

/** The colour of `value` against yellow/red lines, each moved back by `margin` × its size. */
function grade(value: number, yellow: number | null, red: number | null, dir: Dir, margin = 0): LightColor {
  const past = (line: number | null) => {
    if (line == null) return false;
    const m = Math.abs(line) * margin;
    return dir === 'up' ? value >= line - m : value <= line + m;
  };
  return past(red) ? 'red' : past(yellow) ? 'yellow' : 'green';
}

const worse = (a: LightColor, b: LightColor): LightColor => (RANK[a] >= RANK[b] ? a : b);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What the metric says about these inputs: pure, so every metric is tested on plain numbers. */
export function evaluateRule(rule: LightRule, m: RuleInputs, now: number): Evaluation {
  const metric = rule.metric ?? 'thresholds';
  const h = rule.hysteresis ?? 0;
  const newestAt = m.newestMinute === null ? null : (m.newestMinute + 1) * MIN - 1;
  const negShare = m.count > 0 ? m.neg / m.count : null;
  const net = m.count > 0 ? (m.pos - m.neg) / m.count : null;
  const base = { negShare, net, newestAt, value: null, baseline: null };
  const gray = (reason: string): Evaluation => ({ ...base, color: 'gray', hold: 'gray', reason });
  const vol = `${m.count} mentions in ${rule.windowMin} min`;

  if (metric === 'gauge_occupancy') {
    const g = m.gauge;
    if (!g) return gray('no reading yet');
    if (now - g.at > rule.staleAfterMin * MIN) return gray(`no new reading for over ${rule.staleAfterMin} min`);
    const occ = g.value / g.capacity;
    const color = grade(occ, rule.yellow, rule.red, 'up');
    return {
      ...base,
      newestAt: g.at,
      value: round(occ),
      baseline: g.capacity,
      color,
      hold: grade(occ, rule.yellow, rule.red, 'up', h),
      reason: `${g.value} of ${g.capacity} (${pct(occ)} full)${color === 'green' ? ', within limits' : ` ≥ ${pct((color === 'red' ? rule.red : rule.yellow) ?? 0)}`}`,
    };
  }
  if (metric === 'source_stale') {
    const s = m.source;
    if (!s || !s.enabled) return gray('source switched off');
    if (s.okAt === null) return gray('the source has not delivered yet');
    const minutes = Math.max(0, (now - s.okAt) / MIN);
    const color = grade(minutes, rule.yellow, rule.red, 'up');
    return {
      ...base,
      newestAt: s.okAt,
      value: round(minutes, 1),
      baseline: null,
      color,
      hold: grade(minutes, rule.yellow, rule.red, 'up', h),
      reason: `last delivered ${Math.floor(minutes)} min ago${color === 'green' ? '' : ` (≥ ${(color === 'red' ? rule.red : rule.yellow)!} min)`}`,
    };
  }

  // Every other metric is about mentions: no fresh mention means no fresh number.
  if (newestAt === null) return gray('no data yet');
  if (now - newestAt > rule.staleAfterMin * MIN) return gray(`no new mentions for over ${rule.staleAfterMin} min`);
  const tooFew = m.count < rule.minVolume;

  if (metric === 'thresholds') {
    const parts: { color: LightColor; hold: LightColor; value: number; text: string }[] = [];
    if (rule.volumeYellow != null || rule.volumeRed != null) {
      const color = grade(m.count, rule.volumeYellow, rule.volumeRed, 'up');
      const line = color === 'red' ? rule.volumeRed : rule.volumeYellow;
      parts.push({ color, hold: grade(m.count, rule.volumeYellow, rule.volumeRed, 'up', h), value: m.count, text: `${vol} ≥ ${line}` });
    }
    if (negShare !== null && !tooFew && (rule.negShareYellow != null || rule.negShareRed != null)) {
      const color = grade(negShare, rule.negShareYellow, rule.negShareRed, 'up');
      const line = color === 'red' ? rule.negShareRed : rule.negShareYellow;
      parts.push({
        color,
        hold: grade(negShare, rule.negShareYellow, rule.negShareRed, 'up', h),
        value: round(negShare),
        text: `negative ${pct(negShare)} of ${m.count} ≥ ${line == null ? '' : pct(line)}`,
      });
    }
    const color = parts.reduce<LightColor>((c, p) => worse(c, p.color), 'green');
    const hold = parts.reduce<LightColor>((c, p) => worse(c, p.hold), 'green');
    const deciding = [...parts].reverse().find((p) => p.color === color);
    return {
      ...base,
      value: deciding?.value ?? m.count,
      color,
      hold,
      reason: color === 'green' ? `${vol}, within limits` : parts.filter((p) => p.color === color).map((p) => p.text).join('; '),
    };
  }

  let value: number;
  let baseline: number | null = null;
  let dir: Dir = 'up';
  let said: (c: LightColor) => string;
  const line = (c: LightColor) => (c === 'red' ? rule.red : rule.yellow)!;
  switch (metric) {
    case 'count':
      value = m.count;
      said = (c) => (c === 'green' ? `${vol}, within limits` : `${vol} ≥ ${line(c)}`);
      break;
    case 'volume_baseline': {
      if (m.expected == null) return gray('no baseline yet: not enough history');
      baseline = round(m.expected, 1);
      // The expectation is floored at minVolume: 9 where 3 are usual at night is not "3×".
      value = round(m.count / Math.max(m.expected, rule.minVolume, 1), 2);
      const usual = `${vol}, usually ${baseline} (${value}×)`;
      said = (c) => (c === 'green' ? usual : `${usual} ≥ ${line(c)}×`);
      break;
    }
    case 'spike': {
      const prev = m.previous ?? [];
      if (prev.length < 3) return gray('no baseline yet: not enough history');
      const mean = prev.reduce((a, b) => a + b, 0) / prev.length;
      const sd = Math.sqrt(prev.reduce((a, b) => a + (b - mean) ** 2, 0) / prev.length);
      // A Poisson floor on σ: a topic that was flat at 2 a window is not 10σ off at 5.
      value = round((m.count - mean) / Math.max(sd, Math.sqrt(mean), 1), 2);
      baseline = round(mean, 1);
      said = (c) =>
        `${vol}, previous windows ${baseline} on average: ${value}σ${c === 'green' ? '' : ` ≥ ${line(c)}σ`}`;
      break;
    }
    case 'neg_share':
      value = round(negShare ?? 0);
      said = (c) => `negative ${pct(value)} of ${m.count}${c === 'green' ? '' : ` ≥ ${pct(line(c))}`}`;
      break;
    case 'net_sentiment':
      value = round(net ?? 0);
      dir = 'down';
      said = (c) => `net sentiment ${value} over ${m.count}${c === 'green' ? '' : ` ≤ ${line(c)}`}`;
      break;
    default:
      return gray(`unknown metric ${String(metric)}`);
  }
  // Shares and ratios of a handful of mentions are noise, not news. A share that is too thin
  // to judge neither raises the light nor lets it fall: a crisis still burning at 3 a.m. is
  // not over because fewer people are awake to post about it.
  if (tooFew && metric !== 'count') {
    const isShare = metric === 'neg_share' || metric === 'net_sentiment';
    return {
      ...base,
      value,
      baseline,
      color: 'green',
      hold: isShare ? 'red' : 'green',
      reason: `${vol}: too few to judge (< ${rule.minVolume})`,
    };
  }
  const color = grade(value, rule.yellow, rule.red, dir);
  return { ...base, value, baseline, color, hold: grade(value, rule.yellow, rule.red, dir, h), reason: said(color) };
}

/**
 * The light shown after one more evaluation. A rise shows once the numbers have said so for
 * `persistence` evaluations in a row (at most one per STREAK_SLOT_MS); a fall needs the numbers below the lines by the
 * hysteresis margin (`hold`) and `cooldownMin` since the last change; gray (no fresh data)
 * shows at once, and fresh data after gray starts from green.
 */
export function stepLight(rule: LightRule, prev: LightMemory | null, e: Evaluation, now: number): LightMemory {
  if (e.color === 'gray') {
    return { color: 'gray', since: prev?.color === 'gray' ? prev.since : now, streakYellow: 0, streakRed: 0, evaluatedAt: now };
  }
  const p = Math.max(1, rule.persistence ?? 1);
  // Evaluations count once per slot: the station also evaluates right after every batch it
  // stores, and a flurry of batches within seconds is not a rise that persisted.
  const counts = prev?.evaluatedAt == null || Math.floor(now / STREAK_SLOT_MS) !== Math.floor(prev.evaluatedAt / STREAK_SLOT_MS);
  const extend = (n: number) => (counts ? n + 1 : Math.max(n, 1));
  const streakYellow = RANK[e.color] >= RANK.yellow ? extend(prev?.streakYellow ?? 0) : 0;
  const streakRed = e.color === 'red' ? extend(prev?.streakRed ?? 0) : 0;
  const risen: LightColor = streakRed >= p ? 'red' : streakYellow >= p ? 'yellow' : 'green';
  const current: LightColor = prev && prev.color !== 'gray' ? prev.color : 'green';
  let color: LightColor = current;
  if (RANK[risen] > RANK[current]) color = risen;
  else if (RANK[e.hold] < RANK[current] && prev && now - prev.since >= (rule.cooldownMin ?? 0) * MIN) color = e.hold;
  return { color, since: prev && prev.color === color ? prev.since : now, streakYellow, streakRed, evaluatedAt: now };
}

/** The severity of a change to `to`: a red carries the rule's; a yellow at most 'warning'. */
export function alertSeverity(rule: LightRule, to: LightColor): Severity {
  if (to === 'red') return rule.severity;
  if (to === 'yellow') return rule.severity === 'info' ? 'info' : 'warning';
  return 'info';
}

export function seriesKey(rule: LightRule): SeriesKey | null {
  if (rule.scope === 'station') return { scope: 'station' };
  if (rule.scope === 'topic') return { scope: 'topic', id: rule.scopeId };
  if (rule.scope === 'source') return { scope: 'source', id: rule.scopeId };
  return null;
}

/** Read what `rule` needs at `now`: all from rollups, gauge readings and source health. */
export function gatherInputs(store: Store, rule: LightRule, now: number): RuleInputs {
  const toMinute = Math.floor(now / MIN);
  const fromMinute = Math.floor((now - rule.windowMin * MIN) / MIN) + 1;
  const key = seriesKey(rule);
  const empty: WindowMetrics = { count: 0, pos: 0, neg: 0, sentSum: 0, newestMinute: null };
  if (rule.metric === 'gauge_occupancy') {
    // As of `now`: a drill or a replay may hold readings stamped later than the evaluated minute.
    const g = rule.scopeId ? store.gauges.get(rule.scopeId, now) : null;
    return {
      ...empty,
      gauge: g && g.lastAt !== null && g.lastValue !== null ? { value: g.lastValue, at: g.lastAt, capacity: g.capacity } : null,
    };
  }
  if (rule.metric === 'source_stale') {
    const s = rule.scopeId ? store.sources.get(rule.scopeId) : null;
    return { ...empty, source: s ? { okAt: s.health.lastSuccessAt, enabled: s.enabled } : null };
  }
  if (!key) return empty;
  const m: RuleInputs = store.lights.windowMetrics(key, fromMinute, toMinute);
  if (rule.metric === 'volume_baseline' || rule.metric === 'spike') {
    // History before the first minute with data is unknown, not zero: a new station does not
    // compare its first busy hour with an empty week.
    const first = store.lights.firstMinute(key);
    if (rule.metric === 'volume_baseline' && rule.baseline === 'same_hour') {
      const days: number[] = [];
      for (let d = 1; d <= rule.baselineDays; d++) {
        const f = fromMinute - d * 1440;
        if (first !== null && f >= first) days.push(store.lights.windowMetrics(key, f, toMinute - d * 1440).count);
      }
      m.expected = days.length ? median(days) : null;
    } else if (rule.metric === 'volume_baseline') {
      const start = Math.max(fromMinute - rule.baselineHours * 60, first ?? fromMinute);
      const minutes = fromMinute - start;
      m.expected =
        minutes >= rule.windowMin ? (store.lights.windowMetrics(key, start, fromMinute - 1).count / minutes) * rule.windowMin : null;
    } else {
      const span = Math.min(rule.baselineHours * 60, first === null ? 0 : fromMinute - first);
      const n = Math.floor(Math.max(0, span) / rule.windowMin);
      m.previous = store.lights.bucketCounts(key, fromMinute - n * rule.windowMin, fromMinute, rule.windowMin);
    }
  }
  return m;
}

function scopeName(store: Store, rule: LightRule, topics: Map<number, Topic>): string | null {
  switch (rule.scope) {
    case 'topic':
      return topics.get(rule.scopeId)?.name ?? null;
    case 'source':
      return rule.scopeId ? (store.sources.get(rule.scopeId)?.name ?? null) : null;
    case 'gauge':
      return rule.scopeId ? (store.gauges.get(rule.scopeId)?.name ?? null) : null;
    case 'station':
      return '全站 Station';
  }
}

export interface LightsRun {
  lights: LightState[];
  changed: LightState[];
  alerts: number[];
}

/** Evaluate every enabled rule at `now`; persist states; log an alert per colour change. */
export function runLights(store: Store, topics: Topic[], now: number): LightsRun {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const alerts: number[] = [];
  const changedIds = new Set<number>();
  store.tx(() => {
    const memory = store.lights.memory();
    for (const rule of store.lights.rules()) {
      if (!rule.enabled) continue;
      const label = scopeName(store, rule, byId);
      if (label === null) continue;
      const inputs = gatherInputs(store, rule, now);
      const e = evaluateRule(rule, inputs, now);
      const before = memory.get(rule.id) ?? null;
      const next = stepLight(rule, before, e, now);
      const state: StoredState = {
        ruleId: rule.id,
        ...next,
        volume: inputs.count,
        negShare: e.negShare,
        netSentiment: e.net,
        newestAt: e.newestAt,
        reason: e.reason,
        evaluatedAt: now,
        value: e.value,
        baseline: e.baseline,
      };
      store.lights.putState(state);
      if (before && before.color === next.color) continue;
      changedIds.add(rule.id);
      // The first evaluation of a rule is not news; a change after that is.
      if (!before) continue;
      const severity = alertSeverity(rule, next.color);
      const notify =
        next.color === 'red' &&
        severity !== 'info' &&
        store.lights.notifiedSince(rule.id, now - 60 * MIN) < rule.notifyPerHour;
      const key = seriesKey(rule);
      const from = (Math.floor(now / MIN) - rule.windowMin + 1) * MIN;
      const evidence: AlertEvidence =
        key && rule.metric !== 'source_stale' && next.color !== 'gray'
          ? store.lights.evidence(key, from, now + 1)
          : { from, to: now, mostNegative: [], mostReached: [] };
      alerts.push(
        store.lights.logAlert({
          ruleId: rule.id,
          // Alerts keep their flat form: topicId 0 when the rule is not about a topic.
          topicId: rule.scope === 'topic' ? rule.scopeId : 0,
          label,
          scope: rule.scope,
          scopeId: rule.scopeId,
          metric: rule.metric,
          at: now,
          from: before.color,
          to: next.color,
          reason: e.reason,
          volume: inputs.count,
          negShare: e.negShare,
          value: e.value,
          baseline: e.baseline,
          severity,
          notify,
          evidence,
        }),
      );
    }
  });
  const lights = store.lights.states();
  return { lights, changed: lights.filter((l) => changedIds.has(l.ruleId)), alerts };
}
