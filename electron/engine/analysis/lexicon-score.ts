// The lexicon's reading of one text: praise and blame sums, a squashed score and the six
// emotions, from one left-to-right pass over the folded text (Traditional → Simplified,
// NFKC, lower case). Chinese, emoji and emoticons by longest match in a first-character
// index, English by word with multi-word phrases and light morphology. Rules on top of the
// lexicon: negation with a scope (不/没有/not/n't…), degree adverbs (很/有点/very/slightly…),
// contrast (但是/but: earlier clauses weigh less, later more; 虽然/although: its clause
// weighs less), questions damp praise, repeated !/?, ALL CAPS and elongation, sarcasm
// markers (呵呵, 🙃, "yeah right") turn praise into blame, PTT push lines (推/噓/→).
// The analyzer (sentiment.ts) takes this reading as features of the learned model and as
// the source of emotions.

import type { Emotions } from '../../../shared/types';
import { EMOTIONS } from '../../../shared/types';
import { foldHans, loadLexicon } from './lexicon';
import type { Entry, Lexicon } from './lexicon';
import { morph } from './lexicon-morph';

/** Raw sums are squashed with x / sqrt(x² + ALPHA). */
const ALPHA = 1;

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

/**
 * The entries starting with one code point, split by the code unit that follows it. The
 * lexicon's lists are long for common characters (不 starts some 300 entries) and the scan
 * tried each in turn at every 不; only those whose next character is the text's next one can
 * match. Each part keeps the list's order (longest first), and every entry with a next
 * character is longer than every entry in `alone`, so the first match is the same as the
 * whole list's.
 */
interface FirstChar {
  /** Numbers the first characters for the pair table. */
  id: number;
  /** Entries that are just the first code point. */
  alone: Entry[];
}

interface CharIndex {
  /** By first code point below 0x10000 (a plain array: one index per character is cheap). */
  bmp: (FirstChar | undefined)[];
  astral: Map<number, FirstChar>;
  // (first character's id, next code unit) → the entries, in one open-addressing table: a few
  // thousand pairs in three small typed arrays, where a Map per first character cost a cache
  // miss at almost every Chinese character of a text.
  pairId: Int32Array; // -1: empty slot
  pairNext: Uint16Array;
  pairList: Int32Array;
  mask: number;
  lists: Entry[][];
}

