// Trending terms: words of a mention (segmented with Intl.Segmenter, whose full ICU does
// dictionary-based Chinese word breaking), counted per window and scored against a baseline
// window, so that what is always said does not trend and what is suddenly said does.
//
// Terms are keyed by their folded form (NFKC, lower case, Traditional → Simplified), so
// 斷線 and 断线 count once; the display form is the original most often seen.
//
// ICU's dictionary does not know most names (台積電 comes out as 台|積|電), so a run of two or
// three single CJK characters, none of them a stopword, is taken as one candidate word (and
// a run of four as two).
// Segmentation runs on the Simplified form of the text (same offsets, see toSimplified) so
// both scripts are cut the same way and count together.

import fs from 'node:fs';
import { resourcePath } from '../paths';
import { foldText, toSimplified } from './normalize';

// ---------------------------------------------------------------------------------------
// Stopwords

let stopwords: Set<string> | null = null;

function loadStopwords(): Set<string> {
  const words = new Set<string>();
  for (const file of ['zh.txt', 'en.txt']) {
    for (const line of fs.readFileSync(resourcePath('stopwords', file), 'utf8').split('\n')) {
      const w = line.trim();
      if (w && !w.startsWith('#')) words.add(foldText(w).replace(/’/g, "'"));
    }
  }
  return words;
}

/**
 * Single CJK characters that name something on their own in complaints and headlines; every
 * other lone character is dropped (it is almost always a particle or a piece of a word).
 */
const SINGLE_CJK_KEEP = new Set([...'贵烂坑骗雷惨扯赞炸爆震疫税罢抢跌涨停塞']);

