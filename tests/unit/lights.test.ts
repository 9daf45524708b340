// Light rules, pure: each metric's colour from plain numbers, and the light's state machine
// (a rise must persist, a fall needs a margin and a cooldown, gray at once when data is stale).
import { describe, expect, it } from 'vitest';
import { alertSeverity, evaluateRule, stepLight, type Evaluation, type RuleInputs } from '../../electron/engine/alerts/lights';
import type { LightMemory } from '../../electron/engine/store/lights';
import type { LightColor, LightRule } from '../../shared/types';

const NOW = Date.UTC(2026, 10, 25, 6, 30);
const minute = Math.floor(NOW / 60_000);
const MIN = 60_000;

/** A rule for the pure steps; the leftover volume lines of a count rule are ignored, as the evaluator does. */
function rule(over: Partial<LightRule> = {}): LightRule {
  return {
    id: 1,
    name: '',
    windowMin: 10,
    volumeYellow: 40,
    volumeRed: 80,
    negShareYellow: 0.45,
    negShareRed: 0.6,
    minVolume: 8,
    staleAfterMin: 30,
    enabled: true,
    metric: 'thresholds',
    scope: 'topic',
    scopeId: 1,
    yellow: null,
    red: null,
    baseline: 'same_hour',
    baselineDays: 7,
    baselineHours: 24,
    persistence: 1,
    hysteresis: 0.1,
    cooldownMin: 0,
    severity: 'warning',
    notifyPerHour: 4,
    ...over,
  } as LightRule;
}

const metrics = (count: number, neg: number, pos = 0, newestMinute: number | null = minute, more: Partial<RuleInputs> = {}): RuleInputs => ({
  count,
  neg,
  pos,
  sentSum: 0,
  newestMinute,
  ...more,
});

describe('a crowd light (volume and negative share lines)', () => {
  const r = rule();
  it('is green for ordinary traffic', () => {
    expect(evaluateRule(r, metrics(12, 3, 5), NOW).color).toBe('green');
  });

  it('turns yellow when the negative share passes the yellow line, and says why', () => {
    const e = evaluateRule(r, metrics(20, 10), NOW);
    expect(e.color).toBe('yellow');
    expect(e.reason).toMatch(/negative 50% of 20/);
    expect(e.value).toBe(0.5);
  });

  it('turns red on a negative burst', () => {
    expect(evaluateRule(r, metrics(30, 21), NOW).color).toBe('red');
  });

  it('turns red on sheer volume even when the tone is mixed', () => {
    expect(evaluateRule(r, metrics(90, 10, 40), NOW).color).toBe('red');
  });

  it('does not count 2 negatives of 3 as a crisis: negative share needs a minimum volume', () => {
    expect(evaluateRule(r, metrics(3, 2), NOW).color).toBe('green');
  });

  it('is gray when no mention arrived for longer than the stale limit, whatever the last numbers were', () => {
    const e = evaluateRule(r, metrics(0, 0, 0, minute - 45), NOW);
    expect(e.color).toBe('gray');
    expect(e.reason).toMatch(/no new mentions for over 30 min/);
  });

  it('is gray before any data at all', () => {
    expect(evaluateRule(r, metrics(0, 0, 0, null), NOW)).toMatchObject({ color: 'gray', reason: 'no data yet' });
  });

  it('still reads a rule saved before the new metrics existed (no metric field)', () => {
    const old = { ...rule() } as Partial<LightRule>;
    delete old.metric;
    delete old.hysteresis;
    expect(evaluateRule(old as LightRule, metrics(30, 21), NOW).color).toBe('red');
  });
});

