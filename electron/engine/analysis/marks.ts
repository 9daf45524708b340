// Where a topic's words sit in a mention, for marking them in a preview: the same folding as
// matching (width, case, Traditional → Simplified), done character by character so that every
// hit maps back to the characters as written — a query typed in 繁體 marks 台积电 in a 简体 post.
import { toSimplified } from './normalize';

/** [start, end) offsets (UTF-16) in `text` of every occurrence of each term, after folding. */
export function markTerms(text: string, terms: readonly string[]): [number, number][] {
  let folded = '';
  /** The offset in `text` where each folded character came from. */
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = toSimplified(ch.normalize('NFKC').toLowerCase().replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, ''));
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(text.length);
  const out: [number, number][] = [];
  for (const term of new Set(terms)) {
    const t = toSimplified(term.normalize('NFKC').toLowerCase()).trim();
    if (!t) continue;
    for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + t.length)) {
      const end = from[at + t.length]!;
      // The end maps to the first character after the hit (past a surrogate pair or an expansion).
      out.push([from[at]!, end > from[at]! ? end : from[at]! + 1]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}
