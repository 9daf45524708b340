// What fired, in the UI language: an alert (or a light) said from its metric, its value, what
// that value was compared to and the rule's line for the colour it turned — never from the
// engine's English `reason`, which stays in the log and the CLI.
import type { Alert, LightColor, LightRule } from '../../../../shared/types';
import { localWords, fmtNumber, fmtPercent, fmtDuration } from '../../i18n/index.svelte';

const word = localWords({
  'zh-Hant': {
    count: '{window}內 {n} 則提及',
    countLine: '{window}內 {n} 則提及，達門檻 {line} 則',
    baseline: '{window}內 {n} 則，平常約 {usual} 則（{ratio} 倍）',
    baselineLine: '{window}內 {n} 則，平常約 {usual} 則（{ratio} 倍），達門檻 {line} 倍',
    spike: '{window}內 {n} 則，先前平均 {usual} 則（高出 {sigma}σ）',
    spikeLine: '{window}內 {n} 則，先前平均 {usual} 則（高出 {sigma}σ），達門檻 {line}σ',
    neg: '負評 {pct}（{n} 則中）',
    negLine: '負評 {pct}（{n} 則中），達門檻 {line}',
    net: '淨情緒 {value}（{n} 則）',
    netLine: '淨情緒 {value}（{n} 則），低於門檻 {line}',
    occ: '{pct} 滿',
    occLine: '{pct} 滿，達門檻 {line}',
    stale: '{min} 分鐘未送來資料',
    staleLine: '{min} 分鐘未送來資料，達門檻 {line} 分鐘',
    grayMentions: '沒有新的提及',
    grayGauge: '沒有新的讀數',
    graySource: '來源沒有送來資料',
    back: '回到正常：{what}',
    tooFew: '{window}內僅 {n} 則，太少無法判斷',
  },
  'zh-Hans': {
    count: '{window}内 {n} 条提及',
    countLine: '{window}内 {n} 条提及，达阈值 {line} 条',
    baseline: '{window}内 {n} 条，平常约 {usual} 条（{ratio} 倍）',
    baselineLine: '{window}内 {n} 条，平常约 {usual} 条（{ratio} 倍），达阈值 {line} 倍',
    spike: '{window}内 {n} 条，此前平均 {usual} 条（高出 {sigma}σ）',
    spikeLine: '{window}内 {n} 条，此前平均 {usual} 条（高出 {sigma}σ），达阈值 {line}σ',
    neg: '负面 {pct}（{n} 条中）',
    negLine: '负面 {pct}（{n} 条中），达阈值 {line}',
    net: '净情绪 {value}（{n} 条）',
    netLine: '净情绪 {value}（{n} 条），低于阈值 {line}',
    occ: '{pct} 满',
    occLine: '{pct} 满，达阈值 {line}',
    stale: '{min} 分钟未送来数据',
    staleLine: '{min} 分钟未送来数据，达阈值 {line} 分钟',
    grayMentions: '没有新的提及',
    grayGauge: '没有新的读数',
    graySource: '来源没有送来数据',
    back: '恢复正常：{what}',
    tooFew: '{window}内仅 {n} 条，太少无法判断',
  },
  en: {
    count: '{n} mentions in {window}',
    countLine: '{n} mentions in {window}, at or above the line of {line}',
    baseline: '{n} mentions in {window}, usually {usual} ({ratio}×)',
    baselineLine: '{n} mentions in {window}, usually {usual} ({ratio}×), at or above {line}×',
    spike: '{n} mentions in {window}, {usual} on average before ({sigma}σ)',
    spikeLine: '{n} mentions in {window}, {usual} on average before ({sigma}σ), at or above {line}σ',
    neg: '{pct} negative of {n}',
    negLine: '{pct} negative of {n}, at or above {line}',
    net: 'net sentiment {value} over {n}',
    netLine: 'net sentiment {value} over {n}, at or below {line}',
    occ: '{pct} full',
    occLine: '{pct} full, at or above {line}',
    stale: 'nothing delivered for {min} min',
    staleLine: 'nothing delivered for {min} min, at or above {line} min',
    grayMentions: 'no fresh mentions',
    grayGauge: 'no fresh reading',
    graySource: 'the source delivers nothing',
    back: 'back to normal: {what}',
    tooFew: 'only {n} in {window}: too few to judge',
  },
});

