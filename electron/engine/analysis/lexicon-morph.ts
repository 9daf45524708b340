// English morphology fallback for the lexicon scan: a word not in the lexicon is tried as
// a plural, past, -ing, -ly, comparative, elongated ("sooo") or un-/dis- form of one that is.
// Results are cached per word (the cache is cleared when it grows past 50,000 words).

import type { Entry, Lexicon } from './lexicon';

const morphCache = new Map<string, Entry | null>();

export function morph(lex: Lexicon, w: string): Entry | undefined {
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
    if (e) return e.kind === 'word' ? { ...e, s: Math.max(-1, Math.min(1, e.s * 1.2)) } : e;
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
