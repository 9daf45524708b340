import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { TokenRegistry, type TokenShelf } from '../../electron/engine/tokens';

/** A settings shelf in memory that counts its writes, and can refuse them like a read-only station. */
function shelf() {
  const data = new Map<string, unknown>();
  const s = {
    writes: 0,
    refuse: false,
    get: <T>(key: string, fallback: T): T => (data.has(key) ? (structuredClone(data.get(key)) as T) : fallback),
    set(key: string, value: unknown) {
      if (s.refuse) throw new Error('attempt to write a readonly database');
      s.writes++;
      data.set(key, structuredClone(value));
    },
  };
  return s satisfies TokenShelf;
}

describe("a token's last-seen time", () => {
  it('is written once for a crowd of closes, the latest kept, and read back by a new registry', () => {
    const store = shelf();
    const tokens = new TokenRegistry(store, new ManualClock(0));
    const { token } = tokens.create('City page', 'public');
    const writes = store.writes;
    for (let i = 0; i < 1000; i++) tokens.seen(token.id, 5_000 + (i % 7) * 1000);
    expect(store.writes).toBe(writes);
    tokens.flushSeen();
    expect(store.writes).toBe(writes + 1);
    tokens.flushSeen();
    expect(store.writes).toBe(writes + 1);
    expect(new TokenRegistry(store, new ManualClock(0)).list()[0]).toMatchObject({ id: token.id, lastSeenAt: 11_000 });
  });

  it('does not fail the station when it cannot be written (a read-only station)', () => {
    const store = shelf();
    const tokens = new TokenRegistry(store, new ManualClock(0));
    const { token } = tokens.create('Lobby wall', 'viewer');
    store.refuse = true;
    tokens.seen(token.id, 42);
    expect(() => tokens.flushSeen()).not.toThrow();
    expect(tokens.list()[0]!.lastSeenAt).toBeUndefined();
  });
});
