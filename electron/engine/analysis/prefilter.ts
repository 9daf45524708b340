// A cheap test on a stored mention's raw title and text that every match of a query passes,
// so a scan over millions of mentions folds and matches only the rows that can match
// (the count behind Explore's search, a topic's preview, re-tagging). Folding (normalize.ts)
// is most of a scan's time; most rows hold none of a query's characters.
//
// It must never reject a row the matcher would accept. Folding is NFKC, lower case, the T → S
// table, invisible characters dropped and whitespace collapsed; none of it makes a Han
// character or an ASCII letter out of nothing, so the characters a folded text holds come from
// raw characters whose own fold holds them. A table of those raw characters for every
// character is made by folding each of the 1.1 M code points once (~0.2 s, in the background
// from the first search on, a step per turn; searches before it is ready read without it):
// - a Han character of a term: the row holds that character, or any other that folds to it
//   (its Traditional forms, compatibility ideographs, Kangxi radicals, enclosed ideographs);
// - an ASCII word of a term (a run of letters and digits): the row holds it in any case, or
//   holds some character that is not ASCII and folds to ASCII letters or digits (full width
//   letters, ligatures, mathematical letters, the Kelvin sign) or that folding drops
//   (zero-width spaces), either of which could make the word out of other characters.
// Hashtags (a source's own tags), authors, sources, languages and anything under NOT give no
// condition; AND needs one of its parts', OR all of its parts'.
import { foldValue, parseQuery, type QueryAst } from './query-syntax';
import { isInvisible, loadT2STable } from './normalize';

/** The raw fields of a stored mention the matcher reads its text from. */
export type RawTest = (title: string | null, text: string) => boolean;

interface Sources {
  /** Han code unit (BMP) → the other code points whose fold contains it. */
  han: Map<number, number[]>;
  /** Non-ASCII code units whose fold holds an ASCII letter or digit, or that folding drops. */
  asciiMakers: Uint8Array;
  /** The same above the BMP (mathematical and enclosed letters). */
  astralAsciiMakers: Set<number>;
}

let sources: Sources | null = null;

const isHan = (u: number): boolean => (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff);
const isAsciiWord = (u: number): boolean => (u >= 0x30 && u <= 0x39) || (u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a);

const LAST_CODE_POINT = 0x10ffff;

/** An empty table, filled by `foldRange` over every code point from 0x80. */
function emptySources(): Sources {
  return { han: new Map(), asciiMakers: new Uint8Array(0x10000), astralAsciiMakers: new Set() };
}

/** Code points [from, to] folded on their own: which raw characters can put a given character into a fold. */
function foldRange(s: Sources, from: number, to: number): void {
  const t2s = loadT2STable();
  for (let x = from; x <= to; x++) {
    if (x >= 0xd800 && x <= 0xdfff) continue;
    const folded = String.fromCodePoint(x).normalize('NFKC').toLowerCase();
    let makesAscii = isInvisible(x); // folding drops it
    for (let i = 0; i < folded.length; i++) {
      let u = folded.charCodeAt(i);
      if (u < 0x80) {
        if (isAsciiWord(u)) makesAscii = true;
        continue;
      }
      if (t2s[u]) u = t2s[u]!;
      if (isHan(u) && u !== x) {
        const list = s.han.get(u);
        if (!list) s.han.set(u, [x]);
        else if (list.at(-1) !== x) list.push(x);
      }
    }
    if (makesAscii) {
      if (x < 0x10000) s.asciiMakers[x] = 1;
      else s.astralAsciiMakers.add(x);
    }
  }
}

function buildSources(): Sources {
  const s = emptySources();
  foldRange(s, 0x80, LAST_CODE_POINT);
  return s;
}

/** Code points folded per step of the background build (~5 ms each; ~0.2 s in all). */
const BUILD_STEP = 0x8000;
let building: Promise<void> | null = null;

/** Tests only: forget the table, as a fresh process has none. */
export function forgetPrefilterTable(): void {
  sources = null;
  building = null;
}

/**
 * Build the table in the background, a step per turn of the event loop, so no request ever
 * waits the ~0.2 s it takes; resolves when it is ready. Searches before then read without the
 * prefilter (the same answers, slower).
 */
export function warmPrefilter(): Promise<void> {
  if (sources) return Promise.resolve();
  building ??= (async () => {
    const s = emptySources();
    for (let at = 0x80; at <= LAST_CODE_POINT; at += BUILD_STEP) {
      foldRange(s, at, Math.min(LAST_CODE_POINT, at + BUILD_STEP - 1));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    sources ??= s;
  })();
  return building;
}

/** One row's raw fields, with what several conditions read computed once. */
class Row {
  private lower: string | null = null;
  private makers: boolean | null = null;
  constructor(
    readonly title: string | null,
    readonly text: string,
    private readonly s: Sources,
  ) {}

  has(ch: string): boolean {
    return this.text.includes(ch) || (this.title !== null && this.title.includes(ch));
  }

  hasAsciiWord(word: string): boolean {
    this.lower ??= this.title === null ? this.text.toLowerCase() : `${this.title}\n${this.text}`.toLowerCase();
    return this.lower.includes(word) || this.hasAsciiMaker();
  }

  private hasAsciiMaker(): boolean {
    if (this.makers === null) this.makers = this.scanMakers(this.text) || (this.title !== null && this.scanMakers(this.title));
    return this.makers;
  }

  private scanMakers(s: string): boolean {
    const { asciiMakers, astralAsciiMakers } = this.s;
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      if (u < 0x80) continue;
      if (u >= 0xd800 && u <= 0xdbff) {
        const cp = s.codePointAt(i)!;
        if (cp > 0xffff) {
          if (astralAsciiMakers.has(cp)) return true;
          i++;
          continue;
        }
      }
      if (asciiMakers[u]) return true;
    }
    return false;
  }
}

