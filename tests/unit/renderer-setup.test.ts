// The query editor's colouring (which must give back the query exactly, piece by piece) and a
// preview sample cut into marked and plain runs.
import { describe, expect, it } from 'vitest';
import { highlightQuery, markRuns } from '../../renderer/src/lib/setup';

describe('the query editor', () => {
  const queries = [
    '"極光電信" OR "Aurora Mobile" AND NOT 徵才',
    '(台積電 OR TSMC) lang:zh-Hant -徵才 #半導體 @"John Smith" source:"PTT 八卦板" title:財報*',
    '「青鳥航空」 OR 青鳥（航空）',
    '"unclosed phrase OR (',
  ];

  it('colours every piece and gives the query back exactly', () => {
    for (const q of queries) expect(highlightQuery(q).map((p) => p.text).join('')).toBe(q);
    const kinds = highlightQuery('(台積電 OR TSMC) lang:zh-Hant -徵才 #半導體 @"John Smith"').filter((p) => p.kind !== 'space');
    expect(kinds.map((p) => [p.text, p.kind])).toEqual([
      ['(', 'paren'],
      ['台積電', 'term'],
      ['OR', 'op'],
      ['TSMC', 'term'],
      [')', 'paren'],
      ['lang:zh-Hant', 'field'],
      ['-', 'op'],
      ['徵才', 'term'],
      ['#半導體', 'tag'],
      ['@"John Smith"', 'author'],
    ]);
  });

});

describe('matched words in a sample', () => {
  it('marks the ranges it is given and leaves the rest as plain text', () => {
    expect(markRuns('台积电今天开会，台積電', [[0, 3], [8, 11]])).toEqual([
      { text: '台积电', mark: true },
      { text: '今天开会，', mark: false },
      { text: '台積電', mark: true },
    ]);
    expect(markRuns('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(markRuns('abc', [[1, 99]])).toEqual([
      { text: 'a', mark: false },
      { text: 'bc', mark: true },
    ]);
  });
});
