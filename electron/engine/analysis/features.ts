// The features the learned sentiment model sees, shared by the offline trainer
// (scripts/train-sentiment.ts) and the runtime scorer (model.ts) so both hash exactly alike.
//
// A text is prepared once (NFKC, URLs and @handles replaced by placeholders, Traditional →
// Simplified by the per-character fold, lower case) and cut into units: one per CJK
// character, Latin word, emoji or !/? run. Each family hashes its own n-grams of units into
// a 2^bits bucket space with no allocation per n-gram:
//   - Chinese (zh-Hant and zh-Hans after the fold): unit 1–4-grams, whitespace skipped;
//   - English: words and word bigrams, plus a negation-scoped copy of each word after
//     not/never/n't… up to the next punctuation, plus CJK characters and emoji as unigrams.
// A text's vector is binary over its distinct buckets, scaled by 1/sqrt(count), so a tweet
// and a long review weigh alike. The lexicon's reading of the text (score, praise and blame
// sums, whether it hit anything), '?'/'!' and the balance of PTT push lines (推 up, 噓 down,
// whatever the words after them say) ride along as a few dense features.

import { foldHans } from './lexicon';

export type Family = 'zh' | 'en';

/** Names of the dense features, in the order the model file stores their weights. */
export const DENSE_FEATURES = ['lexScore', 'lexPos', 'lexNeg', 'lexNoHit', 'question', 'exclaim', 'push'] as const;
export const N_DENSE = DENSE_FEATURES.length;

/** What the lexicon pass found in the text (see scoreWithLexicon in sentiment.ts). */
export interface LexiconSignals {
  /** Squashed net score in [-1, 1]. */
  score: number;
  /** Raw praise (≥ 0) and blame (≤ 0) sums. */
  pos: number;
  neg: number;
  hits: number;
}

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const HANDLE_RE = /@[\p{L}\p{N}_][\p{L}\p{N}_.-]*/gu;

/** The form features are read from. Exported for the trainer's de-duplication. */
export function prepareForFeatures(text: string): string {
  return prepareNormalizedForFeatures(text.normalize('NFKC'));
}

/** prepareForFeatures of a text already in NFKC. */
export function prepareNormalizedForFeatures(nfkc: string): string {
  let t = nfkc;
  if (t.includes('http') || t.includes('www.')) t = t.replace(URL_RE, ' \u0001 ');
  if (t.includes('@')) t = t.replace(HANDLE_RE, ' \u0002 ');
  t = t.replace(/[\u2019\u2018]/g, "'");
  return foldHans(t).toLowerCase();
}

// ---------------------------------------------------------------------------------------
// Hashing: FNV-1a steps over 32-bit units, finished by murmur3's fmix32.

const FNV_PRIME = 0x01000193;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function step(h: number, u: number): number {
  return Math.imul(h ^ u, FNV_PRIME);
}

// Seeds keep the kinds of feature apart in the shared bucket space.
const SEED_NGRAM = [0x811c9dc5, 0x2f6b1d3a, 0x5bd1e995, 0x7a3c9e11, 0x1b873593];
const SEED_WORD = 0x3c6ef372;
const SEED_NEGATED = 0x6a09e667;
const SEED_BIGRAM = 0x510e527f;

// ---------------------------------------------------------------------------------------
// Units

const enum K {
  Cjk = 1,
  Word = 2,
  Mark = 3, // ! ? emoji, placeholders
  Break = 4, // other punctuation: ends a negation scope, not a feature
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x5f || (c >= 0xe0 && c <= 0x24f);
}

function isBreak(c: number): boolean {
  return (
    c === 0x2c || c === 0x2e || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x3002 || c === 0x3001 ||
    c === 0x7e || c === 0x28 || c === 0x29 || c === 0x22
  );
}

const NEGATORS = new Set(
  ['not', 'no', 'never', 'cannot', 'nothing', 'nobody', 'none', 'nor', 'neither', 'without', 'hardly', 'barely', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'couldnt', 'wont', 'wouldnt', 'shouldnt', 'aint'].map(wordHash),
);

/** The hash of a word as the scanner computes it (exported for tests of the negator set). */
export function wordHash(w: string): number {
  let h = SEED_WORD;
  for (let i = 0; i < w.length; i++) h = step(h, w.charCodeAt(i));
  return fmix(h);
}

