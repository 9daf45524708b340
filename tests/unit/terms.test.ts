import { describe, expect, it } from 'vitest';
import { countTerms, extractTermForms, extractTerms, trendingTerms } from '../../electron/engine/analysis/terms';

describe('extractTerms', () => {
  it('Chinese text is segmented into words, not characters', () => {
    const terms = extractTerms('極光電信客服電話打不通，斷線三個小時，要求退費賠償', 'zh-Hant');
    expect(terms).toEqual(expect.arrayContaining(['客服', '电话', '断线', '小时', '退费', '赔偿']));
    // No lone characters (打, 三, 個), no particles.
    expect(terms.filter((t) => [...t].length === 1)).toEqual([]);
  });

  it('names the dictionary does not know are kept whole (台|積|電 → 台积电)', () => {
    expect(extractTerms('台積電今天宣布擴大在高雄的投資', 'zh-Hant')).toEqual(['台积电', '宣布', '扩大', '高雄', '投资']);
  });

  it('the same word in Traditional and Simplified is one term; the display keeps what was written', () => {
    expect(extractTerms('斷線 退費', 'zh-Hant')).toEqual(extractTerms('断线 退费', 'zh-Hans'));
    expect(extractTermForms('斷線', 'zh-Hant')).toEqual([{ term: '断线', display: '斷線' }]);
  });

  it('drops stopwords, forum filler, numbers, links and single letters', () => {
    expect(extractTerms('推 XDDD 哈哈哈 這個 真的 2024 100% 三個 https://ptt.cc/bbs/x.html 極光', 'zh-Hant')).toEqual([
      '极光',
    ]);
    expect(extractTerms("The outage isn't over, TSMC's plant: a b c 5G https://t.co/x lol", 'en')).toEqual([
      'outage',
      'tsmc',
      'plant',
      '5g',
    ]);
  });

  it('a few single characters that say something on their own are kept', () => {
    expect(extractTerms('這價格也太貴了吧，好扯', 'zh-Hant')).toEqual(expect.arrayContaining(['价格', '贵', '扯']));
  });

  it('counts a term once per mention, with the most frequent written form as display', () => {
    const counts = countTerms([
      { text: '斷線 斷線 斷線', lang: 'zh-Hant' },
      { text: '又斷線了', lang: 'zh-Hant' },
      { text: '断线', lang: 'zh-Hans' },
    ]);
    expect(counts.find((c) => c.term === '断线')).toEqual({ term: '断线', display: '斷線', count: 3 });
  });
});

describe('trendingTerms', () => {
  it('a word that is always frequent does not trend, a new burst word does', () => {
    // Baseline: a day of 10,000 mentions; current: the last hour, 500 mentions.
    const baseline = new Map([
      ['台积电', 2000],
      ['股价', 600],
      ['客服', 200],
    ]);
    const current = new Map([
      ['台积电', 100], // 20% of mentions, as always
      ['股价', 31], // a little above its usual 6%
      ['断线', 40], // never seen before
      ['客服', 45], // 2% usually, 9% now
    ]);
    const trending = trendingTerms(current, baseline, { currentTotal: 500, baselineTotal: 10_000 });
    expect(trending.map((t) => t.term)).toEqual(['断线', '客服']);
    expect(trending[0]).toMatchObject({ term: '断线', count: 40, baselineCount: 0, change: null });
    expect(trending[1]!.change).toBeCloseTo(45 / 500 / (200 / 10_000) - 1);
  });

  it('new terms rank by count, and a handful of mentions is not a trend', () => {
    const trending = trendingTerms(
      new Map([
        ['停电', 12],
        ['地震', 30],
        ['罢工', 2],
      ]),
      new Map([['台积电', 5000]]),
      { currentTotal: 400, baselineTotal: 20_000 },
    );
    expect(trending.map((t) => t.term)).toEqual(['地震', '停电']);
  });

  it('a small rise in a big term is not significant enough to trend', () => {
    const trending = trendingTerms(new Map([['股价', 26]]), new Map([['股价', 400]]), {
      currentTotal: 500,
      baselineTotal: 10_000,
    });
    expect(trending).toEqual([]);
  });

  it('without a baseline (a new station) the list is by count', () => {
    const trending = trendingTerms(
      new Map([
        ['a', 5],
        ['b', 9],
      ]),
      new Map(),
    );
    expect(trending.map((t) => t.term)).toEqual(['b', 'a']);
  });
});
