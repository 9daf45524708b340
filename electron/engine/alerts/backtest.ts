// Backtest: a light rule replayed over the station's own stored history before it is saved,
// the way a drill replays an incident — a manual clock steps through the range (a minute at a
// time by default) and each step runs the same three steps as the live station: gatherInputs
// (rollups up to that moment only, never later), evaluateRule and stepLight. Read-only: the
// rule is not stored, no light state or alert is written, nothing is re-analysed.
//
// The answer says when the light would have gone yellow and red, how many alerts a day it
// would have raised, and draws the metric itself (thinned for a chart) against its lines.
import type { BacktestChange, BacktestDay, BacktestReport } from '../../../shared/setup';
import type { LightColor, LightRule } from '../../../shared/types';
import type { LightRuleInput } from '../../../shared/schemas';
import type { Store } from '../store';
import type { LightMemory, SeriesKey, WindowMetrics } from '../store/lights';
import { alertSeverity, evaluateRule, gatherInputs, RANK, seriesKey, stepLight, type RuleInputs } from './lights';

const MIN = 60_000;
const DAY = 86_400_000;
/** Most points handed to a chart; each is the worst value of its stretch. */
const CHART_POINTS = 720;
/** Most steps one backtest may take (14 days of minutes is 20,160). */
export const MAX_STEPS = 45_000;

export interface BacktestOptions {
  from: number;
  to: number;
  /** Minutes between evaluations (default 1, as a drill). */
  stepMin?: number;
  /** Minutes east of UTC that a "day" starts at (the operator's midnight); default 0. */
  tzOffsetMin?: number;
}

/** A rule as `rules.save` takes it, as the light evaluator reads it (id 0: not stored). */
export function ruleFromInput(r: LightRuleInput): LightRule {
  return { ...r, id: r.id ?? 0 } as LightRule;
}

/** The lines a chart draws, in the metric's unit (the legacy 'thresholds' pair: its volume lines). */
function lines(rule: LightRule): { yellow: number | null; red: number | null } {
  if (rule.metric === 'thresholds') return { yellow: rule.volumeYellow, red: rule.volumeRed };
  return { yellow: rule.yellow, red: rule.red };
}

/** Reads for metrics that are not rollups: the gauge reading and the source's newest data as of `t`. */
function historicalInputs(store: Store, rule: LightRule, from: number, to: number): ((t: number) => RuleInputs) | null {
  const empty = { count: 0, pos: 0, neg: 0, sentSum: 0, newestMinute: null };
  if (rule.metric === 'gauge_occupancy') {
    const g = rule.scopeId ? store.gauges.get(rule.scopeId) : null;
    const points = g ? store.gauges.series(g, from - rule.staleAfterMin * MIN - DAY, to + 1, null).points : [];
    let i = -1;
    return (t) => {
      while (i + 1 < points.length && points[i + 1]!.at <= t) i++;
      const p = i >= 0 ? points[i]! : null;
      return { ...empty, gauge: g && p ? { value: p.value, at: p.at, capacity: g.capacity } : null };
    };
  }
  if (rule.metric === 'source_stale') {
    // Poll health is not kept as history; the newest mention the source delivered by `t` stands in.
    const s = rule.scopeId ? store.sources.get(rule.scopeId) : null;
    return (t) => {
      if (!s) return { ...empty, source: null };
      const minute = Math.floor(t / MIN);
      const newest = store.lights.windowMetrics({ scope: 'source', id: s.id }, minute, minute).newestMinute;
      return { ...empty, source: { okAt: newest === null ? null : (newest + 1) * MIN - 1, enabled: true } };
    };
  }
  return null;
}

type Lights = Store['lights'];

/**
 * The rollup reads gatherInputs makes, answered from one read of the series' minutes into
 * prefix sums: a step costs a few array lookups instead of a dozen queries. Reads outside the
 * loaded stretch go to the store.
 */
export function cachedRollups(store: Store, key: SeriesKey, lo: number, hi: number): Pick<Lights, 'windowMetrics' | 'firstMinute' | 'bucketCounts'> {
  const n = hi - lo + 1;
  const sums = { count: new Float64Array(n + 1), pos: new Float64Array(n + 1), neg: new Float64Array(n + 1), sentSum: new Float64Array(n + 1) };
  const has = new Uint8Array(n);
  for (const r of store.lights.minuteRows(key, lo, hi)) {
    const i = r.minute - lo + 1;
    sums.count[i]! += r.count;
    sums.pos[i]! += r.pos;
    sums.neg[i]! += r.neg;
    sums.sentSum[i]! += r.sentSum;
    has[r.minute - lo] = 1;
  }
  for (const a of Object.values(sums)) for (let i = 1; i <= n; i++) a[i]! += a[i - 1]!;
  /** The newest minute with data at or before each minute of the stretch. */
  const newest = new Float64Array(n);
  let last = store.lights.windowMetrics(key, lo - 1, lo - 1).newestMinute ?? -1;
  for (let i = 0; i < n; i++) newest[i] = last = has[i] ? lo + i : last;
  const first = store.lights.firstMinute(key);
  const inside = (f: number, t: number) => f >= lo && t <= hi && f <= t;
  const sum = (a: Float64Array, f: number, t: number) => a[t - lo + 1]! - a[f - lo]!;
  return {
    windowMetrics(k, f, t): WindowMetrics {
      if (!inside(f, t)) return store.lights.windowMetrics(k, f, t);
      const nm = newest[t - lo]!;
      return {
        count: sum(sums.count, f, t),
        pos: sum(sums.pos, f, t),
        neg: sum(sums.neg, f, t),
        sentSum: sum(sums.sentSum, f, t),
        newestMinute: nm < 0 ? null : nm,
      };
    },
    firstMinute: () => first,
    bucketCounts(k, f, t, size) {
      const b = Math.max(0, Math.floor((t - f) / size));
      if (b === 0) return [];
      if (!inside(f, f + b * size - 1)) return store.lights.bucketCounts(k, f, t, size);
      return Array.from({ length: b }, (_, i) => sum(sums.count, f + i * size, f + (i + 1) * size - 1));
    },
  };
}

