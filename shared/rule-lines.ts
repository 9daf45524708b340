// The yellow and red lines of a light rule: what range each metric's lines may take, and the
// problems of a pair (out of range, inverted, missing). Used by the rule schema (so rules.save,
// imports and backtests refuse the same things) and by the rules room, which says each problem
// in the reader's language before anything is sent.
import type { LightMetric } from './types';

export interface LineRange {
  min: number;
  max: number;
  /** Whole numbers only (counts, minutes). */
  integer: boolean;
  /** A lower value is worse: red must be below yellow. */
  down: boolean;
}

export const LINE_RANGES: Record<LightMetric, LineRange> = {
  thresholds: { min: 1, max: 10_000_000, integer: true, down: false },
  count: { min: 1, max: 10_000_000, integer: true, down: false },
  volume_baseline: { min: 1, max: 100, integer: false, down: false },
  spike: { min: 0.5, max: 50, integer: false, down: false },
  neg_share: { min: 0.01, max: 1, integer: false, down: false },
  net_sentiment: { min: -1, max: 1, integer: false, down: true },
  gauge_occupancy: { min: 0.01, max: 5, integer: false, down: false },
  source_stale: { min: 1, max: 10_080, integer: true, down: false },
};

export type LineProblem =
  | { path: 'yellow' | 'red' | 'volumeYellow' | 'volumeRed' | 'negShareYellow' | 'negShareRed'; kind: 'range'; min: number; max: number; integer: boolean }
  | { path: 'red' | 'volumeRed' | 'negShareRed'; kind: 'order'; down: boolean }
  | { path: 'yellow'; kind: 'missing' };

interface Lines {
  metric: LightMetric;
  yellow?: number | null | undefined;
  red?: number | null | undefined;
  volumeYellow?: number | null | undefined;
  volumeRed?: number | null | undefined;
  negShareYellow?: number | null | undefined;
  negShareRed?: number | null | undefined;
}

function inRange(v: number, r: LineRange): boolean {
  return Number.isFinite(v) && v >= r.min && v <= r.max && (!r.integer || Number.isInteger(v));
}

/** Every problem with the rule's lines; empty when they make sense. */
export function lineProblems(rule: Lines): LineProblem[] {
  const out: LineProblem[] = [];
  if (rule.metric === 'thresholds') {
    const vol = LINE_RANGES.thresholds;
    const share: LineRange = { min: 0.01, max: 1, integer: false, down: false };
    for (const [path, r] of [
      ['volumeYellow', vol],
      ['volumeRed', vol],
      ['negShareYellow', share],
      ['negShareRed', share],
    ] as const) {
      const v = rule[path];
      if (v != null && !inRange(v, r)) out.push({ path, kind: 'range', min: r.min, max: r.max, integer: r.integer });
    }
    if (rule.volumeYellow != null && rule.volumeRed != null && rule.volumeRed < rule.volumeYellow) {
      out.push({ path: 'volumeRed', kind: 'order', down: false });
    }
    if (rule.negShareYellow != null && rule.negShareRed != null && rule.negShareRed < rule.negShareYellow) {
      out.push({ path: 'negShareRed', kind: 'order', down: false });
    }
    return out;
  }
  const r = LINE_RANGES[rule.metric];
  if (rule.yellow == null && rule.red == null) return [{ path: 'yellow', kind: 'missing' }];
  for (const path of ['yellow', 'red'] as const) {
    const v = rule[path];
    if (v != null && !inRange(v, r)) out.push({ path, kind: 'range', min: r.min, max: r.max, integer: r.integer });
  }
  if (rule.yellow != null && rule.red != null && (r.down ? rule.red > rule.yellow : rule.red < rule.yellow)) {
    out.push({ path: 'red', kind: 'order', down: r.down });
  }
  return out;
}

/** The problem in English, for logs, the cli and the api's message. */
export function describeLineProblem(p: LineProblem): string {
  switch (p.kind) {
    case 'range':
      return `must be ${p.integer ? 'a whole number ' : ''}from ${p.min} to ${p.max}`;
    case 'order':
      return p.down ? 'red must be at or below yellow (lower is worse here)' : 'red must be at or above yellow';
    case 'missing':
      return 'set a yellow or a red line for this metric';
  }
}
