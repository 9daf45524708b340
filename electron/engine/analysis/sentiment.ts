// Sentiment and the six emotions of one text, offline, for zh-Hant, zh-Hans and English.
//
// The score comes from the shipped learned model of the text's language family (model.ts:
// hashed n-grams under logistic regression, trained offline on public labelled corpora, see
// resources/models/MODEL_CARD.md), which takes this module's lexicon reading as features.
// Emotions come from the lexicon alone.
//
// The lexicon pass: one left-to-right scan over the folded text (Traditional → Simplified,
// NFKC, lower case): Chinese, emoji and emoticons by longest match in a first-character
// index, English by word with multi-word phrases and light morphology. Rules on top of the
// lexicon: negation with a scope (不/没有/not/n't…), degree adverbs (很/有点/very/slightly…),
// contrast (但是/but: earlier clauses weigh less, later more; 虽然/although: its clause
// weighs less), questions damp praise, repeated !/?, ALL CAPS and elongation, sarcasm
// markers (呵呵, 🙃, "yeah right") turn praise into blame, PTT push lines (推/噓/→).
// When a model learned from analysts' corrections is given, it is blended in by how much
// evidence it has for the text at hand.

import type { Emotions, Lang, SentimentLabel } from '../../../shared/types';
import { EMOTIONS } from '../../../shared/types';
import { detectLang } from './lang';
import { foldHans, loadLexicon } from './lexicon';
import type { Entry, Lexicon } from './lexicon';
import { predictLearned } from './learn';
import type { LearnedModel } from './learn';
import type { Family } from './features';
import { loadModel, scoreWithModel } from './model';
import type { SentimentModel } from './model';
import { resourcePath } from '../paths';

export interface SentimentResult {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
  emotions: Emotions;
}

export interface Analyzer {
  analyze(text: string, lang?: Lang): SentimentResult & { lang: Lang };
}

/** |score| below this is neutral (tuned on the dev split of tests/fixtures/sentiment). */
export const NEUTRAL_BAND = 0.2;

/** Raw sums are squashed with x / sqrt(x² + ALPHA). */
const ALPHA = 1;

