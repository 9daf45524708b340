// The pure pieces of the rooms that make a station one's own: a rule's lines checked per metric
// (out of range, inverted, missing), every problem the engine's query parser can raise named
// (so the screen says it in the reader's language) at its position, and a topic's words found
// in a post as written, 简体 for a 繁體 query. (The query editor's colouring: renderer-setup.test.ts.)
import { describe, expect, it } from 'vitest';
import { lineProblems } from '../../shared/rule-lines';
import { lightRuleInput } from '../../shared/schemas';
import { parseQuery, QueryError } from '../../electron/engine/analysis/query';
import { markTerms } from '../../electron/engine/analysis/marks';
import { problemPosition, queryProblem } from '../../shared/query-problems';

describe('the lines of a light rule', () => {
  it('accepts sensible lines for each metric', () => {
    expect(lineProblems({ metric: 'neg_share', yellow: 0.4, red: 0.6 })).toEqual([]);
    expect(lineProblems({ metric: 'net_sentiment', yellow: -0.2, red: -0.5 })).toEqual([]);
    expect(lineProblems({ metric: 'volume_baseline', yellow: 2, red: null })).toEqual([]);
  });

  it('refuses a share written as a percentage, a ratio below 1, and inverted lines', () => {
    expect(lineProblems({ metric: 'neg_share', yellow: 40, red: 60 })).toEqual([
      { path: 'yellow', kind: 'range', min: 0.01, max: 1, integer: false },
      { path: 'red', kind: 'range', min: 0.01, max: 1, integer: false },
    ]);
    expect(lineProblems({ metric: 'volume_baseline', yellow: 0.5, red: 3 })[0]).toMatchObject({ path: 'yellow', kind: 'range' });
    expect(lineProblems({ metric: 'count', yellow: 50, red: 20 })).toEqual([{ path: 'red', kind: 'order', down: false }]);
    expect(lineProblems({ metric: 'net_sentiment', yellow: -0.5, red: -0.2 })).toEqual([{ path: 'red', kind: 'order', down: true }]);
    expect(lineProblems({ metric: 'source_stale', yellow: 1.5, red: 30 })[0]).toMatchObject({ kind: 'range', integer: true });
    expect(lineProblems({ metric: 'spike', yellow: null, red: null })).toEqual([{ path: 'yellow', kind: 'missing' }]);
  });

  it('is what rules.save refuses, field by field', () => {
    const r = lightRuleInput.safeParse({ topicId: 1, metric: 'gauge_occupancy', scope: 'gauge', scopeId: 2, yellow: 0.9, red: 0.8 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['red']);
  });

  it('reads as one rule of one shape: its scope id in scopeId, the topic given either way', () => {
    const old = lightRuleInput.parse({ topicId: 4, metric: 'count', yellow: 10, red: 20, volumeYellow: 5 });
    expect(old).toMatchObject({ scope: 'topic', scopeId: 4, yellow: 10, red: 20, volumeYellow: null, negShareRed: null });
    expect(old).not.toHaveProperty('topicId');
    expect(lightRuleInput.parse({ scope: 'topic', scopeId: 4, metric: 'count', yellow: 10, red: 20 })).toEqual(old);
    // topicId wins over scopeId for a topic, and is ignored for any other scope, as before.
    expect(lightRuleInput.parse({ topicId: 4, scopeId: 9, volumeYellow: 40 })).toMatchObject({ metric: 'thresholds', scopeId: 4, yellow: null, red: null });
    expect(lightRuleInput.parse({ topicId: 4, scope: 'source', scopeId: 9, metric: 'count', yellow: 3 })).toMatchObject({ scope: 'source', scopeId: 9 });
    expect(lightRuleInput.parse({ topicId: 4, scope: 'station', metric: 'count', yellow: 3 })).toMatchObject({ scope: 'station', scopeId: null });
    expect(lightRuleInput.safeParse({ scope: 'topic', metric: 'count', yellow: 3 }).success).toBe(false);
  });
});

describe('a broken query', () => {
  it('names every problem the parser raises (each has its sentence in the UI), at the position it gives', () => {
    const broken = ['"台積電', '""', 'lang:', '#*', 'lang:jp', '\u200b', '', '@', 'AND', '台積電 OR', '()', '(台積電', '台積電)', 'OR 台積電', '台積電 ）OR'];
    for (const q of broken) {
      let error: QueryError | null = null;
      try {
        parseQuery(q);
      } catch (e) {
        error = e as QueryError;
      }
      expect(error, q).toBeInstanceOf(QueryError);
      const { problem } = queryProblem(`query: ${error!.message}`);
      // "unexpected" is the catch-all: every message of the parser has its own sentence.
      if (!/unexpected input/.test(error!.message)) expect(problem, error!.message).not.toBe('unexpected');
      expect(problemPosition(error!.message)).toBe(error!.position);
    }
    expect(queryProblem('query: unknown language "jp" (use zh-Hant, zh-Hans, zh, en or other) at position 5')).toEqual({
      problem: 'unknownLang',
      word: 'jp',
    });
  });
});

describe('matched words in a sample', () => {
  it('finds a term typed in 繁體 in a 简体 post, full-width and upper case too, at the offsets as written', () => {
    const text = '台积电今天开会，台積電股價上漲；ＴＳＭＣ and tsmc 😀台積電';
    const marks = markTerms(text, ['台積電', 'TSMC']);
    expect(marks.map(([a, b]) => text.slice(a, b))).toEqual(['台积电', '台積電', 'ＴＳＭＣ', 'tsmc', '台積電']);
  });

});
