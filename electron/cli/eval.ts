// `fenghuo eval <file.jsonl>`: scores the analyzer against a labelled JSON-lines file.
// Each line: {"text": "...", "label": -1|0|1 | "negative"|"neutral"|"positive", "lang"?, "split"?}.
// Reports per language: 3-class accuracy, macro-F1, positive-vs-negative accuracy on the ±1
// items only (the sign of the score decides and a score of exactly 0 is a miss), the share
// of those polar items scored exactly 0, and the three-class confusion matrix.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Lang, SentimentLabel } from '../../shared/types';
import { LANGS } from '../../shared/types';
import { createAnalyzer } from '../engine/analysis/sentiment';
import type { Analyzer } from '../engine/analysis/sentiment';

export interface LangScore {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Only items labelled ±1; the score's sign decides, 0 is a miss. */
  posNegAccuracy: number;
  /** Share of the items labelled ±1 whose score is exactly 0. */
  polarZero: number;
  /** confusion[gold][predicted], both in LABELS order (negative, neutral, positive). */
  confusion: number[][];
}

export interface EvalItem {
  text: string;
  label: SentimentLabel;
  lang?: Lang;
  split?: string;
}

export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export function parseLabel(v: unknown): SentimentLabel | null {
  if (v === -1 || v === '-1' || v === 'negative' || v === 'neg') return 'negative';
  if (v === 0 || v === '0' || v === 'neutral' || v === 'neu') return 'neutral';
  if (v === 1 || v === '1' || v === 'positive' || v === 'pos') return 'positive';
  return null;
}

/** Reads a labelled JSONL file; throws naming the first bad line. */
export function readLabelled(file: string): EvalItem[] {
  const fileLang = basename(file).replace(/\.jsonl?$/, '');
  const items: EvalItem[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const label = parseLabel(o.label);
    if (typeof o.text !== 'string') throw new Error(`${file}:${i + 1}: "text" must be a string`);
    if (!label) throw new Error(`${file}:${i + 1}: "label" must be -1, 0, 1 or negative/neutral/positive`);
    const lang = (LANGS as readonly string[]).includes(String(o.lang))
      ? (o.lang as Lang)
      : (LANGS as readonly string[]).includes(fileLang)
        ? (fileLang as Lang)
        : undefined;
    items.push({ text: o.text, label, lang, split: typeof o.split === 'string' ? o.split : undefined });
  });
  return items;
}

export function scoreItems(items: EvalItem[], analyzer: Analyzer = createAnalyzer()): Record<string, LangScore> {
  const groups = new Map<string, { gold: SentimentLabel; pred: SentimentLabel; score: number }[]>();
  for (const it of items) {
    const r = analyzer.analyze(it.text, it.lang);
    const key = it.lang ?? r.lang;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push({ gold: it.label, pred: r.label, score: r.score });
  }
  const out: Record<string, LangScore> = {};
  for (const [lang, rows] of groups) {
    let right = 0;
    let pn = 0;
    let pnRight = 0;
    let zero = 0;
    const confusion = LABELS.map(() => LABELS.map(() => 0));
    for (const r of rows) {
      if (r.gold === r.pred) right++;
      confusion[LABELS.indexOf(r.gold)]![LABELS.indexOf(r.pred)]!++;
      if (r.gold !== 'neutral') {
        pn++;
        if (r.score === 0) zero++;
        if ((r.gold === 'positive' && r.score > 0) || (r.gold === 'negative' && r.score < 0)) pnRight++;
      }
    }
    let f1sum = 0;
    let classes = 0;
    LABELS.forEach((_, c) => {
      const tp = confusion[c]![c]!;
      const gold = confusion[c]!.reduce((a, b) => a + b, 0);
      const pred = confusion.reduce((a, row) => a + row[c]!, 0);
      if (gold === 0 && pred === 0) return;
      classes++;
      f1sum += tp === 0 ? 0 : (2 * tp) / (gold + pred);
    });
    out[lang] = {
      n: rows.length,
      accuracy: round4(right / rows.length),
      macroF1: round4(classes ? f1sum / classes : 0),
      posNegAccuracy: round4(pn ? pnRight / pn : 0),
      polarZero: round4(pn ? zero / pn : 0),
      confusion,
    };
  }
  return out;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function formatTable(perLang: Record<string, LangScore>): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6) + '%';
  const lines = ['lang          n   accuracy   macro-F1   pos/neg acc   polar scored 0', '-'.repeat(68)];
  for (const [lang, s] of Object.entries(perLang)) {
    lines.push(
      `${lang.padEnd(10)}${String(s.n).padStart(5)}  ${pct(s.accuracy)}    ${pct(s.macroF1)}    ${pct(s.posNegAccuracy)}        ${pct(s.polarZero)}`,
    );
  }
  for (const [lang, s] of Object.entries(perLang)) {
    lines.push('', `${lang}: gold (rows) × predicted (columns)`, `${''.padEnd(10)}${LABELS.map((l) => l.padStart(10)).join('')}`);
    LABELS.forEach((l, k) => lines.push(`${l.padEnd(10)}${s.confusion[k]!.map((v) => String(v).padStart(10)).join('')}`));
  }
  return lines.join('\n') + '\n';
}

export async function runEval(
  file: string,
  output: NodeJS.WritableStream,
  opts: { json?: boolean; split?: string } = {},
): Promise<{ perLang: Record<string, LangScore> }> {
  let items = readLabelled(file);
  if (opts.split) items = items.filter((it) => it.split === opts.split);
  const perLang = scoreItems(items);
  output.write(opts.json ? JSON.stringify({ perLang }) + '\n' : formatTable(perLang));
  return { perLang };
}
