// The topic query language analysts type: its grammar, the syntax tree, the parser (with
// errors that name the position) and the query written back as text. Matching is query.ts.
//
// Grammar (keywords case-insensitive; precedence NOT > AND > OR; adjacent terms are ANDed):
//   query   := or
//   or      := and ("OR" and)*
//   and     := unary (["AND"] unary)*
//   unary   := ("NOT" | "-") unary | "(" or ")" | atom
//   atom    := term | term* | "exact phrase" | #hashtag | @author | @"two words"
//            | lang:zh-Hant|zh-Hans|zh|en|other | source:name | source:"a name"
//            | title:term | title:"a phrase"
// Quotes may be "…", “…” or 「…」; parentheses may be full-width.

import type { Lang } from '../../../shared/types';
import { foldText } from './normalize';

// ---------------------------------------------------------------------------------------
// AST

export type LangFilter = Lang | 'zh';

export type QueryAst =
  | { kind: 'or'; items: QueryAst[] }
  | { kind: 'and'; items: QueryAst[] }
  | { kind: 'not'; item: QueryAst }
  /** `text` is as typed; `phrase` when it was quoted; `prefix` for a trailing `*`. */
  | { kind: 'term'; field: 'any' | 'title'; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'hashtag'; tag: string; prefix: boolean }
  | { kind: 'author'; name: string; prefix: boolean }
  | { kind: 'source'; name: string; prefix: boolean }
  | { kind: 'lang'; lang: LangFilter };

export class QueryError extends Error {
  /** 0-based offset into the query string. */
  readonly position: number;
  /** What is wrong, without the position (for a translated sentence). */
  readonly problem: string;
  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.name = 'QueryError';
    this.position = position;
    this.problem = message;
  }
}

// ---------------------------------------------------------------------------------------
// Tokenizer

export type Atom = Extract<QueryAst, { kind: 'term' | 'hashtag' | 'author' | 'source' | 'lang' }>;

type Token =
  | { type: 'lparen' | 'rparen'; pos: number }
  | { type: 'and' | 'or' | 'not' | 'minus'; pos: number; typed: string }
  | { type: 'atom'; pos: number; atom: Atom };

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」' };
const LANG_VALUES: Record<string, LangFilter> = {
  'zh-hant': 'zh-Hant',
  'zh-hans': 'zh-Hans',
  zh: 'zh',
  en: 'en',
  other: 'other',
};

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}
function isBreak(ch: string): boolean {
  return isSpace(ch) || ch === '(' || ch === ')' || ch === '（' || ch === '）' || ch in QUOTES;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;

  /** A quoted phrase starting at i; returns its content and the offset after it. */
  const readQuoted = (at: number): { value: string; end: number } => {
    const close = QUOTES[q[at]!]!;
    let j = at + 1;
    while (j < q.length && q[j] !== close && !(close !== '"' && q[j] === '"')) j++;
    if (j >= q.length) throw new QueryError('unclosed quote', at);
    const value = q.slice(at + 1, j).trim();
    if (!value) throw new QueryError('empty quotes', at);
    return { value, end: j + 1 };
  };

  while (i < q.length) {
    const ch = q[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === '（') {
      tokens.push({ type: 'lparen', pos: i++ });
      continue;
    }
    if (ch === ')' || ch === '）') {
      tokens.push({ type: 'rparen', pos: i++ });
      continue;
    }
    if (ch === '-' && i + 1 < q.length && !isSpace(q[i + 1]!) && q[i + 1] !== ')' && q[i + 1] !== '）') {
      tokens.push({ type: 'minus', pos: i++, typed: '-' });
      continue;
    }
    if (ch in QUOTES) {
      const { value, end } = readQuoted(i);
      tokens.push({ type: 'atom', pos: i, atom: { kind: 'term', field: 'any', text: value, phrase: true, prefix: false } });
      i = end;
      continue;
    }

    const start = i;
    while (i < q.length && !isBreak(q[i]!)) i++;
    const word = q.slice(start, i);
    const upper = word.toUpperCase();
    if (upper === 'AND' || upper === 'OR' || upper === 'NOT') {
      tokens.push({ type: upper === 'AND' ? 'and' : upper === 'OR' ? 'or' : 'not', pos: start, typed: upper });
      continue;
    }

    // Field prefixes; the value may be quoted (source:"PTT 八卦板", @"John Smith").
    const field = /^(lang|source|title):/i.exec(word)?.[1]?.toLowerCase() ?? (word === '@' ? '@' : null);
    let value: string;
    let quoted = false;
    let valuePos = start;
    if (field) {
      valuePos = start + (field === '@' ? 1 : field.length + 1);
      value = word.slice(valuePos - start);
      if (!value && i < q.length && q[i]! in QUOTES) {
        const r = readQuoted(i);
        value = r.value;
        quoted = true;
        i = r.end;
      }
      if (!value) throw new QueryError(`expected a value after "${word}"`, i);
    } else {
      value = word;
    }

    let prefix = false;
    if (!quoted && value.endsWith('*')) {
      prefix = true;
      value = value.slice(0, -1);
      if (!value || value === '#' || value === '@') {
        throw new QueryError('a wildcard "*" needs at least one character before it', valuePos);
      }
    }

    let atom: Atom;
    if (field === 'lang') {
      const lang = LANG_VALUES[value.toLowerCase()];
      if (!lang || prefix) {
        throw new QueryError(`unknown language "${value}${prefix ? '*' : ''}" (use zh-Hant, zh-Hans, zh, en or other)`, valuePos);
      }
      atom = { kind: 'lang', lang };
    } else if (field === 'source') {
      atom = { kind: 'source', name: value, prefix };
    } else if (field === 'title') {
      atom = { kind: 'term', field: 'title', text: value, phrase: quoted, prefix };
    } else if (field === '@') {
      atom = { kind: 'author', name: value, prefix: false };
    } else if (word.length > 1 && word.startsWith('#')) {
      atom = { kind: 'hashtag', tag: value.slice(1), prefix };
    } else if (word.length > 1 && word.startsWith('@')) {
      atom = { kind: 'author', name: value.slice(1), prefix };
    } else {
      atom = { kind: 'term', field: 'any', text: value, phrase: false, prefix };
    }
    if (!foldValue(atom)) throw new QueryError(`nothing to match in "${word}"`, start);
    tokens.push({ type: 'atom', pos: start, atom });
  }
  return tokens;
}

