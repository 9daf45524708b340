// The `mentions` event pacing: the first batch goes out at once, batches right behind it are
// folded into one event (nothing lost: counts and topics add up), and close sends what waits.
import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/api';
import type { Mention } from '../../shared/types';
import { ManualClock } from '../../electron/engine/clock';
import { EventHub } from '../../electron/engine/events';
import { MentionNews, SAMPLE_SIZE, WINDOW_MS } from '../../electron/engine/core/news';

const mention = (id: number) => ({ id, title: `m${id}` }) as unknown as Mention;
const batch = (now: number, ids: number[], byTopic: Record<string, number>) => ({
  now,
  count: ids.length,
  newestAt: now - 1000 + ids.length,
  byTopic,
  sampleIds: ids,
});

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  const hub = new EventHub();
  const seen: Extract<StationEvent, { type: 'mentions' }>[] = [];
  hub.subscribe((e) => e.type === 'mentions' && seen.push(e));
  // The store's read of the sample, counted: once per event, not once per batch.
  const reads: number[][] = [];
  const read = (ids: number[]) => (reads.push(ids), ids.map(mention));
  return { clock, seen, reads, news: new MentionNews(clock, hub, read) };
}

describe('mentions events', () => {
  it('sends a lone batch at once and folds the batches right behind it into one event (the sample read once)', async () => {
    const { clock, seen, reads, news } = setup();
    const t0 = clock.now();
    news.add(batch(t0, [1, 2, 3], { '1': 3 }));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ count: 3, storedAt: t0, byTopic: { '1': 3 } });

    clock.advance(10);
    news.add(batch(clock.now(), [4, 5], { '1': 1, '2': 2 }));
    clock.advance(10);
    news.add(batch(clock.now(), range(6, 40), { '2': 35 }));
    expect(seen).toHaveLength(1); // waiting for the window to end

    await new Promise((r) => setTimeout(r, WINDOW_MS + 50));
    expect(seen).toHaveLength(2);
    const folded = seen[1]!;
    expect(folded.count).toBe(2 + 35);
    expect(folded.storedAt).toBe(t0 + 10); // the oldest batch inside it
    expect(folded.byTopic).toEqual({ '1': 1, '2': 37 });
    expect(folded.sample.map((m) => m.id)).toEqual(range(21, 40)); // the newest few
    expect(folded.sample).toHaveLength(SAMPLE_SIZE);
    expect(reads).toHaveLength(2);
  });

  it('sends the waiting event when the station closes', () => {
    const { clock, seen, news } = setup();
    news.add(batch(clock.now(), [1], {}));
    news.add(batch(clock.now(), [2], { '7': 1 }));
    expect(seen).toHaveLength(1);
    news.flush();
    expect(seen.map((e) => e.count)).toEqual([1, 1]);
    expect(seen[1]!.byTopic).toEqual({ '7': 1 });
    news.flush(); // nothing left: no empty event
    expect(seen).toHaveLength(2);
  });

  it('sends at once again after a quiet spell', () => {
    const { clock, seen, news } = setup();
    news.add(batch(clock.now(), [1], {}));
    clock.advance(WINDOW_MS);
    news.add(batch(clock.now(), [2], {}));
    expect(seen).toHaveLength(2);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
