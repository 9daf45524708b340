import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '../../shared/types';
import { predictLearned, trainFromCorrections } from '../../electron/engine/analysis/learn';
import { createAnalyzer } from '../../electron/engine/analysis/sentiment';

// On PTT/Dcard "佛系客服" is a complaint (support that does nothing), but 佛系 alone reads as
// laid-back and pleasant: neither the lexicon nor the shipped model calls these posts
// complaints until the analyst's corrections are blended on top.
const OPENERS = ['又遇到', '今天碰到', '這家的', '打去問結果是', '超商的', '電信公司的', '銀行的', '網購平台的', '換了三個都是', '遇到傳說中的'];
const CLOSERS = ['問什麼都說不知道', '等了半小時', '只會叫我重開機', '完全不處理', '講了等於沒講', '回信要一週', '說會回電然後沒有', '一直已讀', '問題還在', '叫我自己想辦法'];

function corrections(): { text: string; label: SentimentLabel }[] {
  const out: { text: string; label: SentimentLabel }[] = [];
  for (let i = 0; i < 20; i++) out.push({ text: `${OPENERS[i % 10]}佛系客服，${CLOSERS[(i * 3) % 10]}`, label: 'negative' });
  // The analyst corrects other things too.
  const others: [string, SentimentLabel][] = [
    ['出貨很快，包裝也完整', 'positive'], ['店員很熱情，下次再來', 'positive'], ['這家麵包很好吃', 'positive'],
    ['明天下午三點開會', 'neutral'], ['請問營業時間到幾點', 'neutral'], ['剛剛收到通知', 'neutral'],
    ['東西壞了也不給換', 'negative'], ['等了一小時還沒送到', 'negative'],
  ];
  for (const [text, label] of others) out.push({ text, label });
  return out;
}

describe('learning from analysts corrections', () => {
  it('a phrase the lexicon gets wrong is scored right after ~20 corrections containing it', () => {
    const probe = '又是佛系客服，真的會謝';
    const before = createAnalyzer().analyze('遇到佛系客服');
    expect(before.label).not.toBe('negative'); // the shipped model alone misses it

    const { model, n, cvAccuracy } = trainFromCorrections(corrections());
    expect(n).toBe(28);
    expect(cvAccuracy).not.toBeNull();
    const after = createAnalyzer({ learned: model });
    expect(after.analyze('遇到佛系客服').label).toBe('negative');
    expect(after.analyze(probe).label).toBe('negative');
    // Simplified text benefits from Traditional corrections: both are folded before learning.
    expect(after.analyze('遇到佛系客服，问什么都不知道').label).toBe('negative');
  });

  it('leaves texts the model knows nothing about to the lexicon', () => {
    const { model } = trainFromCorrections(corrections());
    const plain = createAnalyzer();
    const learned = createAnalyzer({ learned: model });
    const text = 'The hotel breakfast was excellent.';
    expect(learned.analyze(text).score).toBe(plain.analyze(text).score);
  });

  it('a weight of 0 turns the learned model off', () => {
    const { model } = trainFromCorrections(corrections());
    const off = createAnalyzer({ learned: model, learnedWeight: 0 }).analyze('遇到佛系客服');
    expect(off).toEqual(createAnalyzer().analyze('遇到佛系客服'));
  });

  it('reports no cross-validation figure for a handful of corrections, and a model that is plain JSON', () => {
    const few = trainFromCorrections([
      { text: '好吃', label: 'positive' },
      { text: '難吃', label: 'negative' },
    ]);
    expect(few.n).toBe(2);
    expect(few.cvAccuracy).toBeNull();
    const round = JSON.parse(JSON.stringify(few.model));
    expect(predictLearned(round, '好吃')?.label).toBe('positive');
  });
});