describe('each metric', () => {
  it('count: an absolute number of mentions in the window', () => {
    const r = rule({ metric: 'count', yellow: 50, red: 100 });
    expect(evaluateRule(r, metrics(49, 0), NOW).color).toBe('green');
    expect(evaluateRule(r, metrics(50, 0), NOW).color).toBe('yellow');
    expect(evaluateRule(r, metrics(100, 0), NOW)).toMatchObject({ color: 'red', value: 100 });
  });

  it('volume against its baseline: 120 mentions where 20 are usual is 6×, red; the baseline is on the alert', () => {
    const r = rule({ metric: 'volume_baseline', yellow: 2, red: 4 });
    const e = evaluateRule(r, metrics(120, 30, 0, minute, { expected: 20 }), NOW);
    expect(e).toMatchObject({ color: 'red', value: 6, baseline: 20 });
    expect(e.reason).toMatch(/usually 20 \(6×\)/);
    expect(evaluateRule(r, metrics(30, 5, 0, minute, { expected: 20 }), NOW).color).toBe('green');
    expect(evaluateRule(r, metrics(50, 5, 0, minute, { expected: 20 }), NOW).color).toBe('yellow');
  });

  it('volume against its baseline is gray, not green, while there is no history to compare with', () => {
    const r = rule({ metric: 'volume_baseline', yellow: 2, red: 4 });
    expect(evaluateRule(r, metrics(120, 30, 0, minute, { expected: null }), NOW)).toMatchObject({ color: 'gray' });
  });

  it('volume against its baseline ignores a handful of mentions on a quiet night (4 where 1 is usual)', () => {
    const r = rule({ metric: 'volume_baseline', yellow: 2, red: 4, minVolume: 10 });
    expect(evaluateRule(r, metrics(4, 1, 0, minute, { expected: 1 }), NOW).color).toBe('green');
  });

  it('spike score: the last window against the mean and spread of the previous ones (mean + kσ)', () => {
    const r = rule({ metric: 'spike', yellow: 3, red: 5, minVolume: 5 });
    const previous = [20, 22, 18, 21, 19, 20, 20, 24, 16, 20];
    expect(evaluateRule(r, metrics(24, 5, 0, minute, { previous }), NOW).color).toBe('green');
    const y = evaluateRule(r, metrics(36, 5, 0, minute, { previous }), NOW);
    expect(y.color).toBe('yellow');
    expect(y.baseline).toBe(20);
    expect(evaluateRule(r, metrics(60, 5, 0, minute, { previous }), NOW).color).toBe('red');
  });

  it('spike score does not call 5 mentions on a topic that had 1 or 2 a window a 10σ event', () => {
    const r = rule({ metric: 'spike', yellow: 3, red: 5, minVolume: 3 });
    expect(evaluateRule(r, metrics(5, 1, 0, minute, { previous: [1, 1, 1, 1, 1, 1] }), NOW).color).not.toBe('red');
  });

  it('negative share: the share of negative mentions, once there are enough of them', () => {
    const r = rule({ metric: 'neg_share', yellow: 0.5, red: 0.6, minVolume: 20 });
    expect(evaluateRule(r, metrics(60, 20), NOW).color).toBe('green');
    expect(evaluateRule(r, metrics(60, 32), NOW).color).toBe('yellow');
    expect(evaluateRule(r, metrics(60, 40), NOW)).toMatchObject({ color: 'red', value: 0.667 });
    expect(evaluateRule(r, metrics(10, 9), NOW).reason).toMatch(/too few to judge/);
  });

  it('net sentiment: lines on the low side, so the light rises as the tone sours', () => {
    const r = rule({ metric: 'net_sentiment', yellow: -0.2, red: -0.5, minVolume: 10 });
    expect(evaluateRule(r, metrics(40, 10, 15), NOW).color).toBe('green');
    expect(evaluateRule(r, metrics(40, 20, 8), NOW).color).toBe('yellow');
    expect(evaluateRule(r, metrics(40, 30, 5), NOW)).toMatchObject({ color: 'red', value: -0.625 });
  });

  it('gauge against capacity: occupancy of the venue, gray when the counter stopped reporting', () => {
    const r = rule({ metric: 'gauge_occupancy', scope: 'gauge', scopeId: 3, yellow: 0.8, red: 0.95, staleAfterMin: 15 });
    const g = (value: number, at = NOW - MIN) => metrics(0, 0, 0, null, { gauge: { value, at, capacity: 20_000 } });
    expect(evaluateRule(r, g(12_000), NOW).color).toBe('green');
    expect(evaluateRule(r, g(17_000), NOW)).toMatchObject({ color: 'yellow', value: 0.85, baseline: 20_000 });
    expect(evaluateRule(r, g(19_500), NOW).reason).toMatch(/98% full/);
    expect(evaluateRule(r, g(19_500, NOW - 20 * MIN), NOW).color).toBe('gray');
    expect(evaluateRule(r, metrics(0, 0, 0, null, { gauge: null }), NOW).color).toBe('gray');
  });

  it('source staleness: minutes since the source last delivered; gray when it is switched off', () => {
    const r = rule({ metric: 'source_stale', scope: 'source', scopeId: 2, yellow: 30, red: 120 });
    const s = (okAt: number | null, enabled = true) => metrics(0, 0, 0, null, { source: { okAt, enabled } });
    expect(evaluateRule(r, s(NOW - 5 * MIN), NOW).color).toBe('green');
    expect(evaluateRule(r, s(NOW - 45 * MIN), NOW)).toMatchObject({ color: 'yellow', value: 45 });
    expect(evaluateRule(r, s(NOW - 180 * MIN), NOW).reason).toMatch(/last delivered 180 min ago/);
    expect(evaluateRule(r, s(NOW - 180 * MIN, false), NOW).color).toBe('gray');
    expect(evaluateRule(r, s(null), NOW).color).toBe('gray');
  });
});

