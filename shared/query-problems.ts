// A topic query's problem as the engine's parser words it (electron/engine/analysis/query.ts,
// English, "… at position N"), named by a key a screen can say in its own language. A unit test
// runs every parser error through this, so a new message cannot go unnamed.

export type QueryProblem =
  | 'unclosedQuote'
  | 'emptyQuotes'
  | 'valueAfter'
  | 'wildcard'
  | 'unknownLang'
  | 'nothingToMatch'
  | 'empty'
  | 'termAfter'
  | 'termExpected'
  | 'emptyParens'
  | 'unclosedParen'
  | 'unexpectedParen'
  | 'termBefore'
  | 'unexpected';

const PROBLEMS: [RegExp, QueryProblem][] = [
  [/^unclosed quote/, 'unclosedQuote'],
  [/^empty quotes/, 'emptyQuotes'],
  [/^expected a value after "([^"]*)"/, 'valueAfter'],
  [/^a wildcard/, 'wildcard'],
  [/^unknown language "([^"]*)"/, 'unknownLang'],
  [/^nothing to match in "([^"]*)"/, 'nothingToMatch'],
  [/^the query is empty/, 'empty'],
  [/^expected a term after "([^"]*)"/, 'termAfter'],
  [/^expected a term/, 'termExpected'],
  [/^empty parentheses/, 'emptyParens'],
  [/^unclosed "\("/, 'unclosedParen'],
  [/^unexpected "\)"/, 'unexpectedParen'],
  [/^"([^"]*)" needs a term before it/, 'termBefore'],
  [/^unexpected input/, 'unexpected'],
];

/** Which problem an engine message names, and the word it quotes. */
export function queryProblem(message: string): { problem: QueryProblem; word: string } {
  const m = message.replace(/^query:\s*/, '');
  for (const [re, problem] of PROBLEMS) {
    const hit = re.exec(m);
    if (hit) return { problem, word: hit[1] ?? '' };
  }
  return { problem: 'unexpected', word: '' };
}

/** The offset an engine message points at ("… at position 12"), if it says. */
export function problemPosition(message: string): number | null {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

