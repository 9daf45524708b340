// Sentiment lexicons: loads the hand-written data files in resources/lexicons/ once, folds
// Chinese entries Traditional → Simplified with a per-character table, and precompiles them
// into lookup structures the scorer walks in one pass (no regex per entry):
//   - `byChar`: entries keyed by their first code point (Chinese words, emoji, emoticons),
//     each list sorted longest first so the scanner takes the longest match;
//   - `words` / `phrases`: English single words and multi-word phrases keyed by first word.
//
// File formats (UTF-8, `#` comments, tab-separated):
//   *-words.tsv      term  score[-1..1]  [emotions e.g. anger:0.8,disgust:0.4]
//   *-modifiers.tsv  term  kind  [value]  [own score]  [emotions]
// kinds: neg (negator), int (degree multiplier, <1 softens), adv (word that is an intensifier
// before another sentiment word, else its own score), but (later clause weighs more),
// though (its own clause weighs less), sarc (sarcasm marker: flips nearby praise), stop
// (consumes the text, carries no sentiment: blocks wrong matches like 好像, 是不是).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMOTIONS } from '../../../shared/types';
import type { Emotion, Emotions } from '../../../shared/types';

import { resourcePath } from '../paths';
import { toSimplified } from './normalize';

export const LEXICON_DIR = resourcePath('lexicons');

export type EntryKind = 'word' | 'neg' | 'int' | 'adv' | 'but' | 'though' | 'sarc' | 'stop';

export interface Entry {
  w: string;
  kind: EntryKind;
  /** Sentiment in [-1, 1] (word, adv). */
  s: number;
  /** Multiplier (int, adv) or clause weight (but/though). */
  m: number;
  emo: Emotions | null;
  /** True for Latin-script entries: they must sit on word boundaries. */
  latin: boolean;
}

export interface Lexicon {
  byChar: Map<number, Entry[]>;
  words: Map<string, Entry>;
  phrases: Map<string, Entry[]>;
  size: number;
}

/** Traditional → Simplified, one character at a time: the same fold as matching uses. */
export const foldHans = toSimplified;

const EMOTION_SET = new Set<string>(EMOTIONS);

function parseEmotions(field: string | undefined, where: string): Emotions | null {
  if (!field) return null;
  const emo: Emotions = {};
  for (const part of field.split(',')) {
    const [name, val] = part.split(':');
    if (!name || !EMOTION_SET.has(name)) throw new Error(`${where}: unknown emotion "${part}"`);
    const v = val === undefined ? 0.6 : Number(val);
    if (!(v >= 0 && v <= 1)) throw new Error(`${where}: emotion strength out of [0,1]: "${part}"`);
    emo[name as Emotion] = v;
  }
  return emo;
}

/** Multiplier when the file gives none; for negators it is the scope (units: 1 per CJK character, 2 per word). */
const DEFAULT_M: Record<EntryKind, number> = { word: 1, neg: 4, int: 1.5, adv: 1.5, but: 1.6, though: 0.5, sarc: 1, stop: 1 };