export function labelOf(score: number): SentimentLabel {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

// ---------------------------------------------------------------------------------------
// Scanning

const enum C {
  Bang = 0x21,
  Quote = 0x27,
  Comma = 0x2c,
  Dot = 0x2e,
  Colon = 0x3a,
  Semi = 0x3b,
  Question = 0x3f,
  Newline = 0x0a,
  Tilde = 0x7e,
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === C.Quote;
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Clause-ending punctuation (after NFKC: full-width ，！？；～ are ASCII already). */
function isClauseEnd(c: number): boolean {
  return (
    c === C.Comma || c === C.Dot || c === C.Bang || c === C.Question || c === C.Semi || c === C.Newline ||
    c === C.Tilde || c === 0x3002 /* 。 */ || c === 0x3001 /* 、 */
  );
}

interface Scan {
  pos: number;
  neg: number;
  emo: number[];
  hits: number;
}

const EMO_INDEX = new Map(EMOTIONS.map((e, i) => [e, i]));

class Scorer {
  // Closed clauses, after clause weights.
  private pos = 0;
  private negSum = 0;
  // The open clause.
  private cPos = 0;
  private cNeg = 0;
  private clauseW = 1;
  private after = 1; // weight of clauses after a "but"
  private sarcasm = false;
  private unit = 0;
  private negEnd = -1;
  private negN = 0;
  private intEnd = -1;
  private intM = 1;
  private emo = [0, 0, 0, 0, 0, 0];
  private hits = 0;

  constructor(private readonly lex: Lexicon) {}

  run(s: string, orig: string | null): Scan {
    const n = s.length;
    const lex = this.lex;
    let lineStart = true;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (lineStart) {
        lineStart = false;
        const skip = this.pushLine(s, i);
        if (skip > 0) {
          i += skip;
          continue;
        }
      }
      if (isWordChar(c)) {
        let j = i + 1;
        while (j < n && isWordChar(s.charCodeAt(j))) j++;
        // The word must start on a boundary (not mid "abc" after a digit-letter run is fine).
        i = this.word(s, orig, i, j);
        continue;
      }
      const cp = c >= 0xd800 && c <= 0xdbff ? s.codePointAt(i)! : c;
      const list = lex.byChar.get(cp);
      if (list) {
        let matched: Entry | null = null;
        for (const e of list) {
          if (s.startsWith(e.w, i) && (!e.latin || !isWordChar(s.charCodeAt(i + e.w.length)))) {
            matched = e;
            break;
          }
        }
        if (matched) {
          i = this.entry(matched, s, i, i + matched.w.length, 1);
          continue;
        }
      }
      if (isClauseEnd(c)) {
        let bang = c === C.Bang ? 1 : 0;
        let q = c === C.Question ? 1 : 0;
        let j = i + 1;
        for (; j < n; j++) {
          const d = s.charCodeAt(j);
          if (d === C.Bang) bang++;
          else if (d === C.Question) q++;
          else if (!(d === C.Dot || d === 0x3002 || d === C.Tilde || d === C.Comma || d === 0x20)) break;
        }
        if (s.charCodeAt(i) === C.Newline || s.charCodeAt(j - 1) === C.Newline) lineStart = true;
        for (let k = i; k < j; k++) if (s.charCodeAt(k) === C.Newline) lineStart = true;
        this.closeClause(bang, q, s, i);
        i = j;
        continue;
      }
      if (isCjk(c)) this.unit++;
      i += cp > 0xffff ? 2 : 1;
    }
    this.closeClause(0, 0, s, n);
    let pos = this.pos;
    let neg = this.negSum;
    if (this.sarcasm && pos > 0) {
      neg -= pos * 0.6;
      pos = 0;
    }
    return { pos, neg, emo: this.emo, hits: this.hits };
  }

  /** PTT push lines "推 id: text" / "噓 id: text" / "→ id: text". Returns chars to skip. */
  private pushLine(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c !== 0x63a8 /* 推 */ && c !== 0x5618 /* 嘘 */ && c !== 0x2192 /* → */) return 0;
    let j = i + 1;
    const next = s.charCodeAt(j);
    if (next !== 0x20 && next !== C.Colon) return 0;
    while (s.charCodeAt(j) === 0x20) j++;
    // Optional user id followed by a colon.
    let k = j;
    while (k < s.length && isWordChar(s.charCodeAt(k))) k++;
    if (k > j && s.charCodeAt(k) === C.Colon) j = k + 1;
    else if (s.charCodeAt(j) === C.Colon) j++;
    if (c === 0x63a8) {
      this.cPos += 0.45;
      this.emo[0]! += 0.2;
      this.hits++;
    } else if (c === 0x5618) {
      this.cNeg -= 0.5;
      this.emo[4]! += 0.3;
      this.hits++;
    }
    return j - i;
  }

  private word(s: string, orig: string | null, i: number, j: number): number {
    const lex = this.lex;
    const w = s.slice(i, j);
    // Entries that start like a word but go on with other characters: award-winning, 10/10, cp值高, qq群.
    const mixed = lex.byChar.get(s.charCodeAt(i));
    if (mixed) {
      for (const e of mixed) {
        const end = i + e.w.length;
        if (end > j && s.startsWith(e.w, i) && (!e.latin || !isWordChar(s.charCodeAt(end)))) return this.entry(e, s, i, end, 2);
      }
    }
    const phrases = lex.phrases.get(w);
    if (phrases) {
      for (const p of phrases) {
        const end = i + p.w.length;
        if (s.startsWith(p.w, i) && !isWordChar(s.charCodeAt(end))) {
          return this.entry(p, s, i, end, 2 * (p.w.split(' ').length));
        }
      }
    }
    const e = lex.words.get(w) ?? morph(lex, w);
    if (e) {
      let m = 1;
      if (orig && j - i >= 3 && e.kind === 'word' && isAllCaps(orig, i, j)) m = 1.3;
      return this.entry(e, s, i, j, 2, m);
    }
    this.unit += 2;
    return j;
  }

  /** Applies one matched entry spanning [i, end); returns the next index. */
  private entry(e: Entry, s: string, i: number, end: number, units: number, emph = 1): number {
    const start = this.unit;
    this.unit += e.latin ? units : end - i;
    switch (e.kind) {
      case 'word':
        if (e.s !== 0 || e.emo) this.sentiment(e.s, e.emo, start, emph);
        break;
      case 'neg':
        if (start <= this.negEnd) this.negN++;
        else this.negN = 1;
        this.negEnd = this.unit + e.m;
        // A negator right after a degree adverb ("很不好") keeps the adverb for the next word.
        if (this.intEnd >= start) this.intEnd = this.negEnd;
        if (e.s !== 0) this.add(e.s, null, 1);
        break;
      case 'int':
        this.intM = start <= this.intEnd ? this.intM * e.m : e.m;
        this.intEnd = this.unit + (e.latin ? 4 : 3);
        break;
      case 'adv': {
        // 好/太/pretty: a degree adverb when a sentiment word follows at once, else a word.
        const next = this.peek(s, end);
        if (next && (next.kind === 'word' ? next.s !== 0 : next.kind === 'neg')) {
          this.intM = start <= this.intEnd ? this.intM * e.m : e.m;
          this.intEnd = this.unit + 1;
        } else if (e.s !== 0 || e.emo) {
          this.sentiment(e.s, e.emo, start, emph);
        }
        break;
      }
      case 'but':
        this.closeClause(0, 0, s, i);
        this.pos *= 1 / e.m;
        this.negSum *= 1 / e.m;
        this.after = e.m;
        if (e.s !== 0) this.add(e.s, e.emo, 1);
        break;
      case 'though':
        this.clauseW = e.m;
        break;
      case 'sarc':
        this.sarcasm = true;
        if (e.s !== 0 || e.emo) this.add(e.s, e.emo, 1);
        break;
      case 'stop':
        this.negEnd = -1;
        break;
    }
    return end;
  }

  /** The entry that would match at index i, for the adverb look-ahead. */
  private peek(s: string, i: number): Entry | null {
    const c = s.charCodeAt(i);
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
      return this.lex.words.get(s.slice(i, j)) ?? morph(this.lex, s.slice(i, j)) ?? null;
    }
    if (c === 0x20) return isWordChar(s.charCodeAt(i + 1)) ? this.peek(s, i + 1) : null;
    const list = this.lex.byChar.get(c);
    if (!list) return null;
    for (const e of list) if (s.startsWith(e.w, i)) return e;
    return null;
  }

  private sentiment(score: number, emo: Emotions | null, start: number, emph: number): void {
    let v = score * emph;
    let m = emph;
    if (start <= this.intEnd) {
      v *= this.intM;
      m *= this.intM;
      this.intEnd = -1;
    }
    if (start <= this.negEnd) {
      if (this.negN % 2 === 1) v = v > 0 ? -v * 0.8 : -v * 0.5;
      else v *= 0.6;
      this.negEnd = -1;
      this.add(v, null, 0);
      return;
    }
    this.add(v, emo, m);
  }

  private add(v: number, emo: Emotions | null, m: number): void {
    this.hits++;
    if (v > 0) this.cPos += v;
    else this.cNeg += v;
    if (emo) {
      const k = Math.max(0.3, Math.min(m, 2));
      for (const key in emo) {
        const idx = EMO_INDEX.get(key as (typeof EMOTIONS)[number]);
        if (idx !== undefined) this.emo[idx]! += (emo as Record<string, number>)[key]! * k;
      }
    }
  }

  private closeClause(bang: number, q: number, s: string, at: number): void {
    let p = this.cPos;
    let ng = this.cNeg;
    if (q > 0) {
      // A question asks rather than praises; "???" is bewilderment or anger.
      p *= 0.3;
      if (q >= 2) {
        ng -= 0.2;
        this.emo[5]! += 0.3;
        this.hits++;
      }
      if (bang > 0) this.emo[5]! += 0.3;
    }
    if (bang > 0) {
      const k = 1 + Math.min(bang, 3) * 0.12;
      p *= k;
      ng *= k;
    }
    const w = this.clauseW * this.after;
    this.pos += p * w;
    this.negSum += ng * w;
    this.cPos = 0;
    this.cNeg = 0;
    if (this.clauseW < 1 && (p !== 0 || ng !== 0)) this.after = Math.max(this.after, 1.3);
    this.clauseW = 1;
    this.negEnd = -1;
    this.intEnd = -1;
    void s;
    void at;
  }
}