// ---------------------------------------------------------------------------------------
// The state machine, driven by a sequence of raw evaluations one minute apart.

function ev(color: LightColor, hold: LightColor = color): Evaluation {
  return { color, hold, reason: color, value: null, baseline: null, negShare: null, net: null, newestAt: NOW };
}

/** Run evaluations one minute apart from a green light; the colours shown after each. */
function run(r: LightRule, seq: Evaluation[], start: LightMemory | null = { color: 'green', since: NOW - 60 * MIN, streakYellow: 0, streakRed: 0 }): LightColor[] {
  let mem = start;
  return seq.map((e, i) => (mem = stepLight(r, mem, e, NOW + i * MIN)).color);
}

describe('a light that operators trust', () => {
  it('turns red at once with persistence 1 (the old behaviour)', () => {
    expect(run(rule(), [ev('red')])).toEqual(['red']);
  });

  it('waits for a rise to persist: one red reading among greens changes nothing', () => {
    const r = rule({ persistence: 3 });
    expect(run(r, [ev('red'), ev('green'), ev('red'), ev('green')])).toEqual(['green', 'green', 'green', 'green']);
  });

  it('goes yellow then red as a burst persists, without waiting twice', () => {
    const r = rule({ persistence: 2 });
    expect(run(r, [ev('yellow'), ev('red'), ev('red'), ev('red')])).toEqual(['green', 'yellow', 'red', 'red']);
  });

  it('does not let a flurry of evaluations seconds apart (one per stored batch) stand in for persistence', () => {
    const r = rule({ persistence: 3 });
    let mem: LightMemory | null = { color: 'green', since: NOW - 60 * MIN, streakYellow: 0, streakRed: 0, evaluatedAt: NOW - 15_000 };
    for (let i = 0; i < 8; i++) mem = stepLight(r, mem, ev('red'), NOW + i * 500);
    expect(mem!.color).toBe('green');
    mem = stepLight(r, mem, ev('red'), NOW + 15_000);
    mem = stepLight(r, mem, ev('red'), NOW + 30_000);
    expect(mem.color).toBe('red');
  });

  it('reports a rise in waiting as pending in its memory', () => {
    const r = rule({ persistence: 3 });
    const m = stepLight(r, { color: 'green', since: NOW - 60 * MIN, streakYellow: 0, streakRed: 0 }, ev('red'), NOW);
    expect(m).toMatchObject({ color: 'green', streakRed: 1, streakYellow: 1 });
  });

  it('does not flap around a line: falling back needs the value below the line by the margin (hysteresis)', () => {
    const r = rule({ metric: 'neg_share', yellow: 0.5, red: 0.6, minVolume: 10, hysteresis: 0.1 });
    const at = (neg: number) => evaluateRule(r, metrics(100, neg), NOW);
    // 0.61 red; 0.58 is under the red line but within 10% of it: still red; 0.53 falls to yellow.
    expect(run(r, [at(61), at(58), at(61), at(58), at(53)])).toEqual(['red', 'red', 'red', 'red', 'yellow']);
  });

  it('stays red for the cooldown after a change, even when the numbers fall right away', () => {
    const r = rule({ cooldownMin: 3 });
    // red at minute 0; green readings at minutes 1..4: the light falls at minute 3.
    expect(run(r, [ev('red'), ev('green'), ev('green'), ev('green'), ev('green')])).toEqual(['red', 'red', 'red', 'green', 'green']);
  });

  it('never delays a rise for the cooldown', () => {
    const r = rule({ cooldownMin: 30 });
    expect(run(r, [ev('yellow'), ev('red')])).toEqual(['yellow', 'red']);
  });

  it('turns gray at once when the data goes stale, and starts again from green when it returns', () => {
    const r = rule({ persistence: 2, cooldownMin: 30 });
    const red: LightMemory = { color: 'red', since: NOW, streakYellow: 5, streakRed: 5 };
    expect(run(r, [ev('gray'), ev('gray'), ev('red'), ev('red')], red)).toEqual(['gray', 'gray', 'green', 'red']);
  });

  it('keeps `since` while the colour holds', () => {
    const r = rule();
    const a = stepLight(r, null, ev('green'), NOW);
    const b = stepLight(r, a, ev('green'), NOW + 5 * MIN);
    expect(b.since).toBe(NOW);
  });
});

describe('severity', () => {
  it('gives a red the rule severity, a yellow at most a warning, a return to green only info', () => {
    expect(alertSeverity(rule({ severity: 'critical' }), 'red')).toBe('critical');
    expect(alertSeverity(rule({ severity: 'critical' }), 'yellow')).toBe('warning');
    expect(alertSeverity(rule({ severity: 'info' }), 'yellow')).toBe('info');
    expect(alertSeverity(rule({ severity: 'critical' }), 'green')).toBe('info');
  });
});
