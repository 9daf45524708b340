// The raw-row prefilter of a search (analysis/prefilter.ts) may skip only rows the matcher would
// reject. Documents are built from the query's words written every way folding accepts —
// Traditional and Simplified, compatibility ideographs, Kangxi radicals, full-width and
// mathematical letters, ligatures, zero-width characters inside words, any case — found by
// folding every code point with the real foldText, plus unrelated text. For each query, every
// document the matcher accepts passes the prefilter, in JavaScript and in SQL on a real SQLite
// table; and documents without the query's words are skipped, so the filter does filter.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { forgetPrefilterTable, rawPrefilter, readyPrefilter, warmPrefilter } from '../../electron/engine/analysis/prefilter';
import { compileTopics } from '../../electron/engine/analysis/query';
import { foldText } from '../../electron/engine/analysis/normalize';
import { rng } from '../helpers/rng';

const QUERIES = [
  '斷訊', '断讯', '極光電信 AND 客服', '台積電 OR tsmc', '"signal weak"', 'outage', 'OUTAGE*', 'title:退費',
  '一', 'fi', 'iPhone15 爆炸', '(停電 OR 斷電) AND NOT 演習', 'kelvin', '台 北', '3c', '龍',
];

/** For each of `chars`, every code point whose fold (on its own) holds it, other than itself: one pass. */
function spellings(chars: string[]): Map<string, string[]> {
  const out = new Map(chars.map((c) => [c, [] as string[]]));
  for (let x = 0x80; x <= 0x10ffff; x++) {
    if (x >= 0xd800 && x <= 0xdfff) continue;
    const s = String.fromCodePoint(x);
    const f = foldText(s);
    if (f === '') continue;
    for (const [c, list] of out) if (s !== c && f.includes(c)) list.push(s);
  }
  return out;
}


const NOISE = ['今天天氣很好', 'the weather is fine', '，', ' ', '\n', '！', 'Ｑ', '😀', '#話題#', '@user', '演習', '北部', 'art', 'start'];
const INVISIBLE = ['\u200b', '\u00ad', '\u2060', '\ufeff', '\u200d'];

describe('the search prefilter', () => {
  it('is never built on a request: a scan reads without it until the background build is done', async () => {
    forgetPrefilterTable(); // as in a fresh process (other test files in this worker may have built it)
    expect(readyPrefilter('斷訊')).toBeNull(); // this starts the build
    await warmPrefilter();
    const pre = readyPrefilter('斷訊');
    expect(pre).not.toBeNull();
    expect(pre!.test(null, '又斷訊了')).toBe(true);
    expect(pre!.test(null, '今天天氣很好')).toBe(false);
  });

  // Every character of every query, each with the raw characters that fold to it.
  const chars = [...new Set(QUERIES.flatMap((q) => [...foldText(q.replace(/title:|AND|OR|NOT|[()"*]/g, ' ')).replace(/\s/g, '')]))];
  const forms = spellings(chars);

  it('finds the spellings it is tested with (traditional forms, compatibility ideographs, full-width letters)', () => {
    expect(forms.get('讯')).toContain('訊');
    expect(forms.get('一')!.length).toBeGreaterThan(3);
    expect(forms.get('o')).toContain('ｏ');
    expect(forms.get('f')).toContain('ﬁ');
  });

  /** A word of a query written with a random spelling of each character, maybe split by an invisible one. */
  function spell(word: string, r: () => number): string {
    let out = '';
    for (const c of word) {
      const alts = forms.get(foldText(c)) ?? [];
      const pick = r();
      out += pick < 0.4 || alts.length === 0 ? (r() < 0.5 ? c.toUpperCase() : c) : alts[Math.floor(r() * alts.length)]!;
      if (r() < 0.1) out += INVISIBLE[Math.floor(r() * INVISIBLE.length)]!;
    }
    return out;
  }

  function documents(query: string, n: number, seed: number): { title: string | null; text: string }[] {
    const r = rng(seed);
    const words = query.replace(/title:|AND|OR|NOT|[()"*]/g, ' ').split(/\s+/).filter(Boolean);
    const piece = () => (r() < 0.55 ? spell(words[Math.floor(r() * words.length)]!, r) : NOISE[Math.floor(r() * NOISE.length)]!);
    const text = () => Array.from({ length: 1 + Math.floor(r() * 5) }, piece).join(r() < 0.5 ? ' ' : '');
    return Array.from({ length: n }, () => ({ title: r() < 0.3 ? text() : null, text: text() }));
  }

  it('never skips a document the matcher accepts, in JavaScript or in SQL', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE mentions (id INTEGER PRIMARY KEY, title TEXT, text TEXT NOT NULL)');
    let matched = 0;
    let skipped = 0;
    QUERIES.forEach((query, qi) => {
      const matcher = compileTopics([{ id: 1, name: 'q', query }]);
      const pre = rawPrefilter(query);
      expect(pre, query).not.toBeNull();
      const docs = documents(query, 1500, qi + 1);
      db.exec('DELETE FROM mentions');
      const ins = db.prepare('INSERT INTO mentions (id, title, text) VALUES (?, ?, ?)');
      docs.forEach((d, i) => ins.run(i, d.title, d.text));
      const inSql = pre!.sql
        ? new Set(db.prepare(`SELECT id FROM mentions m WHERE ${pre!.sql.sql.join(' AND ')}`).pluck().all(...pre!.sql.args) as number[])
        : null;
      docs.forEach((d, i) => {
        const match = matcher.match({ text: d.title ? `${d.title}\n${d.text}` : d.text, title: d.title }).length > 0;
        const passes = pre!.test(d.title, d.text);
        if (match) {
          matched++;
          expect(passes, `${query} skipped ${JSON.stringify(d)}`).toBe(true);
          if (inSql) expect(inSql.has(i), `${query} skipped in SQL ${JSON.stringify(d)}`).toBe(true);
        } else if (!passes) skipped++;
      });
    });
    // The documents exercise both sides: many matches, and many rows the filter spares the matcher.
    expect(matched).toBeGreaterThan(3000);
    expect(skipped).toBeGreaterThan(3000);
  });

  it('skips rows without the words, passes rows with any spelling of them', () => {
    const pre = rawPrefilter('斷訊 OR outage')!;
    expect(pre.test(null, '今天天氣很好')).toBe(false);
    expect(pre.test('停電', 'the weather is fine')).toBe(false);
    expect(pre.test(null, '又断讯了')).toBe(true);
    expect(pre.test('OUTAGE', '')).toBe(true);
    expect(pre.test(null, 'ｏｕｔａｇｅ')).toBe(true); // full width: folds to "outage"
    expect(pre.test(null, 'out\u200bage')).toBe(true); // a zero-width space inside the word
    // A Chinese word alone is tested in SQL too; an OR with an English word is not (JavaScript only).
    expect(rawPrefilter('斷訊')!.sql).not.toBeNull();
    expect(pre.sql).toBeNull();
    // Nothing to test on the text: authors, sources, hashtags, NOT.
    expect(rawPrefilter('@小明')).toBeNull();
    expect(rawPrefilter('NOT 斷訊')).toBeNull();
    expect(rawPrefilter('#颱風')).toBeNull();
  });
});