type Cond = (r: Row) => boolean;
/** The SQL half: a condition over the mention `m` that every match passes, Han characters only. */
interface Sql {
  sql: string[];
  args: string[];
}
interface Both {
  js: Cond | null;
  sql: Sql | null;
}

/** The raw characters that can put each of these folded characters into a fold: the character first. */
const formsOf = (u: number, s: Sources): string[] => [String.fromCharCode(u), ...(s.han.get(u) ?? []).map((x) => String.fromCodePoint(x))];

/**
 * The condition a folded term puts on the raw row: each of its Han characters and ASCII words
 * in JavaScript; in SQL, its Han character with the fewest forms (one instr per form and field
 * per row is what SQLite pays, so one character, not all).
 */
function termCond(folded: string, s: Sources): Both {
  const parts: Cond[] = [];
  const seen = new Set<string>();
  let fewest: string[] | null = null;
  for (const word of folded.match(/[a-z0-9]+/g) ?? []) {
    if (seen.has(word)) continue;
    seen.add(word);
    parts.push((r) => r.hasAsciiWord(word));
  }
  for (let i = 0; i < folded.length; i++) {
    const u = folded.charCodeAt(i);
    if (!isHan(u) || seen.has(folded[i]!)) continue;
    seen.add(folded[i]!);
    const forms = formsOf(u, s);
    if (!fewest || forms.length < fewest.length) fewest = forms;
    parts.push(forms.length === 1 ? (r) => r.has(forms[0]!) : (r) => forms.some((c) => r.has(c)));
  }
  const sql = fewest && {
    sql: [`(${fewest.map(() => `instr(m.text, ?) > 0 OR instr(coalesce(m.title, ''), ?) > 0`).join(' OR ')})`],
    args: fewest.flatMap((c) => [c, c]),
  };
  return { js: every(parts), sql };
}

function every(parts: Cond[]): Cond | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return (r) => parts.every((p) => p(r));
}

function joinSql(parts: Sql[], op: 'AND' | 'OR'): Sql {
  if (parts.length === 1) return parts[0]!;
  return { sql: [`(${parts.map((p) => p.sql.join(' AND ')).join(` ${op} `)})`], args: parts.flatMap((p) => p.args) };
}

const NONE: Both = { js: null, sql: null };

function condOf(node: QueryAst, s: Sources): Both {
  switch (node.kind) {
    case 'term':
      return termCond(foldValue(node), s);
    case 'and': {
      const parts = node.items.map((x) => condOf(x, s));
      const sql = parts.flatMap((p) => (p.sql ? [p.sql] : []));
      return { js: every(parts.flatMap((p) => (p.js ? [p.js] : []))), sql: sql.length ? joinSql(sql, 'AND') : null };
    }
    case 'or': {
      const parts = node.items.map((x) => condOf(x, s));
      const js = parts.every((p) => p.js) ? parts.map((p) => p.js!) : null;
      const sql = parts.every((p) => p.sql) ? joinSql(parts.map((p) => p.sql!), 'OR') : null;
      return { js: js && ((r) => js.some((p) => p(r))), sql };
    }
    default:
      // NOT, hashtags (a source's own tags are not in the text), authors, sources, languages.
      return NONE;
  }
}

export interface Prefilter {
  /** On a row's raw title and text: false only for a row the query cannot match. */
  test: RawTest;
  /** The same in SQL over `m` (weaker: Han characters only), when the query has any. */
  sql: Sql | null;
}

function compile(query: string, s: Sources): Prefilter | null {
  let ast: QueryAst;
  try {
    ast = parseQuery(query);
  } catch {
    return null;
  }
  const { js, sql } = condOf(ast, s);
  return js && { test: (title, text) => js(new Row(title, text, s)), sql };
}

/**
 * The raw-row tests for a query, or null when the query puts no condition on the text that
 * can be tested this way (then every row goes to the matcher). Builds the table first if it
 * is not built (~0.2 s, once): for tools and tests; the station's scans use readyPrefilter.
 */
export function rawPrefilter(query: string): Prefilter | null {
  return compile(query, (sources ??= buildSources()));
}

/**
 * rawPrefilter once the table is built; until then null (and the build is started in the
 * background): a scan asks again at each read and takes it up as soon as it is there.
 */
export function readyPrefilter(query: string): Prefilter | null {
  if (!sources) {
    void warmPrefilter();
    return null;
  }
  return compile(query, sources);
}
