// Pure pieces of the alert chart and the volume panel's bands: which series a rule watches
// (mentions in its window, or their negative share), its yellow and red lines in that
// series' unit, and a window's rolling sum over per-minute counts.
import type { Alert, LightRule } from '../../../../shared/types';

export type Watched = 'count' | 'neg' | null;

/** What to draw for a rule: the window's count, its negative share, or nothing we can chart. */
export function watchedSeries(a: Pick<Alert, 'metric' | 'negShare' | 'to'>, rule: LightRule | undefined): Watched {
  switch (a.metric) {
    case 'count':
    case 'volume_baseline':
    case 'spike':
      return 'count';
    case 'neg_share':
      return 'neg';
    case 'thresholds': {
      if (!rule) return 'count';
      const negLine = a.to === 'red' ? rule.negShareRed : rule.negShareYellow;
      const volLine = a.to === 'red' ? rule.volumeRed : rule.volumeYellow;
      if (negLine != null && a.negShare != null && a.negShare >= negLine) return 'neg';
      if (volLine == null && (rule.negShareYellow != null || rule.negShareRed != null)) return 'neg';
      return 'count';
    }
    default:
      return null;
  }
}

/** The rule's yellow and red lines in the watched series' unit (null: none). */
export function bandsFor(
  a: Pick<Alert, 'metric' | 'baseline'>,
  rule: LightRule | undefined,
  kind: Watched,
): { yellow: number | null; red: number | null } {
  const none = { yellow: null, red: null };
  if (!rule || kind === null) return none;
  switch (a.metric) {
    case 'thresholds':
      return kind === 'neg'
        ? { yellow: rule.negShareYellow, red: rule.negShareRed }
        : { yellow: rule.volumeYellow, red: rule.volumeRed };
    case 'count':
    case 'neg_share':
      return { yellow: rule.yellow, red: rule.red };
    case 'volume_baseline': {
      // A ratio of the expected count: the lines in mentions are line × expectation.
      if (a.baseline == null) return none;
      const expected = Math.max(a.baseline, rule.minVolume, 1);
      return { yellow: rule.yellow == null ? null : rule.yellow * expected, red: rule.red == null ? null : rule.red * expected };
    }
    default:
      return none;
  }
}

/** out[i] = sum of xs[i − size + 1 .. i]: the window ending at each minute. */
export function rolling(xs: number[], size: number): number[] {
  const out = new Array<number>(xs.length);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]!;
    if (i >= size) sum -= xs[i - size]!;
    out[i] = sum;
  }
  return out;
}
