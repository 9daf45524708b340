// The Traditional → Simplified folding table (normalize.ts): one character to one character,
// derived from opencc-js ('tw' → 'cn') by converting every CJK ideograph on its own, then made
// idempotent (A → B and B → C gives A → C). The derivation runs at build time only
// (scripts/build-t2s.ts writes resources/lexicons/t2s.json); the engine loads the pairs, so
// a station's start does not load OpenCC's dictionaries and convert 27,000 characters.
// A unit test derives the table afresh and checks it equals the shipped one.

/** T → S indexed by UTF-16 code unit; 0 means "unchanged". */
export type T2STable = Uint16Array;

const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4dbf], // Extension A
  [0x4e00, 0x9fff], // Unified Ideographs
];

/** The table from a converter (opencc-js's tw → cn). */
export function deriveT2S(convert: (text: string) => string): T2STable {
  const chars: string[] = [];
  for (const [lo, hi] of CJK_RANGES) for (let c = lo; c <= hi; c++) chars.push(String.fromCharCode(c));
  // One call for all characters: the newline keeps phrase rules from seeing neighbours.
  const converted = convert(chars.join('\n')).split('\n');
  const table = new Uint16Array(0x10000);
  if (converted.length !== chars.length) throw new Error('the converter changed the number of lines');
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i]!;
    const to = converted[i]!;
    if (to !== from && to.length === 1) table[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  // Make folding idempotent: if A → B and B → C, map A → C.
  for (let c = 0; c < table.length; c++) {
    let to = table[c]!;
    for (let hops = 0; to !== 0 && table[to] !== 0 && table[to] !== to && hops < 4; hops++) to = table[to]!;
    if (to === c) to = 0;
    table[c] = to;
  }
  return table;
}

/** The table as a string of pairs (from, to, from, to …), as stored in t2s.json. */
export function packT2S(table: T2STable): string {
  let out = '';
  for (let c = 0; c < table.length; c++) if (table[c]) out += String.fromCharCode(c, table[c]!);
  return out;
}

export function unpackT2S(pairs: string): T2STable {
  if (pairs.length % 2) throw new Error('the T→S pairs are cut short');
  const table = new Uint16Array(0x10000);
  for (let i = 0; i < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return table;
}