function isAllCaps(orig: string, i: number, j: number): boolean {
  let letters = 0;
  for (let k = i; k < j; k++) {
    const c = orig.charCodeAt(k);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) letters++;
  }
  return letters >= 3;
}

// ---------------------------------------------------------------------------------------
// English morphology fallback: plural, past, -ing, -ly, comparatives, elongation, un-.

const morphCache = new Map<string, Entry | null>();

function morph(lex: Lexicon, w: string): Entry | undefined {
  if (w.length < 3) return undefined;
  const hit = morphCache.get(w);
  if (hit !== undefined) return hit ?? undefined;
  const r = morphUncached(lex, w);
  if (morphCache.size > 50_000) morphCache.clear();
  morphCache.set(w, r ?? null);
  return r ?? undefined;
}

function morphUncached(lex: Lexicon, w: string): Entry | undefined {
  const words = lex.words;
  const tryw = (x: string): Entry | undefined => (x.length >= 2 ? words.get(x) : undefined);
  if (w.endsWith("'s")) return tryw(w.slice(0, -2));
  if (/(.)\1\1/.test(w)) {
    const two = w.replace(/(.)\1{2,}/g, '$1$1');
    const one = w.replace(/(.)\1{2,}/g, '$1');
    const e = tryw(two) ?? tryw(one) ?? morph(lex, two);
    if (e) return e.kind === 'word' ? { ...e, s: clamp1(e.s * 1.2) } : e;
  }
  if (w.endsWith("n't") || w.endsWith('nt') && /(?:do|does|did|is|are|was|were|could|would|should|have|has|had|wo|ca|ai|must|need)nt$/.test(w)) {
    return words.get('not');
  }
  const cands: string[] = [];
  const strip = (suf: string, ...adds: string[]) => {
    if (w.endsWith(suf) && w.length - suf.length >= 3) {
      const base = w.slice(0, -suf.length);
      for (const a of adds) cands.push(base + a);
      // doubled consonant: stopped → stop, bigger → big
      if (base.length >= 3 && base[base.length - 1] === base[base.length - 2]) cands.push(base.slice(0, -1));
    }
  };
  strip('ily', 'y');
  strip('ally', 'al', '');
  strip('ly', '', 'le');
  strip('iest', 'y');
  strip('ier', 'y');
  strip('est', '', 'e');
  strip('er', '', 'e');
  strip('ies', 'y');
  if (/(?:s|x|z|ch|sh|o)es$/.test(w)) strip('es', '');
  if (!w.endsWith('ss')) strip('s', '');
  strip('ied', 'y');
  strip('ed', 'e', '');
  strip('ing', 'e', '');
  strip('ness', '');
  strip('ment', '');
  for (const c of cands) {
    const e = words.get(c);
    if (e && (e.kind === 'word' || e.kind === 'neg')) return e;
  }
  for (const pre of ['un', 'dis', 'in', 'im', 'non']) {
    if (w.startsWith(pre) && w.length - pre.length >= 4) {
      const base = w.slice(pre.length);
      const e = words.get(base) ?? (pre === 'un' || pre === 'non' ? morph(lex, base) : undefined);
      if (e && e.kind === 'word' && e.s >= 0.3) return { ...e, w, s: -0.8 * e.s, emo: null };
    }
  }
  return undefined;
}