// ---------------------------------------------------------------------------------------
// Extraction

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string): Intl.Segmenter {
  const locale = lang === 'zh-Hant' ? 'zh-TW' : lang === 'zh-Hans' || lang === 'zh' ? 'zh-CN' : 'en';
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

const NUMERIC = /^[\d.,:%/+-]+$|^[\d零〇一二三四五六七八九十百千万亿两几]+[个次年月日天号点分元块位名件条张只篇则家间层楼岁]?$/;
const LATIN_LETTER = /^[a-z]$/;
const LAUGH = /^(?:x+d+|(?:ha)+h?|(?:he)+|(?:呵|哈|嘿|嘻)+|2333+)$/;
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/gi;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const POSSESSIVE = /['’]s$/i;
const FINAL_PARTICLE = /[\p{Script=Han}][了吗呢吧啊啦嘛]$/u;

/** Han (BMP), kana, Hangul syllables: scripts written without spaces between words. */
function isCjkCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

export interface TermForm {
  /** Folded key: counts and trends are per key. */
  term: string;
  /** The text as written in this mention. */
  display: string;
}

/** Distinct terms of one text with the form they were written in, in order of first use. */
export function extractTermForms(text: string, lang: string): TermForm[] {
  const stop = (stopwords ??= loadStopwords());
  // NFKC first (full-width letters become words); links and addresses are not words.
  const written = text.normalize('NFKC').replace(URL_OR_EMAIL, ' ').replace(INVISIBLE, '');
  const simplified = toSimplified(written);
  const seen = new Map<string, string>();
  const add = (term: string, display: string): void => {
    if (!seen.has(term)) seen.set(term, display);
  };

  let run: { term: string; display: string }[] = [];
  const flushRun = (): void => {
    if (run.length === 2 || run.length === 3) {
      add(run.map((r) => r.term).join(''), run.map((r) => r.display).join(''));
    } else if (run.length === 4) {
      // Usually two two-character words the dictionary lacks (停|班|停|課).
      add(run[0]!.term + run[1]!.term, run[0]!.display + run[1]!.display);
      add(run[2]!.term + run[3]!.term, run[2]!.display + run[3]!.display);
    } else {
      for (const r of run) if (SINGLE_CJK_KEEP.has(r.term)) add(r.term, r.display);
    }
    run = [];
  };

  for (const seg of segmenterFor(lang).segment(simplified)) {
    if (!seg.isWordLike) {
      flushRun();
      continue;
    }
    let display = written.slice(seg.index, seg.index + seg.segment.length);
    // The segment comes from NFKC'd, Simplified text: lower case is all folding still to do.
    let term = seg.segment.toLowerCase().replace(/’/g, "'");
    if (term.length > 1 && FINAL_PARTICLE.test(term)) {
      // The dictionary glues some particles on (貴了): the word is what comes before.
      term = term.slice(0, -1);
      display = display.slice(0, -1);
    }
    if (term.length === 1 && isCjkCode(term.charCodeAt(0))) {
      if (stop.has(term)) flushRun();
      else run.push({ term, display });
      continue;
    }
    flushRun();
    if (POSSESSIVE.test(term)) {
      term = term.slice(0, -2);
      display = display.slice(0, -2);
    }
    if (!term || stop.has(term) || NUMERIC.test(term) || LATIN_LETTER.test(term) || LAUGH.test(term)) continue;
    add(term, display);
  }
  flushRun();
  return [...seen].map(([term, display]) => ({ term, display }));
}

/**
 * Distinct folded terms of one text. Each counts once per mention, so one post repeating a
 * word fifty times weighs as much as one post saying it once.
 */
export function extractTerms(text: string, lang: string): string[] {
  return extractTermForms(text, lang).map((f) => f.term);
}

export interface TermCount {
  term: string;
  display: string;
  /** Mentions containing the term. */
  count: number;
}

/** Mention counts per term, added a mention at a time (a big sample can be counted in turns). */
export class TermCounter {
  private counts = new Map<string, { count: number; forms: Map<string, number> }>();

  add(m: { text: string; lang: string }): void {
    for (const { term, display } of extractTermForms(m.text, m.lang)) {
      let c = this.counts.get(term);
      if (!c) this.counts.set(term, (c = { count: 0, forms: new Map() }));
      c.count++;
      c.forms.set(display, (c.forms.get(display) ?? 0) + 1);
    }
  }

  /** Every term counted, most frequent first, each shown in its most frequent written form. */
  result(): TermCount[] {
    const out: TermCount[] = [];
    for (const [term, c] of this.counts) {
      let display = term;
      let best = 0;
      for (const [form, n] of c.forms) if (n > best) (display = form), (best = n);
      out.push({ term, display, count: c.count });
    }
    return out.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  }
}

/** Mention counts per term over a set of mentions, most frequent first. */
export function countTerms(mentions: Iterable<{ text: string; lang: string }>): TermCount[] {
  const counter = new TermCounter();
  for (const m of mentions) counter.add(m);
  return counter.result();
}

// ---------------------------------------------------------------------------------------
// Trending

/** G² above this is significant at p ≈ 0.05 (χ², 1 degree of freedom). */
const G2_SIGNIFICANT = 3.84;
/** The current rate must be at least this many times the baseline rate. */
const MIN_RATIO = 1.5;

export interface TrendingTerm {
  term: string;
  count: number;
  baselineCount: number;
  /** Smoothed log₂ ratio of the current rate to the baseline rate. */
  score: number;
  /** Relative change of the rate (1.5 = +150%); null for a term the baseline never saw. */
  change: number | null;
}

/**
 * Terms said markedly more often now than in the baseline.
 *
 * With c, b a term's counts and C, B the window totals (mentions; by default the sums of
 * the maps):
 *   score = log₂((c + 1) / (C + 1)) − log₂((b + 1) / (B + 1))
 * a log-ratio of rates with one pseudo-mention of prior on each side, so a new term (b = 0)
 * scores by its count rather than infinity, and a term at its usual rate scores ≈ 0.
 * A term is listed when c ≥ minCount (default 3), its rate rose at least 1.5×, and, when
 * there is a baseline, Dunning's log-likelihood
 *   G² = 2 (c ln(c / E₁) + b ln(b / E₂)),  E₁ = C (c + b) / (C + B),  E₂ = B (c + b) / (C + B)
 * says the rise is not chance (G² ≥ 3.84). With no baseline at all (a new station) every
 * term is new and the list is simply by count. Ranked by score, then count.
 */
export function trendingTerms(
  current: Map<string, number>,
  baseline: Map<string, number>,
  opts?: { currentTotal: number; baselineTotal: number; limit?: number; minCount?: number },
): TrendingTerm[] {
  const sum = (m: Map<string, number>): number => {
    let s = 0;
    for (const v of m.values()) s += v;
    return s;
  };
  const C = Math.max(opts?.currentTotal ?? sum(current), 1);
  const B = opts?.baselineTotal ?? sum(baseline);
  const minCount = opts?.minCount ?? 3;
  const limit = opts?.limit ?? 20;

  const out: TrendingTerm[] = [];
  for (const [term, c] of current) {
    if (c < minCount) continue;
    const b = baseline.get(term) ?? 0;
    const score = Math.log2((c + 1) / (C + 1)) - Math.log2((b + 1) / (B + 1));
    if (B > 0) {
      if (score < Math.log2(MIN_RATIO)) continue;
      const e1 = (C * (c + b)) / (C + B);
      const e2 = (B * (c + b)) / (C + B);
      const g2 = 2 * (c * Math.log(c / e1) + (b > 0 ? b * Math.log(b / e2) : 0));
      if (g2 < G2_SIGNIFICANT) continue;
    }
    out.push({ term, count: c, baselineCount: b, score, change: b > 0 && B > 0 ? c / C / (b / B) - 1 : null });
  }
  out.sort((x, y) => y.score - x.score || y.count - x.count || x.term.localeCompare(y.term));
  return out.slice(0, limit);
}