/** A store whose rollup reads for this rule come from the cache above. */
function withCachedRollups(store: Store, rule: LightRule, from: number, to: number): Store {
  const key = seriesKey(rule);
  if (!key || rule.metric === 'gauge_occupancy' || rule.metric === 'source_stale') return store;
  const back = Math.max(rule.baselineDays * 1440, rule.baselineHours * 60) + rule.windowMin + 1;
  const lights = { ...store.lights, ...cachedRollups(store, key, Math.floor(from / MIN) - back, Math.floor(to / MIN)) };
  return { ...store, lights } as Store;
}

/** Replay `rule` over [from, to] of the stored history; see the module header. */
export function backtestRule(store: Store, rule: LightRule, opts: BacktestOptions): BacktestReport {
  const stepMin = Math.max(1, Math.round(opts.stepMin ?? 1));
  const step = stepMin * MIN;
  const from = Math.floor(opts.from / MIN) * MIN;
  const to = Math.floor(opts.to / MIN) * MIN;
  if (!(to > from)) throw new Error('the backtest range is empty: "to" must be after "from"');
  const steps = Math.floor((to - from) / step) + 1;
  if (steps > MAX_STEPS) throw new Error(`the backtest would take ${steps} steps (at most ${MAX_STEPS}): widen stepMin or narrow the range`);
  const tz = (opts.tzOffsetMin ?? 0) * MIN;
  const dayOf = (t: number) => Math.floor((t + tz) / DAY) * DAY - tz;
  const special = historicalInputs(store, rule, from, to);
  const reads = withCachedRollups(store, rule, from, to);
  const { yellow, red } = lines(rule);
  const down = rule.metric === 'net_sentiment';

  const changes: BacktestChange[] = [];
  const days = new Map<number, BacktestDay>();
  for (let d = dayOf(from); d <= to; d += DAY) days.set(d, { day: d, yellow: 0, red: 0, alerts: 0 });
  const minutes: Record<LightColor, number> = { green: 0, yellow: 0, red: 0, gray: 0 };
  const notifiedAt: number[] = [];
  const points: BacktestReport['points'] = [];
  const per = Math.max(1, Math.ceil(steps / CHART_POINTS));
  let bucket: { at: number; value: number | null; color: LightColor; n: number } | null = null;
  let firstYellowAt: number | null = null;
  let firstRedAt: number | null = null;
  let memory: LightMemory | null = null;
  let evaluations = 0;

  for (let t = from; t <= to; t += step) {
    const inputs = special ? special(t) : gatherInputs(reads, rule, t);
    const e = evaluateRule(rule, inputs, t);
    const before = memory;
    memory = stepLight(rule, before, e, t);
    evaluations++;
    const color = memory.color;
    minutes[color] += stepMin;
    if (firstYellowAt === null && RANK[color] >= RANK.yellow) firstYellowAt = t;
    if (firstRedAt === null && color === 'red') firstRedAt = t;
    // As in runLights: the first evaluation is not news; every later change is an alert.
    if (before && before.color !== color) {
      let notify = false;
      if (color === 'red' && alertSeverity(rule, color) !== 'info') {
        while (notifiedAt.length && notifiedAt[0]! <= t - 60 * MIN) notifiedAt.shift();
        notify = notifiedAt.length < rule.notifyPerHour;
        if (notify) notifiedAt.push(t);
      }
      changes.push({ at: t, from: before.color, to: color, value: e.value, reason: e.reason, notify });
      const day = days.get(dayOf(t));
      if (day) {
        day.alerts++;
        if (color === 'yellow') day.yellow++;
        if (color === 'red') day.red++;
      }
    }
    // Thin for the chart: keep each stretch's worst value and worst colour.
    if (!bucket || bucket.n >= per) {
      if (bucket) points.push({ at: bucket.at, value: bucket.value, color: bucket.color });
      bucket = { at: t, value: e.value, color, n: 0 };
    } else {
      if (e.value !== null && (bucket.value === null || (down ? e.value < bucket.value : e.value > bucket.value))) bucket.value = e.value;
      if (RANK[color] > RANK[bucket.color]) bucket.color = color;
    }
    bucket.n++;
  }
  if (bucket) points.push({ at: bucket.at, value: bucket.value, color: bucket.color });
  const raises = changes.filter((c) => c.to === 'yellow' || c.to === 'red').length;
  return {
    from,
    to,
    stepMin,
    evaluations,
    points,
    changes,
    days: [...days.values()],
    firstYellowAt,
    firstRedAt,
    minutes,
    raisesPerDay: Math.round((raises / Math.max(1, (to - from) / DAY)) * 10) / 10,
    yellow,
    red,
    direction: down ? 'down' : 'up',
  };
}