/**
 * Scans a prepared text into units. Returns the count; kinds[i] and units[i] hold each unit.
 * Elongated words ("soooo") keep at most two repeats so they share a feature with "soo".
 */
function scanUnits(s: string, units: Uint32Array, kinds: Uint8Array, negs: Uint8Array): number {
  let n = 0;
  const max = units.length;
  let i = 0;
  const len = s.length;
  while (i < len && n < max) {
    const c = s.charCodeAt(i);
    if (isWordChar(c)) {
      let h = SEED_WORD;
      let prev = -1;
      let run = 0;
      let j = i;
      let endsNt = false;
      for (; j < len; j++) {
        const d = s.charCodeAt(j);
        if (!isWordChar(d)) break;
        run = d === prev ? run + 1 : 1;
        prev = d;
        if (run <= 2 && d !== 0x27) h = step(h, d);
      }
      if (j - i >= 3 && s.charCodeAt(j - 1) === 0x74 && s.charCodeAt(j - 2) === 0x27 && s.charCodeAt(j - 3) === 0x6e) endsNt = true;
      const u = fmix(h);
      units[n] = u;
      kinds[n] = K.Word;
      negs[n] = endsNt || NEGATORS.has(u) ? 1 : 0;
      n++;
      i = j;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x3000) {
      i++;
      continue;
    }
    if (isCjk(c)) {
      units[n] = c;
      kinds[n] = K.Cjk;
      negs[n] = 0;
      n++;
      i++;
      continue;
    }
    if (c === 0x21 || c === 0x3f) {
      let j = i + 1;
      while (j < len && s.charCodeAt(j) === c) j++;
      units[n] = j - i > 1 ? c + 0x10000 : c;
      kinds[n] = K.Mark;
      negs[n] = 0;
      n++;
      i = j;
      continue;
    }
    if (c === 1 || c === 2) {
      units[n] = c;
      kinds[n] = K.Mark;
      negs[n] = 0;
      n++;
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      // Astral: emoji and rare CJK (Extension B+), one unit each.
      const cp = s.codePointAt(i)!;
      units[n] = cp;
      kinds[n] = cp >= 0x20000 && cp <= 0x3ffff ? K.Cjk : K.Mark;
      negs[n] = 0;
      n++;
      i += 2;
      continue;
    }
    if (c === 0xfe0f || c === 0x200d) {
      i++;
      continue;
    }
    // Everything else: punctuation and symbols. BMP emoji and dingbats (☺♥✓) are marks.
    const mark = c >= 0x2600 && c <= 0x27bf;
    units[n] = c;
    kinds[n] = mark ? K.Mark : K.Break;
    negs[n] = 0;
    n++;
    i++;
  }
  return n;
}

// Reused scan buffers: scoring is synchronous, so one set serves every call.
const MAX_UNITS = 4096;
const U = new Uint32Array(MAX_UNITS);
const KD = new Uint8Array(MAX_UNITS);
const NG = new Uint8Array(MAX_UNITS);

/**
 * Hashed bucket indices of a prepared text, written into `out` (sorted, distinct).
 * Returns how many. `out` must have room for 8 × the text length + 8.
 */
export function hashFeatures(prepared: string, family: Family, bits: number, out: Int32Array): number {
  const m = emitFeatures(prepared, family, bits, out);
  // Sort and keep distinct buckets.
  const view = out.subarray(0, m);
  view.sort();
  let w = 0;
  for (let r = 0; r < m; r++) if (r === 0 || view[r] !== view[r - 1]) out[w++] = view[r]!;
  return w;
}

// The scorer's set of buckets seen in the current text: open addressing over a table that is
// only ever cleared by moving to the next generation, so nothing is reset between texts.
let seenKey = new Int32Array(1024);
let seenGen = new Uint32Array(1024);
let gen = 0;

/**
 * The distinct hashed bucket indices of a prepared text, written into `out` in order of first
 * appearance (not sorted). Returns how many. The same buckets as hashFeatures, for the scorer,
 * which only sums weights over them: sorting a few hundred numbers per mention cost more
 * than all the hashing (a typed array's sort is slow on small arrays).
 */
