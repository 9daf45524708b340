import { describe, expect, it } from 'vitest';
import {
  compileTopics,
  compileTopicsWithErrors,
  describeQuery,
  parseQuery,
  QueryError,
  type MatchDoc,
} from '../../electron/engine/analysis/query';

/** Does `query` match `doc`? One topic, compiled the way the pipeline compiles all of them. */
function hits(query: string, doc: MatchDoc | string): boolean {
  const matcher = compileTopics([{ id: 1, name: 't', query }]);
  expect(matcher.topicCount).toBe(1);
  return matcher.match(typeof doc === 'string' ? { text: doc } : doc).length === 1;
}

function errorOf(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('topic queries match across scripts and widths', () => {
  it('a topic on 台積電 finds a Simplified post about 台积电', () => {
    expect(hits('"台積電" OR TSMC', '网友热议台积电扩产')).toBe(true);
    expect(hits('台积电', '台積電今日股價')).toBe(true);
  });

  it('full-width ＴＳＭＣ matches TSMC, and the other way round', () => {
    expect(hits('TSMC', 'ＴＳＭＣ　今日開盤')).toBe(true);
    expect(hits('ＴＳＭＣ', 'tsmc shares rose')).toBe(true);
  });

  it('NOT 徵才 excludes job ads', () => {
    const q = '"台積電" OR TSMC AND NOT 徵才';
    expect(hits(q, 'TSMC 擴大徵才 月薪六萬')).toBe(false);
    expect(hits(q, 'TSMC 宣布擴廠')).toBe(true);
    // NOT binds tighter than AND, AND tighter than OR: the quoted term alone still matches.
    expect(hits(q, '台積電 徵才')).toBe(true);
  });

  it('-term is NOT, and parentheses group', () => {
    const q = '(極光電信 OR "Aurora Mobile") -極光攝影';
    expect(hits(q, 'Aurora Mobile 斷線')).toBe(true);
    expect(hits(q, '极光电信 客服')).toBe(true);
    expect(hits(q, '極光電信 贊助 極光攝影 展覽')).toBe(false);
    expect(hits(q, 'aurora borealis photos')).toBe(false);
  });

  it('adjacent terms are ANDed', () => {
    expect(hits('極光 斷線', '極光電信今晚全台斷線')).toBe(true);
    expect(hits('極光 斷線', '極光電信今晚正常')).toBe(false);
  });

  it('art does not match start; art* matches artist; CJK needs no boundaries', () => {
    expect(hits('art', 'start the engine')).toBe(false);
    expect(hits('art', 'modern art, again')).toBe(true);
    expect(hits('art*', 'the artist said')).toBe(true);
    expect(hits('art*', 'start the engine')).toBe(false);
    expect(hits('TSMC', '台積電TSMC股價')).toBe(true);
    expect(hits('TSMC', "TSMC's plant")).toBe(true);
    expect(hits('"iPhone 15"', 'the iphone 150 is fake')).toBe(false);
  });

  it('keywords are case-insensitive and terms are case-folded', () => {
    expect(hits('tsmc or intel and not rumor', 'INTEL news')).toBe(true);
    expect(hits('tsmc or intel and not rumor', 'Intel rumor')).toBe(false);
  });
});

describe('fields', () => {
  it('#hashtag matches Weibo #话题# and plain #tags, not the bare word', () => {
    expect(hits('#台積電', '今天 #台积电# 又上热搜')).toBe(true);
    expect(hits('#AuroraMobile lang:en', { text: 'outage again #auroramobile', lang: 'en' })).toBe(true);
    expect(hits('#AuroraMobile lang:en', { text: 'outage again #auroramobile', lang: 'zh-Hant' })).toBe(false);
    expect(hits('#AuroraMobile', 'AuroraMobile outage')).toBe(false);
    expect(hits('#AuroraMobile', { text: 'outage', tags: ['AuroraMobile'] })).toBe(true);
  });

  it('@author matches the author exactly (folded), with or without a leading @', () => {
    expect(hits('@AuroraCare', { text: 'x', author: '@auroracare' })).toBe(true);
    expect(hits('@AuroraCare', { text: 'x', author: 'AuroraCareBot' })).toBe(false);
    expect(hits('@"林 小姐"', { text: 'x', author: '林 小姐' })).toBe(true);
  });

  it('lang:zh is either Chinese', () => {
    expect(hits('lang:zh', { text: 'x', lang: 'zh-Hans' })).toBe(true);
    expect(hits('lang:zh', { text: 'x', lang: 'zh-Hant' })).toBe(true);
    expect(hits('lang:zh', { text: 'x', lang: 'en' })).toBe(false);
    expect(hits('LANG:ZH-HANT', { text: 'x', lang: 'zh-Hant' })).toBe(true);
  });

  it('source:name and source:"name with spaces"', () => {
    expect(hits('source:PTT', { text: 'x', source: 'ptt' })).toBe(true);
    expect(hits('source:"PTT 八卦板" 台積電', { text: '台積電', source: 'PTT 八卦板' })).toBe(true);
    expect(hits('source:"PTT 八卦板"', { text: 'x', source: 'PTT' })).toBe(false);
  });

  it('title: looks in the title only; text terms look in both', () => {
    const doc = { title: '極光電信公告', text: '今晚維修' };
    expect(hits('title:公告', doc)).toBe(true);
    expect(hits('title:維修', doc)).toBe(false);
    expect(hits('公告 維修', doc)).toBe(true);
    expect(hits('title:"極光電信"', { title: '极光电信', text: '' })).toBe(true);
  });
});

describe('a bad query points at the position of the problem', () => {
  it.each([
    ['TSMC AND', 'expected a term after "AND" at position 8', 8],
    ['TSMC AND OR intel', 'expected a term after "AND" at position 9', 9],
    ['a (b OR c', 'unclosed "(" opened at position 2', 2],
    ['abc "unterminated', 'unclosed quote at position 4', 4],
    ['a OR b)', 'unexpected ")" at position 6', 6],
    ['OR b', '"OR" needs a term before it at position 0', 0],
    ['lang:fr', 'unknown language "fr" (use zh-Hant, zh-Hans, zh, en or other) at position 5', 5],
    ['source: x', 'expected a value after "source:" at position 7', 7],
    ['NOT', 'expected a term after "NOT" at position 3', 3],
    ['a ()', 'empty parentheses at position 2', 2],
    ['   ', 'the query is empty at position 0', 0],
  ])('%s', (query, message, position) => {
    const e = errorOf(query);
    expect(e.message).toBe(message);
    expect(e.position).toBe(position);
  });

  it('topics that do not parse are skipped and reported, the rest still match', () => {
    const { matcher, errors } = compileTopicsWithErrors([
      { id: 1, name: 'ok', query: 'TSMC' },
      { id: 2, name: 'bad', query: '(TSMC' },
    ]);
    expect(matcher.topicCount).toBe(1);
    expect(errors.map((e) => [e.topicId, e.error.position])).toEqual([[2, 0]]);
    expect(matcher.match({ text: 'TSMC' })).toEqual([1]);
  });
});

describe('describeQuery', () => {
  it('shows the grouping precedence gives, and parses back to the same AST', () => {
    for (const [q, canonical] of [
      ['"台積電" OR TSMC AND NOT 徵才', '台積電 OR (TSMC AND NOT 徵才)'],
      ['(極光電信 OR "Aurora Mobile") -極光攝影', '(極光電信 OR "Aurora Mobile") AND NOT 極光攝影'],
      ['#AuroraMobile lang:en', '#AuroraMobile AND lang:en'],
      ['source:"PTT 八卦板" title:art* @bob', 'source:"PTT 八卦板" AND title:art* AND @bob'],
      ['NOT (a OR b)', 'NOT (a OR b)'],
    ] as const) {
      const ast = parseQuery(q);
      expect(describeQuery(ast).replace(/"台積電"/, '台積電')).toBe(canonical);
      expect(parseQuery(describeQuery(ast))).toEqual(ast);
    }
  });
});

describe('matching many topics in one pass', () => {
  it('matchDetailed gives the query terms that hit, for highlighting, not the excluded ones', () => {
    const matcher = compileTopics([
      { id: 1, name: 'tsmc', query: '"台積電" OR TSMC AND NOT 徵才' },
      { id: 2, name: 'aurora', query: '極光電信 -徵才' },
      { id: 3, name: 'jobs', query: '徵才' },
    ]);
    expect(matcher.matchDetailed({ text: '台积电与tsmc今日股价' })).toEqual({
      topicIds: [1],
      terms: ['台積電', 'TSMC'],
    });
    expect(matcher.matchDetailed({ text: '極光電信 徵才' })).toEqual({ topicIds: [3], terms: ['徵才'] });
  });

  it('with 100 topics of five terms each, every mention finds its own topic and a NOT term still vetoes it', () => {
    // The speed of this one pass is measured by `npm run bench` (tests/bench/analysis.ts).
    const words = [
      '台積電', '極光電信', '斷線', '客服', '漲價', '停電', '颱風', '地震', '罷工', '裁員', '股價', '財報',
      'outage', 'refund', 'strike', 'layoff', 'tariff', 'earnings', 'recall', 'lawsuit', 'phone', 'network',
    ];
    const topics = Array.from({ length: 100 }, (_, t) => {
      const terms = Array.from({ length: 5 }, (_, k) => `${words[(t + k) % words.length]}${t}${k}`);
      return {
        id: t + 1,
        name: `topic ${t}`,
        query: `(${terms.slice(0, 3).join(' OR ')} OR "${terms[3]} ${words[t % words.length]}") AND NOT ${terms[4]}*`,
      };
    });
    const matcher = compileTopics(topics);
    expect(matcher.topicCount).toBe(100);
    const base = '極光電信今晚全台斷線，客服電話打不通。Aurora Mobile outage hits thousands; refund demanded.';
    // Three mentions per topic, one for each of its first three terms.
    for (let i = 0; i < 300; i++) {
      const t = i % 100;
      const vetoed = i % 7 === 0;
      const veto = vetoed ? ` ${words[(t + 4) % words.length]}${t}4x` : '';
      const own = `${words[(t + (i % 3)) % words.length]}${t}${i % 3}${veto}`;
      expect(matcher.match({ text: `${own} ${base}`, lang: 'zh-Hant' }), own).toEqual(vetoed ? [] : [t + 1]);
    }
  });
});