/** What a reason is said from: an alert, or a light state (its colour as `to`). */
export type ReasonInput = Pick<Alert, 'metric' | 'to' | 'value' | 'baseline' | 'volume' | 'negShare'>;

type Line = { kind: 'volume' | 'neg' | 'line'; at: number } | null;

/** The rule's line for a colour; for a change back to green, its yellow line. */
function lineFor(rule: LightRule | undefined, to: LightColor, kind: 'volume' | 'neg' | 'line'): Line {
  if (!rule) return null;
  const c = to === 'red' ? 'red' : 'yellow';
  const at =
    kind === 'volume'
      ? c === 'red' ? rule.volumeRed : rule.volumeYellow
      : kind === 'neg'
        ? c === 'red' ? rule.negShareRed : rule.negShareYellow
        : c === 'red' ? rule.red : rule.yellow;
  return at == null ? null : { kind, at };
}

const num = (x: number | null | undefined, digits = 2) => fmtNumber(Math.round((x ?? 0) * 10 ** digits) / 10 ** digits);

/** The sentence for one alert or light, in the UI language. */
export function sayReason(a: ReasonInput, rule?: LightRule): string {
  const n = fmtNumber(a.volume);
  const window = fmtDuration(rule?.windowMin ?? 60);
  if (a.to === 'gray') {
    return word(a.metric === 'gauge_occupancy' ? 'grayGauge' : a.metric === 'source_stale' ? 'graySource' : 'grayMentions');
  }
  const firing = a.to === 'yellow' || a.to === 'red';
  const say = (key: Parameters<typeof word>[0], line: Line, vars: Record<string, string | number>, lineText?: (l: number) => string) => {
    const text =
      firing && line
        ? word(`${key}Line` as Parameters<typeof word>[0], { ...vars, line: lineText ? lineText(line.at) : fmtNumber(line.at) })
        : word(key, vars);
    return firing ? text : word('back', { what: text });
  };
  switch (a.metric) {
    case 'thresholds': {
      // The deciding half: a negative share at or past its line, else the volume.
      const neg = lineFor(rule, a.to, 'neg');
      if (firing && neg && a.negShare != null && a.negShare >= neg.at) {
        return say('neg', neg, { pct: fmtPercent(a.negShare), n }, (l) => fmtPercent(l));
      }
      if (rule && a.volume < rule.minVolume && a.negShare != null && !firing) return word('tooFew', { n, window });
      return say('count', lineFor(rule, a.to, 'volume'), { n, window });
    }
    case 'count':
      return say('count', lineFor(rule, a.to, 'line'), { n, window });
    case 'volume_baseline':
      return say('baseline', lineFor(rule, a.to, 'line'), { n, window, usual: num(a.baseline, 1), ratio: num(a.value) });
    case 'spike':
      return say('spike', lineFor(rule, a.to, 'line'), { n, window, usual: num(a.baseline, 1), sigma: num(a.value, 1) });
    case 'neg_share':
      return say('neg', lineFor(rule, a.to, 'line'), { pct: fmtPercent(a.value ?? a.negShare ?? 0), n }, (l) => fmtPercent(l));
    case 'net_sentiment':
      return say('net', lineFor(rule, a.to, 'line'), { value: num(a.value), n });
    case 'gauge_occupancy':
      return say('occ', lineFor(rule, a.to, 'line'), { pct: fmtPercent(a.value ?? 0) }, (l) => fmtPercent(l));
    case 'source_stale':
      return say('stale', lineFor(rule, a.to, 'line'), { min: fmtNumber(Math.floor(a.value ?? 0)) });
  }
}