function pairSlot(id: number, next: number, mask: number): number {
  const h = Math.imul(id, 0x9e3779b1) ^ Math.imul(next, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

const charIndexes = new WeakMap<Lexicon, CharIndex>();

function charIndex(lex: Lexicon): CharIndex {
  const known = charIndexes.get(lex);
  if (known) return known;
  const bmp = new Array<FirstChar | undefined>(0x10000).fill(undefined);
  const astral = new Map<number, FirstChar>();
  const pairs: { id: number; next: number; list: Entry[] }[] = [];
  let ids = 0;
  for (const [cp, list] of lex.byChar) {
    const first: FirstChar = { id: ids++, alone: [] };
    const byNext = new Map<number, Entry[]>();
    for (const e of list) {
      const k = e.w.codePointAt(0)! > 0xffff ? 2 : 1;
      if (e.w.length <= k) first.alone.push(e);
      else {
        const c = e.w.charCodeAt(k);
        const part = byNext.get(c);
        if (part) part.push(e);
        else byNext.set(c, [e]);
      }
    }
    for (const [next, part] of byNext) pairs.push({ id: first.id, next, list: part });
    if (cp < 0x10000) bmp[cp] = first;
    else astral.set(cp, first);
  }
  let size = 64;
  while (size < pairs.length * 3) size *= 2;
  const idx: CharIndex = {
    bmp,
    astral,
    pairId: new Int32Array(size).fill(-1),
    pairNext: new Uint16Array(size),
    pairList: new Int32Array(size),
    mask: size - 1,
    lists: [],
  };
  for (const p of pairs) {
    let h = pairSlot(p.id, p.next, idx.mask);
    while (idx.pairId[h] !== -1) h = (h + 1) & idx.mask;
    idx.pairId[h] = p.id;
    idx.pairNext[h] = p.next;
    idx.pairList[h] = idx.lists.length;
    idx.lists.push(p.list);
  }
  charIndexes.set(lex, idx);
  return idx;
}

/** The entries at index i (first code point `cp`) whose second code unit matches the text's. */
function candidates(idx: CharIndex, first: FirstChar, s: string, i: number, cp: number): Entry[] | undefined {
  const k = i + (cp > 0xffff ? 2 : 1);
  if (k >= s.length) return undefined;
  const next = s.charCodeAt(k);
  const id = first.id;
  for (let h = pairSlot(id, next, idx.mask); ; h = (h + 1) & idx.mask) {
    const at = idx.pairId[h]!;
    if (at === -1) return undefined;
    if (at === id && idx.pairNext[h] === next) return idx.lists[idx.pairList[h]!];
  }
}

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

  private readonly index: CharIndex;

  constructor(private readonly lex: Lexicon) {
    this.index = charIndex(lex);
  }

  run(s: string, orig: string | null): Scan {
    const n = s.length;
    const index = this.index;
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
      const first = cp < 0x10000 ? index.bmp[cp] : index.astral.get(cp);
      if (first) {
        let matched: Entry | null = null;
        const longer = candidates(index, first, s, i, cp);
        if (longer) matched = firstMatch(longer, s, i);
        if (!matched) matched = firstMatch(first.alone, s, i);
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
    // They are longer than the word, so longer than one character.
    const first = this.index.bmp[s.charCodeAt(i)];
    const mixed = first && candidates(this.index, first, s, i, s.charCodeAt(i));
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
    const first = this.index.bmp[c];
    if (!first) return null;
    const longer = candidates(this.index, first, s, i, c);
    if (longer) for (const e of longer) if (s.startsWith(e.w, i)) return e;
    for (const e of first.alone) if (s.startsWith(e.w, i)) return e;
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

/** The first entry of `list` written at index i (a Latin one only on a word boundary). */
function firstMatch(list: Entry[], s: string, i: number): Entry | null {
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    if (s.startsWith(e.w, i) && (!e.latin || !isWordChar(s.charCodeAt(i + e.w.length)))) return e;
  }
  return null;
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

export function clamp1(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

// ---------------------------------------------------------------------------------------

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/g;

/** The form the lexicon is matched against: NFKC, curly quotes straightened, no URLs, folded. */
export interface LexiconForm {
  /** Folded and lower case. */
  s: string;
  /** Folded with case kept, at the same offsets as `s`, for ALL-CAPS words; null when unusable. */
  orig: string | null;
}

/** The lexicon's form of a text already in NFKC (the analyzer normalizes once for the lexicon and the model). */
export function lexiconForm(nfkc: string): LexiconForm {
  let t = nfkc;
  if (t.includes('http') || t.includes('www.')) t = t.replace(URL_RE, ' ');
  t = t.replace(/[\u2019\u2018]/g, "'").replace(/\ufe0f/g, '');
  const folded = foldHans(t);
  const s = folded.toLowerCase();
  // Caps detection needs the same offsets; ALL-CAPS texts shout everywhere, which is no emphasis.
  const orig = s.length === folded.length && changesInUpperCase(folded) ? folded : null;
  return { s, orig };
}

/**
 * t !== t.toUpperCase(), mostly without making the upper-case copy: the first character
 * before which everything is left alone by upper case (ASCII other than a–z, CJK punctuation
 * and ideographs) decides when it is a–z; any other character falls back to the copy.
 */
function changesInUpperCase(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return true;
    if (c < 0x80 || (c >= 0x3000 && c <= 0x303f) || (c >= 0x3400 && c <= 0x9fff)) continue;
    return t !== t.toUpperCase();
  }
  return false;
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
  return scoreLexiconForm(lexiconForm(text.normalize('NFKC')), lex);
}

/** scoreWithLexicon of a text already in the lexicon's form. */
export function scoreLexiconForm({ s, orig }: LexiconForm, lex: Lexicon): LexiconScore {
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

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
