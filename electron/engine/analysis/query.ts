// The topic matcher: every topic's query run over a mention in one pass. The language itself
// (grammar, parser, errors) is query-syntax.ts; its names are exported here too.
//
// Matching works on folded text (see normalize.ts), so CJK needs no segmentation and 台積電
// finds 台积电. A term is a substring match; where a term begins or ends with a Latin letter
// or digit that end must sit on a word boundary ("art" does not match "start"); `term*`
// lifts the boundary at the end. Text terms look in title + text, `title:` in the title only.
//
// compileTopics builds one Aho–Corasick automaton over the distinct folded terms of all
// topics. Per mention, title and text are folded once and scanned once; each topic's AST,
// compiled to closures, then reads the set of terms found.

import { foldText, hashtagsOfFolded } from './normalize';
import { foldValue, parseQuery, QueryError, type QueryAst } from './query-syntax';

export { describeQuery, parseQuery, QueryError, type LangFilter, type QueryAst } from './query-syntax';

// ---------------------------------------------------------------------------------------
// Multi-pattern scanning

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[a-z0-9_]/i.test(String.fromCharCode(c)) ? 1 : 0;
const NON_CJK_WORD = /[\p{L}\p{M}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Letters and digits of alphabetic scripts: the ones that need word boundaries. CJK does not. */
function isWordCode(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  if (code >= 0x3400 && code <= 0x9fff) return false; // fast path for the common CJK range
  const ch = String.fromCharCode(code);
  return NON_CJK_WORD.test(ch) && !CJK.test(ch);
}

// Per pattern, per document: where and how it was found.
const IN_TEXT_EXACT = 1;
const IN_TEXT_PREFIX = 2; // boundary at the start only (for `term*`)
const IN_TITLE_EXACT = 4;
const IN_TITLE_PREFIX = 8;

/** Aho–Corasick over UTF-16 code units; the root's transitions are a flat table. */
class Automaton {
  private readonly rootNext = new Int32Array(0x10000);
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly needStart: boolean[] = [];
  private readonly needEnd: boolean[] = [];

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = this.next[s]!.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]!.set(c, t);
        }
        s = t;
      }
      this.out[s]!.push(id);
      this.lengths[id] = p.length;
      this.needStart[id] = isWordCode(p.charCodeAt(0));
      this.needEnd[id] = isWordCode(p.charCodeAt(p.length - 1));
    });
    for (const [c, t] of this.next[0]!) this.rootNext[c] = t;
    // Breadth-first: failure links and the outputs inherited through them.
    const queue = [...this.next[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, t] of this.next[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const ft = f === 0 ? this.rootNext[c]! : this.next[f]!.get(c)!;
        this.fail[t] = ft === t ? 0 : ft;
        const inherited = this.out[this.fail[t]!]!;
        if (inherited.length) this.out[t] = [...this.out[t]!, ...inherited];
        queue.push(t);
      }
    }
  }

  /** Mark every pattern found in `s` with the given flags (exact, prefix) in `hits`. */
  scan(s: string, hits: Uint8Array, touched: number[], exactFlag: number, prefixFlag: number): void {
    let state = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (state === 0) state = this.rootNext[c]!;
      else {
        let t = this.next[state]!.get(c);
        while (t === undefined && state !== 0) {
          state = this.fail[state]!;
          t = state === 0 ? this.rootNext[c] : this.next[state]!.get(c);
        }
        state = t ?? 0;
      }
      if (state === 0) continue;
      const found = this.out[state]!;
      for (let j = 0; j < found.length; j++) {
        const id = found[j]!;
        const start = i - this.lengths[id]! + 1;
        if (this.needStart[id] && start > 0 && isWordCode(s.charCodeAt(start - 1))) continue;
        let flags = prefixFlag;
        if (!this.needEnd[id] || i + 1 >= s.length || !isWordCode(s.charCodeAt(i + 1))) flags |= exactFlag;
        if (hits[id] === 0) touched.push(id);
        hits[id]! |= flags;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Compiled topics

export interface MatchDoc {
  text: string;
  /** `text` through foldText, when the caller has it already (the pipeline does), so it is not folded twice. */
  foldedText?: string;
  title?: string | null;
  author?: string | null;
  lang?: string | null;
  source?: string | null;
  /** Hashtags known from the source itself (Mastodon tags, feed categories), besides those in the text. */
  tags?: string[];
}

export interface TopicMatcher {
  /** Ids of the topics the document matches, in the order the topics were given. */
  match(doc: MatchDoc): number[];
  /** Matching topics plus the query terms (as typed) that hit, for keyword highlighting. */
  matchDetailed(doc: MatchDoc): { topicIds: number[]; terms: string[] };
  readonly topicCount: number;
}

/** Everything about one document that the compiled queries read. */
interface DocContext {
  hits: Uint8Array;
  lang: string | null;
  author: string | null;
  source: string | null;
  tags: () => Set<string>;
}

type Predicate = (doc: DocContext) => boolean;

interface CompiledTopic {
  id: number;
  test: Predicate;
  /** Terms outside any NOT: [pattern id, flag mask, text as typed]. */
  positives: { pattern: number; mask: number; typed: string }[];
}

const NO_DOC: MatchDoc = { text: '' };

const hasMark = (s: string): boolean => s.includes('#') || s.includes('＃');

function startsWithOrEquals(value: string, wanted: string, prefix: boolean): boolean {
  return prefix ? value.startsWith(wanted) : value === wanted;
}

/** Compile topics once; topics whose query does not parse are left out and reported. */
export function compileTopicsWithErrors(topics: readonly { id: number; name: string; query: string }[]): {
  matcher: TopicMatcher;
  errors: { topicId: number; error: QueryError }[];
} {
  const errors: { topicId: number; error: QueryError }[] = [];
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  let usesHashtags = false;
  let usesAuthor = false;
  let usesSource = false;

  const patternOf = (folded: string): number => {
    let id = patternIds.get(folded);
    if (id === undefined) {
      id = patterns.length;
      patterns.push(folded);
      patternIds.set(folded, id);
    }
    return id;
  };

  const compileNode = (node: QueryAst, negated: boolean, positives: CompiledTopic['positives']): Predicate => {
    switch (node.kind) {
      // Plain loops: some/every would make a closure per mention and per node.
      case 'or': {
        const parts = node.items.map((x) => compileNode(x, negated, positives));
        return (d) => {
          for (let i = 0; i < parts.length; i++) if (parts[i]!(d)) return true;
          return false;
        };
      }
      case 'and': {
        const parts = node.items.map((x) => compileNode(x, negated, positives));
        return (d) => {
          for (let i = 0; i < parts.length; i++) if (!parts[i]!(d)) return false;
          return true;
        };
      }
      case 'not': {
        const inner = compileNode(node.item, !negated, positives);
        return (d) => !inner(d);
      }
      case 'term': {
        const pattern = patternOf(foldValue(node));
        // A hit in the title also sets the text flags (text terms look in title + text).
        const inTitle = node.field === 'title';
        const mask = node.prefix ? (inTitle ? IN_TITLE_PREFIX : IN_TEXT_PREFIX) : inTitle ? IN_TITLE_EXACT : IN_TEXT_EXACT;
        if (!negated) positives.push({ pattern, mask, typed: node.text });
        return (d) => (d.hits[pattern]! & mask) !== 0;
      }
      case 'hashtag': {
        usesHashtags = true;
        const tag = foldValue(node);
        if (!node.prefix) return (d) => d.tags().has(tag);
        return (d) => {
          for (const t of d.tags()) if (t.startsWith(tag)) return true;
          return false;
        };
      }
      case 'author': {
        usesAuthor = true;
        const name = foldValue(node).replace(/^@/, '');
        return (d) => d.author !== null && startsWithOrEquals(d.author, name, node.prefix);
      }
      case 'source': {
        usesSource = true;
        const name = foldValue(node);
        return (d) => d.source !== null && startsWithOrEquals(d.source, name, node.prefix);
      }
      case 'lang': {
        const lang = node.lang;
        if (lang === 'zh') return (d) => d.lang === 'zh-Hant' || d.lang === 'zh-Hans';
        return (d) => d.lang === lang;
      }
    }
  };

  const compiled: CompiledTopic[] = [];
  for (const topic of topics) {
    let ast: QueryAst;
    try {
      ast = parseQuery(topic.query);
    } catch (e) {
      if (e instanceof QueryError) {
        errors.push({ topicId: topic.id, error: e });
        continue;
      }
      throw e;
    }
    const positives: CompiledTopic['positives'] = [];
    compiled.push({ id: topic.id, test: compileNode(ast, false, positives), positives });
  }

  const automaton = new Automaton(patterns);
  const hits = new Uint8Array(patterns.length);
  const touched: number[] = [];

  // The document being evaluated, for the one context object every query reads (one per
  // matcher, not one per mention; evaluation is synchronous and never nested).
  let doc: MatchDoc = NO_DOC;
  let foldedText: string | null = null;
  let foldedTitle: string | null = null;
  let tags: Set<string> | null = null;
  // A batch comes from one source: its name is folded once, not once per mention.
  let lastSource: string | null = null;
  let lastSourceFolded = '';
  const foldedDocText = (): string => (foldedText ??= doc.foldedText ?? foldText(doc.text));
  const foldedDocTitle = (): string => (foldedTitle ??= foldText(doc.title!));
  const ctx: DocContext = {
    hits,
    lang: null,
    author: null,
    source: null,
    tags: () => {
      if (!tags) {
        tags = new Set(usesHashtags ? docHashtags() : []);
        for (const t of doc.tags ?? []) tags.add(foldText(t).replace(/^#|#$/g, ''));
      }
      return tags;
    },
  };
  /**
   * extractHashtags of title + '\n' + text, from the folds already made: folding works line by
   * line (NFKC, case and the table do not reach across a line break) and turns the break and
   * the spaces around it into one space, so the fold of the pair is the two folds joined by a
   * space (either alone when the other folds to nothing).
   */
  const docHashtags = (): string[] => {
    if (!doc.title) return hasMark(doc.text) ? hashtagsOfFolded(foldedDocText()) : [];
    if (!hasMark(doc.title) && !hasMark(doc.text)) return [];
    const ti = foldedDocTitle();
    const te = foldedDocText();
    return hashtagsOfFolded(ti && te ? `${ti} ${te}` : ti || te);
  };

  const evaluate = (d: MatchDoc, out: CompiledTopic[]): CompiledTopic[] => {
    for (const id of touched) hits[id] = 0;
    touched.length = 0;
    doc = d;
    foldedText = null;
    foldedTitle = null;
    tags = null;
    if (patterns.length) {
      automaton.scan(foldedDocText(), hits, touched, IN_TEXT_EXACT, IN_TEXT_PREFIX);
      if (d.title) automaton.scan(foldedDocTitle(), hits, touched, IN_TITLE_EXACT | IN_TEXT_EXACT, IN_TITLE_PREFIX | IN_TEXT_PREFIX);
    }
    ctx.lang = d.lang ?? null;
    // Author and source are folded only when some query asks for them.
    ctx.author = usesAuthor && d.author ? foldText(d.author).replace(/^@/, '') : null;
    if (usesSource && d.source) {
      if (d.source !== lastSource) {
        lastSource = d.source;
        lastSourceFolded = foldText(d.source);
      }
      ctx.source = lastSourceFolded;
    } else ctx.source = null;
    for (let i = 0; i < compiled.length; i++) if (compiled[i]!.test(ctx)) out.push(compiled[i]!);
    // Let go of the document: the matcher outlives it.
    doc = NO_DOC;
    return out;
  };

  const matcher: TopicMatcher = {
    topicCount: compiled.length,
    match: (d) => {
      const ids: number[] = [];
      for (const t of evaluate(d, [])) ids.push(t.id);
      return ids;
    },
    matchDetailed: (d) => {
      const matched = evaluate(d, []);
      const terms = new Set<string>();
      for (const t of matched) for (const p of t.positives) if ((hits[p.pattern]! & p.mask) !== 0) terms.add(p.typed);
      return { topicIds: matched.map((t) => t.id), terms: [...terms] };
    },
  };
  return { matcher, errors };
}

/** Compile topics once; topics whose query does not parse are skipped (see compileTopicsWithErrors). */
export function compileTopics(topics: readonly { id: number; name: string; query: string }[]): TopicMatcher {
  return compileTopicsWithErrors(topics).matcher;
}