function clamp1(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

// ---------------------------------------------------------------------------------------

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/g;

/** The form the lexicon is matched against: NFKC, curly quotes straightened, no URLs, folded. */
function prepare(text: string): { s: string; orig: string | null } {
  let t = text.normalize('NFKC');
  if (t.includes('http') || t.includes('www.')) t = t.replace(URL_RE, ' ');
  t = t.replace(/[\u2019\u2018]/g, "'").replace(/\ufe0f/g, '');
  const folded = foldHans(t);
  const s = folded.toLowerCase();
  // Caps detection needs the same offsets; ALL-CAPS texts shout everywhere, which is no emphasis.
  const orig = s.length === folded.length && folded !== folded.toUpperCase() ? folded : null;
  return { s, orig };
}

export interface LexiconScore {
  score: number;
  emotions: Emotions;
  hits: number;
  /** Raw praise (≥ 0) and blame (≤ 0) sums after the rules, before squashing. */
  pos: number;
  neg: number;
}

export function scoreWithLexicon(text: string, lex: Lexicon = loadLexicon()): LexiconScore {
  const { s, orig } = prepare(text);
  const r = new Scorer(lex).run(s, orig);
  const raw = r.pos + r.neg;
  const score = raw / Math.sqrt(raw * raw + ALPHA);
  const emotions: Emotions = {};
  for (let k = 0; k < EMOTIONS.length; k++) {
    const v = r.emo[k]!;
    if (v > 0) emotions[EMOTIONS[k]!] = round3(1 - Math.exp(-v));
  }
  return { score, emotions, hits: r.hits, pos: r.pos, neg: r.neg };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Where the shipped model of a language family lives. */
export function shippedModelPath(family: Family): string {
  return resourcePath('models', `sentiment-${family}.fhsm`);
}

let shipped: { zh: SentimentModel; en: SentimentModel } | null = null;

/** The shipped models, read and checked on first use (a corrupt file throws, naming it). */
export function loadShippedModels(): { zh: SentimentModel; en: SentimentModel } {
  shipped ??= { zh: loadModel(shippedModelPath('zh')), en: loadModel(shippedModelPath('en')) };
  return shipped;
}

export interface AnalyzerOptions {
  /** The station's model learned from analysts' corrections, blended on top. */
  learned?: LearnedModel | null;
  learnedWeight?: number;
  /** The learned models to use; default the shipped ones, null for the lexicon alone. */
  models?: { zh: SentimentModel; en: SentimentModel } | null;
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const lex = loadLexicon();
  const models = opts.models === undefined ? loadShippedModels() : opts.models;
  const learned = opts.learned ?? null;
  const weight = opts.learnedWeight ?? 0.9;
  return {
    analyze(text: string, lang?: Lang) {
      const l = lang ?? detectLang(text);
      const base = scoreWithLexicon(text, lex);
      // Chinese of either script reads the Chinese model (it sees folded text); English the
      // English one; other languages keep the lexicon, whose emoji and emoticons still apply.
      const model = !models ? null : l === 'zh-Hant' || l === 'zh-Hans' ? models.zh : l === 'en' ? models.en : null;
      let score = model && /[\p{L}\p{N}]/u.test(text) ? scoreWithModel(model, text, base).score : base.score;
      if (learned) {
        const p = predictLearned(learned, text);
        if (p) {
          const w = weight * p.confidence;
          score = score * (1 - w) + p.score * w;
        }
      }
      const raw = score;
      score = round3(clamp1(score));
      // Any signal keeps a sign: rounding must not turn a faint score into exactly 0.
      if (score === 0 && raw !== 0) score = raw > 0 ? 0.001 : -0.001;
      return { score, label: labelOf(score), emotions: base.emotions, lang: l };
    },
  };
}