export function distinctFeatures(prepared: string, family: Family, bits: number, out: Int32Array): number {
  const m = emitFeatures(prepared, family, bits, out);
  let size = 64;
  while (size < m * 2) size *= 2;
  if (seenKey.length < size) {
    seenKey = new Int32Array(size);
    seenGen = new Uint32Array(size);
    gen = 0;
  }
  if (++gen === 0xffffffff) {
    seenGen.fill(0);
    gen = 1;
  }
  const tmask = size - 1;
  let w = 0;
  for (let r = 0; r < m; r++) {
    const v = out[r]!;
    // Bucket indices are already hashed, so their low bits spread well.
    let h = v & tmask;
    let dup = false;
    while (seenGen[h] === gen) {
      if (seenKey[h] === v) {
        dup = true;
        break;
      }
      h = (h + 1) & tmask;
    }
    if (dup) continue;
    seenGen[h] = gen;
    seenKey[h] = v;
    out[w++] = v;
  }
  return w;
}

/** Every hashed bucket index of a prepared text, duplicates included, in `out`; returns how many. */
function emitFeatures(prepared: string, family: Family, bits: number, out: Int32Array): number {
  const mask = (1 << bits) - 1;
  const n = scanUnits(prepared, U, KD, NG);
  let m = 0;
  const cap = out.length;
  if (family === 'zh') {
    // Unit n-grams over everything but Break units, which split the sequence.
    let start = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && KD[i] !== K.Break) continue;
      for (let a = start; a < i; a++) {
        let h = SEED_NGRAM[0]!;
        for (let k = 0; k < 4 && a + k < i; k++) {
          h = step(h, U[a + k]!);
          if (m < cap) out[m++] = fmix(h ^ SEED_NGRAM[k + 1]!) & mask;
        }
      }
      // Clause-edge markers: "好吃" at the end of a clause, "推" at its start.
      if (i > start && m + 2 <= cap) {
        out[m++] = fmix(step(step(SEED_NGRAM[1]!, 0xfffe), U[start]!)) & mask;
        out[m++] = fmix(step(step(SEED_NGRAM[2]!, U[i - 1]!), 0xffff)) & mask;
      }
      start = i + 1;
    }
  } else {
    let negating = false;
    let prevWord = 0;
    for (let i = 0; i < n && m + 3 <= cap; i++) {
      const kind = KD[i]!;
      const u = U[i]!;
      if (kind === K.Break || (kind === K.Mark && (u === 0x21 || u === 0x3f || u === 0x10021 || u === 0x1003f))) {
        negating = false;
        prevWord = 0;
        if (kind === K.Mark) out[m++] = fmix(step(SEED_NGRAM[3]!, u)) & mask;
        continue;
      }
      if (kind === K.Word) {
        out[m++] = fmix(u) & mask;
        if (negating) out[m++] = fmix(u ^ SEED_NEGATED) & mask;
        if (prevWord !== 0) out[m++] = fmix(step(step(SEED_BIGRAM, prevWord), u)) & mask;
        prevWord = u;
        if (NG[i]) negating = true;
      } else {
        out[m++] = fmix(step(SEED_NGRAM[3]!, u)) & mask;
        prevWord = 0;
      }
    }
  }
  return m;
}

/** The dense features of a text, written into `out` (length N_DENSE). */
export function denseFeatures(prepared: string, lex: LexiconSignals, out: Float32Array): void {
  out[0] = lex.score;
  out[1] = lex.pos / Math.sqrt(lex.pos * lex.pos + 1);
  out[2] = -lex.neg / Math.sqrt(lex.neg * lex.neg + 1);
  out[3] = lex.hits === 0 ? 1 : 0;
  out[4] = prepared.includes('?') ? 1 : 0;
  out[5] = prepared.includes('!') ? 1 : 0;
  out[6] = pushBalance(prepared);
}

/** PTT push lines "推 id: …" count +1, "噓 id: …" −1 (after the fold 噓 is 嘘); squashed to (−1, 1). */
function pushBalance(s: string): number {
  if (!s.includes('推') && !s.includes('嘘')) return 0;
  let b = 0;
  for (let i = 0; i < s.length; i = s.indexOf('\n', i) < 0 ? s.length : s.indexOf('\n', i) + 1) {
    while (s.charCodeAt(i) === 0x20) i++;
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if ((c === 0x63a8 || c === 0x5618) && (next === 0x20 || next === 0x3a)) b += c === 0x63a8 ? 1 : -1;
  }
  return b / Math.sqrt(b * b + 1);
}

/** Room `hashFeatures` needs for a prepared text. */
export function featureCapacity(prepared: string): number {
  return Math.min(prepared.length, MAX_UNITS) * 6 + 8;
}
