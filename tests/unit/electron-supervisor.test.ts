// The restart policy on plain data: in-memory engines and a hand-driven clock, so hours of
// crashes take no time. The same class against real processes is in
// tests/integration/supervisor.test.ts.
import { describe, expect, it } from 'vitest';
import { TimerClock } from '../helpers/timer-clock';
import {
  defaultRestartPolicy,
  EngineSupervisor,
  parseEngineMessage,
  restartDelay,
  type EngineChild,
  type KillSignal,
  type RestartPolicy,
  type SupervisorEvent,
} from '../../electron/main/supervisor';


class MemoryEngine implements EngineChild {
  kills: KillSignal[] = [];
  private messageListeners: ((m: unknown) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  onMessage(listener: (m: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  kill(signal: KillSignal): void {
    this.kills.push(signal);
  }
  say(message: unknown): void {
    for (const l of this.messageListeners) l(message);
  }
  exit(code: number | null): void {
    for (const l of this.exitListeners) l(code);
  }
}

function station(policy: Partial<RestartPolicy> = {}) {
  const clock = new TimerClock(0);
  const engines: MemoryEngine[] = [];
  const events: SupervisorEvent[] = [];
  const supervisor = new EngineSupervisor({
    clock,
    policy,
    spawn: () => {
      const engine = new MemoryEngine();
      engines.push(engine);
      return engine;
    },
    onEvent: (e) => events.push(e),
  });
  const delays = () => events.flatMap((e) => (e.type === 'restarting' ? [e.delayMs] : []));
  const current = () => engines.at(-1)!;
  /** Crash the current engine and let the restart happen. */
  const crashAndRestart = () => {
    current().exit(1);
    const delay = delays().at(-1)!;
    clock.advance(delay);
  };
  return { clock, engines, events, supervisor, delays, current, crashAndRestart };
}

describe('restart waits', () => {
  it('double from 1 s and stop growing at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, 10_000].map((n) => restartDelay(n, defaultRestartPolicy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000, 300_000,
    ]);
  });
});

describe('engine supervisor', () => {
  it('never gives up: after a thousand failed starts it still tries again, every 5 minutes', () => {
    const s = station();
    s.supervisor.start();
    for (let i = 0; i < 1000; i++) {
      s.current().say({ type: 'fatal', message: 'database is locked' });
      s.crashAndRestart();
    }
    expect(s.engines).toHaveLength(1001);
    expect(s.supervisor.state).toBe('starting');
    expect(s.delays().slice(0, 10)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000]);
    expect(Math.max(...s.delays())).toBe(300_000);
    expect(s.events.at(-2)).toEqual({
      type: 'restarting',
      delayMs: 300_000,
      retryAt: s.clock.time,
      failures: 1000,
      lastError: 'database is locked',
    });
  });

  it('starts the count over once an engine has served for ten minutes', () => {
    const s = station();
    s.supervisor.start();
    for (let i = 0; i < 6; i++) s.crashAndRestart();
    expect(s.delays().at(-1)).toBe(32_000);

    s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: 4318 });
    for (let beat = 0; beat < 120; beat++) {
      s.clock.advance(5_000);
      s.current().say({ type: 'heartbeat', at: s.clock.time });
    }
    s.current().exit(1);
    expect(s.events.at(-1)).toMatchObject({ type: 'restarting', delayMs: 1_000, failures: 1 });
  });

  it('keeps counting when an engine dies soon after it said ready', () => {
    const s = station();
    s.supervisor.start();
    for (let i = 0; i < 3; i++) {
      s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: 4318 });
      s.clock.advance(30_000);
      s.crashAndRestart();
    }
    expect(s.delays()).toEqual([1_000, 2_000, 4_000]);
  });

  it('gives an engine two minutes to open its station, but only 20 s of silence once it is ready', () => {
    const s = station();
    s.supervisor.start();
    s.clock.advance(119_999);
    expect(s.current().kills).toEqual([]);
    s.clock.advance(1);
    expect(s.current().kills).toEqual(['SIGKILL']);

    s.current().exit(null);
    s.clock.advance(1000);
    s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: 4318 });
    s.clock.advance(20_000);
    expect(s.current().kills).toEqual(['SIGKILL']);
  });

  it('reports why the engine failed: its own fatal message, or how it ended', () => {
    const s = station();
    s.supervisor.start();
    s.current().say({ type: 'fatal', message: 'database disk image is malformed' });
    s.current().exit(1);
    expect(s.events.at(-1)).toMatchObject({ type: 'restarting', lastError: 'database disk image is malformed' });
    s.clock.advance(1_000);
    s.current().exit(null);
    expect(s.events.at(-1)).toMatchObject({ type: 'restarting', failures: 2, lastError: 'engine was killed' });
    s.clock.advance(2_000);
    s.current().exit(3);
    expect(s.events.at(-1)).toMatchObject({ type: 'restarting', failures: 3, lastError: 'engine exited with code 3' });
  });

  it('counts an engine that cannot even be spawned as a crash', () => {
    const clock = new TimerClock(0);
    const events: SupervisorEvent[] = [];
    const supervisor = new EngineSupervisor({
      clock,
      spawn: () => {
        throw new Error('spawn ENOENT');
      },
      onEvent: (e) => events.push(e),
    });
    supervisor.start();
    for (const delay of [1000, 2000, 4000, 8000]) clock.advance(delay);
    expect(events.at(-1)).toEqual({ type: 'restarting', delayMs: 16_000, retryAt: 31_000, failures: 5, lastError: 'spawn ENOENT' });
  });

  it('ignores what a replaced engine still says, and messages outside the protocol', () => {
    const s = station();
    s.supervisor.start();
    const old = s.current();
    s.crashAndRestart();
    old.say({ type: 'ready', url: 'http://127.0.0.1:1/', port: 1 });
    old.exit(1);
    s.current().say('ready');
    s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: '4318' });
    expect(s.events.filter((e) => e.type === 'ready')).toEqual([]);
    expect(s.events.filter((e) => e.type === 'exited')).toHaveLength(1);
  });

  it('asks a running engine to stop once, however often quit is pressed', async () => {
    const s = station();
    s.supervisor.start();
    s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: 4318 });
    const first = s.supervisor.stop();
    const second = s.supervisor.stop();
    s.current().exit(0);
    await Promise.all([first, second]);
    expect(s.current().kills).toEqual(['SIGTERM']);
    expect(s.supervisor.state).toBe('stopped');
  });

  it('stops for good while waiting to restart', async () => {
    const s = station();
    s.supervisor.start();
    s.current().exit(1);
    await s.supervisor.stop();
    s.clock.advance(60_000);
    expect(s.engines).toHaveLength(1);
    expect(s.supervisor.state).toBe('stopped');
  });
});

describe('engine messages', () => {
  it('reads the host protocol and nothing else', () => {
    expect(parseEngineMessage({ type: 'ready', url: 'http://127.0.0.1:9/', port: 9 })).toEqual({
      type: 'ready',
      url: 'http://127.0.0.1:9/',
      port: 9,
    });
    expect(parseEngineMessage({ type: 'heartbeat', at: 5 })).toEqual({ type: 'heartbeat', at: 5 });
    expect(parseEngineMessage({ type: 'fatal' })).toEqual({ type: 'fatal', message: 'unknown error' });
    expect(parseEngineMessage({ type: 'ready', url: 'x', port: 1.5 })).toBeNull();
    expect(parseEngineMessage({ type: 'shutdown' })).toBeNull();
    expect(parseEngineMessage(null)).toBeNull();
  });
});