/** The folded value an atom matches against ('' for lang, which has none to fold). */
export function foldValue(atom: Atom): string {
  switch (atom.kind) {
    case 'term':
      return foldText(atom.text);
    case 'hashtag':
      return foldText(atom.tag).replace(/#$/, ''); // #话题# typed Weibo style
    case 'author':
    case 'source':
      return foldText(atom.name);
    case 'lang':
      return atom.lang;
  }
}

// ---------------------------------------------------------------------------------------
// Parser

/** Parse a topic query; throws QueryError pointing at the offending character. */
export function parseQuery(q: string): QueryAst {
  const tokens = tokenize(q);
  if (tokens.length === 0) throw new QueryError('the query is empty', 0);
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const posHere = (): number => peek()?.pos ?? q.length;
  const startsUnary = (t: Token | undefined): boolean =>
    !!t && (t.type === 'atom' || t.type === 'lparen' || t.type === 'not' || t.type === 'minus');

  const parseOr = (): QueryAst => {
    const items = [parseAnd()];
    for (let t = peek(); t?.type === 'or'; t = peek()) {
      k++;
      if (!startsUnary(peek())) throw new QueryError(`expected a term after "${t.typed}"`, posHere());
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items: items.flatMap((x) => (x.kind === 'or' ? x.items : [x])) };
  };

  const parseAnd = (): QueryAst => {
    const items = [parseUnary()];
    for (;;) {
      const t = peek();
      if (t?.type === 'and') {
        k++;
        if (!startsUnary(peek())) throw new QueryError(`expected a term after "${t.typed}"`, posHere());
      } else if (!startsUnary(t)) break;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items: items.flatMap((x) => (x.kind === 'and' ? x.items : [x])) };
  };

  const parseUnary = (): QueryAst => {
    const t = peek();
    if (!t) throw new QueryError('expected a term', q.length);
    switch (t.type) {
      case 'not':
      case 'minus':
        k++;
        if (!startsUnary(peek())) throw new QueryError(`expected a term after "${t.typed}"`, posHere());
        return { kind: 'not', item: parseUnary() };
      case 'lparen': {
        k++;
        if (peek()?.type === 'rparen') throw new QueryError('empty parentheses', t.pos);
        if (!peek()) throw new QueryError(`unclosed "(" opened`, t.pos);
        const inner = parseOr();
        if (peek()?.type !== 'rparen') throw new QueryError(`unclosed "(" opened`, t.pos);
        k++;
        return inner;
      }
      case 'atom':
        k++;
        return t.atom;
      case 'rparen':
        throw new QueryError('unexpected ")"', t.pos);
      case 'and':
      case 'or':
        throw new QueryError(`"${t.typed}" needs a term before it`, t.pos);
    }
  };

  const ast = parseOr();
  const rest = peek();
  if (rest) throw new QueryError(rest.type === 'rparen' ? 'unexpected ")"' : 'unexpected input', rest.pos);
  return ast;
}

// ---------------------------------------------------------------------------------------
// Canonical text

function quoteIfNeeded(s: string, force: boolean): string {
  const plain =
    !force &&
    !/[\s()（）"“”「」]/.test(s) &&
    !/^[-#@*]/.test(s) &&
    !/^(and|or|not)$/i.test(s) &&
    !/^(lang|source|title):/i.test(s);
  return plain ? s : `"${s.replace(/"/g, '”')}"`;
}

/** Canonical text of a query: upper-case operators, explicit grouping. Parses back to the same AST. */
export function describeQuery(ast: QueryAst): string {
  const wrap = (child: QueryAst, parent: 'or' | 'and' | 'not'): string => {
    const text = describeQuery(child);
    const group = (child.kind === 'or' || child.kind === 'and') && (parent !== 'or' || child.kind === 'and');
    return group ? `(${text})` : text;
  };
  switch (ast.kind) {
    case 'or':
      return ast.items.map((x) => wrap(x, 'or')).join(' OR ');
    case 'and':
      return ast.items.map((x) => wrap(x, 'and')).join(' AND ');
    case 'not':
      return `NOT ${wrap(ast.item, 'not')}`;
    case 'term': {
      const field = ast.field === 'title' ? 'title:' : '';
      if (ast.prefix) return `${field}${ast.text}*`;
      return field + quoteIfNeeded(ast.text, ast.phrase || (!!field && /\s/.test(ast.text)));
    }
    case 'hashtag':
      return `#${ast.tag}${ast.prefix ? '*' : ''}`;
    case 'author':
      return /[\s()"]/.test(ast.name) ? `@"${ast.name}"` : `@${ast.name}${ast.prefix ? '*' : ''}`;
    case 'source':
      return /[\s()"]/.test(ast.name) ? `source:"${ast.name}"` : `source:${ast.name}${ast.prefix ? '*' : ''}`;
    case 'lang':
      return `lang:${ast.lang}`;
  }
}
