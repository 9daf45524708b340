// English morphology fallback for the lexicon scan: a word not in the lexicon is tried as
// a plural, past, -ing, -ly, comparative, elongated ("sooo") or un-/dis- form of one that is.
// Results are cached per word (the cache is cleared when it grows past 50,000 words).

import type { Entry, Lexicon } from './lexicon';

const morphCache = new Map<string, Entry | null>();

export function morph(lex: Lexicon, w: string): Entry | undefined {
  if (w.length < 3) return undefined;
  // A number (a price, a year, an id) is a new word in almost every mention, and every rule
  // below but the elongation one needs a letter: unless a digit repeats three times
  // (23333 → 233), it finds nothing. Answered without filling the cache.
  if (isNumberWithoutRepeats(w)) return undefined;
  const hit = morphCache.get(w);
  if (hit !== undefined) return hit ?? undefined;
  const r = morphUncached(lex, w);
  if (morphCache.size > 50_000) morphCache.clear();
  morphCache.set(w, r ?? null);
  return r ?? undefined;
}

function morphUncached(lex: Lexicon, w: string): Entry | undefined {
  // No closures here: this runs for every word seen for the first time (names, numbers).
  const words = lex.words;
  if (w.endsWith("'s")) return tryWord(words, w.slice(0, -2));
  if (/(.)\1\1/.test(w)) {
    const two = w.replace(/(.)\1{2,}/g, '$1$1');
    const one = w.replace(/(.)\1{2,}/g, '$1');
    const e = tryWord(words, two) ?? tryWord(words, one) ?? morph(lex, two);
    if (e) return e.kind === 'word' ? { ...e, s: Math.max(-1, Math.min(1, e.s * 1.2)) } : e;
  }
  if (w.endsWith("n't") || w.endsWith('nt') && /(?:do|does|did|is|are|was|were|could|would|should|have|has|had|wo|ca|ai|must|need)nt$/.test(w)) {
    return words.get('not');
  }
  const cands: string[] = [];
  strip(w, cands, 'ily', 'y');
  strip(w, cands, 'ally', 'al', '');
  strip(w, cands, 'ly', '', 'le');
  strip(w, cands, 'iest', 'y');
  strip(w, cands, 'ier', 'y');
  strip(w, cands, 'est', '', 'e');
  strip(w, cands, 'er', '', 'e');
  strip(w, cands, 'ies', 'y');
  if (/(?:s|x|z|ch|sh|o)es$/.test(w)) strip(w, cands, 'es', '');
  if (!w.endsWith('ss')) strip(w, cands, 's', '');
  strip(w, cands, 'ied', 'y');
  strip(w, cands, 'ed', 'e', '');
  strip(w, cands, 'ing', 'e', '');
  strip(w, cands, 'ness', '');
  strip(w, cands, 'ment', '');
  for (const c of cands) {
    const e = words.get(c);
    if (e && (e.kind === 'word' || e.kind === 'neg')) return e;
  }
  for (const pre of PREFIXES) {
    if (w.startsWith(pre) && w.length - pre.length >= 4) {
      const base = w.slice(pre.length);
      const e = words.get(base) ?? (pre === 'un' || pre === 'non' ? morph(lex, base) : undefined);
      if (e && e.kind === 'word' && e.s >= 0.3) return { ...e, w, s: -0.8 * e.s, emo: null };
    }
  }
  return undefined;
}

const PREFIXES = ['un', 'dis', 'in', 'im', 'non'];

/** Only ASCII digits, and no digit three times in a row. */
function isNumberWithoutRepeats(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    if (i >= 2 && c === w.charCodeAt(i - 1) && c === w.charCodeAt(i - 2)) return false;
  }
  return true;
}

function tryWord(words: Map<string, Entry>, x: string): Entry | undefined {
  return x.length >= 2 ? words.get(x) : undefined;
}

/** Candidate bases of `w` without the suffix `suf`, each with one of `adds` appended. */
function strip(w: string, cands: string[], suf: string, add1: string, add2?: string): void {
  if (w.endsWith(suf) && w.length - suf.length >= 3) {
    const base = w.slice(0, -suf.length);
    cands.push(base + add1);
    if (add2 !== undefined) cands.push(base + add2);
    // doubled consonant: stopped → stop, bigger → big
    if (base.length >= 3 && base[base.length - 1] === base[base.length - 2]) cands.push(base.slice(0, -1));
  }
}
