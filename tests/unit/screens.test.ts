import { describe, expect, it } from 'vitest';
import { LoadMeter, plainAddress, Screens } from '../../electron/engine/screens';

describe('Screens', () => {
  it('lists walls and windows before public pages, at most as many as asked, and counts them all', () => {
    let now = 1000;
    const screens = new Screens(() => now++);
    const open = (role: 'admin' | 'viewer' | 'public', tokenId: string | null) =>
      screens.open({ role, tokenId, address: '::ffff:10.0.0.7', agent: 'x'.repeat(400), behind: () => 12 });
    open('public', 'city');
    open('public', 'city');
    const wall = open('viewer', 'lobby');
    open('admin', null);
    const listed = screens.list((id) => (id === 'lobby' ? 'Lobby wall 2' : id === 'city' ? 'City page' : null), 3);
    expect(listed.map((s) => [s.role, s.tokenName])).toEqual([
      ['viewer', 'Lobby wall 2'],
      ['admin', null],
      ['public', 'City page'],
    ]);
    expect(listed[0]).toMatchObject({ address: '10.0.0.7', behindBytes: 12, events: 0, lastEventAt: null });
    expect(listed[0]!.agent).toHaveLength(300);
    expect(screens.counts()).toEqual({ admin: 1, viewer: 1, public: 2 });
    // Listed or not, a token with a screen open is not dark (the room's list of dark walls reads this).
    expect(screens.list(() => null, 1).map((s) => s.tokenId)).toEqual(['lobby']);
    expect(screens.openTokens().sort()).toEqual(['city', 'lobby']);

    wall.sent();
    expect(screens.list(() => null)[0]).toMatchObject({ events: 1, lastEventAt: expect.any(Number) });
    wall.close();
    wall.close();
    expect(screens.counts()).toEqual({ admin: 1, viewer: 0, public: 2 });
    expect(screens.openTokens()).toEqual(['city']);
    expect(screens.lastSeen()).toEqual([{ tokenId: 'lobby', at: expect.any(Number) }]);
  });

  it('counts a token whose screens stay closed as gone dark, and a reload as nothing', async () => {
    let told = 0;
    const screens = new Screens(Date.now, () => told++, 40);
    const open = () => screens.open({ role: 'viewer', tokenId: 'lobby', address: '127.0.0.1', agent: '', behind: () => 0 });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      // A reload: closed and opened again within the time allowed.
      open().close();
      const first = open();
      await sleep(80);
      expect(screens.dark()).toEqual([]);
      // Two screens on one token: not dark while either is open.
      const second = open();
      first.close();
      await sleep(80);
      expect(screens.dark()).toEqual([]);
      expect(told).toBe(0);
      // The last one closes and stays closed: dark, and the station is told once.
      second.close();
      await sleep(80);
      expect(screens.dark()).toEqual(['lobby']);
      expect(told).toBe(1);
      // Back on: no longer dark, told again.
      open();
      expect(screens.dark()).toEqual([]);
      expect(told).toBe(2);
    } finally {
      screens.stop();
    }
  });

  it('tells nothing once stopped, though the server closes its streams after the station', async () => {
    let told = 0;
    const screens = new Screens(Date.now, () => told++, 20);
    const wall = screens.open({ role: 'viewer', tokenId: 'lobby', address: '127.0.0.1', agent: '', behind: () => 0 });
    screens.stop();
    wall.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(told).toBe(0);
    expect(screens.dark()).toEqual([]);
  });

  it('reads an IPv4 peer on a dual-stack socket as plain IPv4', () => {
    expect(plainAddress('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(plainAddress('::1')).toBe('::1');
    expect(plainAddress(undefined)).toBe('');
  });
});

describe('LoadMeter', () => {
  it('times the event loop once looked at, and a blocked loop shows in the longest delay', async () => {
    let stored = 10;
    const meter = new LoadMeter(() => stored);
    meter.start();
    try {
      // Not timed before anyone looked.
      expect(meter.read()).toMatchObject({ loopDelayP99Ms: null, loopDelayMaxMs: null, cpu: null, mentionsStored: 0 });
      await new Promise((r) => setTimeout(r, 30));
      const until = performance.now() + 120;
      while (performance.now() < until) stored++; // the station's thread held 120 ms
      await new Promise((r) => setTimeout(r, 30));
      const load = meter.read();
      expect(load.loopDelayMaxMs).toBeGreaterThanOrEqual(100);
      expect(load.mentionsStored).toBe(stored - 10);
      expect(load.rssBytes).toBeGreaterThan(0);
    } finally {
      meter.stop();
    }
  });
});
