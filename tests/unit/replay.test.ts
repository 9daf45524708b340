import { describe, expect, it } from 'vitest';
import { dueItems, type Corpus } from '../../electron/engine/sources/kinds/replay';

const item = (guid: string, t: number) => ({ guid, source: 's', text: guid, t });
const corpus: Corpus = {
  items: [item('h1', -100), item('h2', -10), item('l1', 5), item('l2', 20)],
  tMin: -100,
  tMax: 20,
  period: 180,
};

describe('replaying a recorded corpus', () => {
  it('delivers all history at once on the first poll, and nothing from the future', () => {
    const { due, reached } = dueItems(corpus, null, 0);
    expect(due.map((d) => d.item.guid)).toEqual(['h1', 'h2']);
    expect(reached).toBe(0);
  });

  it('delivers the live part as its time comes, each item exactly once', () => {
    expect(dueItems(corpus, 0, 10).due.map((d) => d.item.guid)).toEqual(['l1']);
    expect(dueItems(corpus, 10, 19).due).toEqual([]);
    expect(dueItems(corpus, 19, 20).due.map((d) => d.item.guid)).toEqual(['l2']);
  });

  it('loops as a ring: after the live part, the history plays again as a new loop', () => {
    // Loop 1 starts right after the live part: h1 at -100 + 180 = 80, h2 at 170.
    expect(dueItems(corpus, 20, 100).due.map((d) => [d.item.guid, d.loop, d.pos])).toEqual([['h1', 1, 80]]);
    expect(dueItems(corpus, 100, 200).due.map((d) => [d.item.guid, d.loop, d.pos])).toEqual([
      ['h2', 1, 170],
      ['l1', 1, 185],
      ['l2', 1, 200],
    ]);
  });

  it('caps a poll and reports how far it got, so a fast replay catches up in bounded batches', () => {
    const { due, reached } = dueItems(corpus, null, 1000, 3);
    expect(due).toHaveLength(3);
    expect(reached).toBe(due[2]!.pos);
    const rest = dueItems(corpus, reached, 1000, 1000);
    expect(rest.due[0]!.pos).toBeGreaterThan(reached);
  });
});