const KINDS = new Set<EntryKind>(['word', 'neg', 'int', 'adv', 'but', 'though', 'sarc', 'stop']);
const LATIN_EDGE = /^[a-z0-9_']/;

function normTerm(term: string): string {
  return foldHans(term.normalize('NFKC').replace(/\ufe0f/g, '').toLowerCase().replace(/\s+/g, ' ').trim());
}

function readTsv(file: string): { cols: string[]; line: number }[] {
  const rows: { cols: string[]; line: number }[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    rows.push({ cols: line.split('\t'), line: i + 1 });
  }
  return rows;
}

function buildLexicon(dir: string): Lexicon {
  const all = new Map<string, Entry>();
  // Word lists first, modifiers last: a term listed as a negator or adverb is one.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort((a, b) => Number(a.includes('-modifiers')) - Number(b.includes('-modifiers')) || a.localeCompare(b));
  for (const f of files) {
    const isMod = f.includes('-modifiers');
    const isWords = f.includes('-words');
    if (!isMod && !isWords) continue;
    for (const { cols, line } of readTsv(join(dir, f))) {
      const where = `${f}:${line}`;
      const w = normTerm(cols[0] ?? '');
      if (!w) continue;
      let e: Entry;
      if (isWords) {
        const s = Number(cols[1]);
        if (!Number.isFinite(s) || s < -1 || s > 1) throw new Error(`${where}: score must be in [-1,1]`);
        e = { w, kind: 'word', s, m: 1, emo: parseEmotions(cols[2]?.trim(), where), latin: false };
      } else {
        const kind = cols[1]?.trim() as EntryKind;
        if (!KINDS.has(kind)) throw new Error(`${where}: unknown kind "${cols[1]}"`);
        const v = cols[2] === undefined || cols[2].trim() === '' ? NaN : Number(cols[2]);
        e = {
          w,
          kind,
          s: cols[3] !== undefined && Number.isFinite(Number(cols[3])) && cols[3].trim() !== '' ? Number(cols[3]) : 0,
          m: Number.isFinite(v) ? v : DEFAULT_M[kind],
          emo: parseEmotions(cols[4]?.trim(), where),
          latin: false,
        };
      }
      e.latin = LATIN_EDGE.test(w) && LATIN_EDGE.test(w[w.length - 1]!);
      // An English negator reaches three words (2 units each) unless the file says otherwise.
      if (e.latin && e.kind === 'neg' && (cols[2] ?? '').trim() === '') e.m = 6;
      all.set(w, e);
    }
  }
  dropComposable(all);
  inheritEmotions(all);
  const byChar = new Map<number, Entry[]>();
  const words = new Map<string, Entry>();
  const phrases = new Map<string, Entry[]>();
  for (const e of all.values()) {
    if (/^[a-z0-9_']+$/.test(e.w)) {
      words.set(e.w, e);
    } else if (/^[a-z0-9_']/.test(e.w) && e.w.includes(' ') && /^[a-z0-9_' -]+$/.test(e.w)) {
      const first = e.w.slice(0, e.w.indexOf(' '));
      (phrases.get(first) ?? phrases.set(first, []).get(first)!).push(e);
    } else {
      const cp = e.w.codePointAt(0)!;
      (byChar.get(cp) ?? byChar.set(cp, []).get(cp)!).push(e);
    }
  }
  for (const list of byChar.values()) list.sort((a, b) => b.w.length - a.w.length);
  for (const list of phrases.values()) list.sort((a, b) => b.w.length - a.w.length);
  return { byChar, words, phrases, size: all.size };
}

/**
 * 非常好吃 = 非常 + 好吃: a listed compound of a degree adverb and a word of the same sign
 * would freeze one strength and swallow the adverb's effect, so the rules compose it instead.
 */
function dropComposable(all: Map<string, Entry>): void {
  for (const e of [...all.values()]) {
    if (e.kind !== 'word' || e.latin || e.w.length < 3) continue;
    for (let k = 1; k <= 3 && k < e.w.length - 1; k++) {
      const head = all.get(e.w.slice(0, k));
      const rest = all.get(e.w.slice(k));
      if (head?.kind === 'int' && head.m > 1 && rest?.kind === 'word' && Math.sign(rest.s) === Math.sign(e.s) && rest.s !== 0) {
        all.delete(e.w);
        break;
      }
    }
  }
}

/**
 * A compound without emotions of its own (好难过, 气死我了, so sad) takes those of the
 * longest emotion-bearing word inside it, so emotions need tagging once, on the head word.
 */
function inheritEmotions(all: Map<string, Entry>): void {
  // The tagged words by text, each with its place in the files (among words of one length,
  // the one listed first wins). A compound is looked up by its own substrings, longest first,
  // rather than tested against every tagged word: start-up stays a few milliseconds.
  const tagged = new Map<string, { e: Entry; order: number }>();
  let order = 0;
  for (const e of all.values()) if (e.emo && e.kind === 'word' && e.w.length >= 2) tagged.set(e.w, { e, order: order++ });
  for (const e of all.values()) {
    if (e.emo || e.kind !== 'word' || e.s === 0 || e.w.length < 3) continue;
    for (let len = e.w.length - 1; len >= 2; len--) {
      let best: { e: Entry; order: number } | undefined;
      for (let i = 0; i + len <= e.w.length; i++) {
        const t = tagged.get(e.w.slice(i, i + len));
        if (!t || (best && best.order <= t.order) || Math.sign(t.e.s) !== Math.sign(e.s)) continue;
        if (e.latin && !new RegExp(`\\b${t.e.w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(e.w)) continue;
        best = t;
      }
      if (best) {
        e.emo = best.e.emo;
        break;
      }
    }
  }
}

let cached: Lexicon | null = null;

/** The lexicon, loaded and compiled on first use. */
export function loadLexicon(): Lexicon {
  cached ??= buildLexicon(LEXICON_DIR);
  return cached;
}
