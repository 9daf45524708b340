// The event link: reconnects with capped, jittered backoff, and a connection that goes
// silent for 15 s is treated as dead even if the socket still looks open.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { backoffDelay, connectEvents, type LinkState } from '../../renderer/src/lib/api';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  send(data: object) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test('backoff doubles from 1 s to a 30 s cap, with jitter', () => {
  const mid = () => 0.5;
  expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, 1000, 30_000, mid))).toEqual([
    1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
  ]);
  for (let a = 0; a < 12; a++) {
    expect(backoffDelay(a, 1000, 30_000, () => 0)).toBeGreaterThanOrEqual(500);
    expect(backoffDelay(a, 1000, 30_000, () => 0.999)).toBeLessThanOrEqual(30_000);
  }
  expect(backoffDelay(2, 1000, 30_000, () => 0)).toBe(3000);
});

test('a dropped link retries with growing delays and is live again after the hello', () => {
  const states: LinkState[] = [];
  const events: string[] = [];
  const stop = connectEvents({ url: 'ws://x/events', onState: (s) => states.push(s), onEvent: (e) => events.push(e.type) });
  const first = FakeSocket.all[0]!;
  first.send({ type: 'hello', now: 1, status: {}, role: 'viewer' });
  expect(states.at(-1)).toBe('open');

  first.onclose!();
  expect(states.at(-1)).toBe('closed');
  vi.advanceTimersByTime(1600);
  expect(FakeSocket.all).toHaveLength(2);
  FakeSocket.all[1]!.onclose!();
  vi.advanceTimersByTime(1400);
  expect(FakeSocket.all).toHaveLength(2); // second delay is ~2 s, not 1
  vi.advanceTimersByTime(2000);
  expect(FakeSocket.all).toHaveLength(3);
  FakeSocket.all[2]!.send({ type: 'hello', now: 2, status: {}, role: 'viewer' });
  expect(states.at(-1)).toBe('open');
  expect(events).toEqual(['hello', 'hello']);
  stop();
});

test('fifteen seconds of silence closes the link and reconnects; ticks keep it alive', () => {
  const states: LinkState[] = [];
  const stop = connectEvents({ url: 'ws://x/events', onState: (s) => states.push(s), onEvent: () => {} });
  const s = FakeSocket.all[0]!;
  s.send({ type: 'hello', now: 1, status: {}, role: 'viewer' });
  for (let i = 0; i < 6; i++) {
    vi.advanceTimersByTime(5000);
    s.send({ type: 'tick', now: i, newestMentionAt: null });
  }
  expect(states.at(-1)).toBe('open');
  vi.advanceTimersByTime(15_000);
  expect(s.closed).toBe(true);
  expect(states.at(-1)).toBe('closed');
  vi.advanceTimersByTime(1500);
  expect(FakeSocket.all).toHaveLength(2);
  stop();
  expect(FakeSocket.all[1]!.closed).toBe(true);
});
