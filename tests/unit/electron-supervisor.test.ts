// The restart policy on plain data: in-memory engines and a hand-driven clock, so hours of
// crashes take no time. The same class against real processes is in
// tests/integration/supervisor.test.ts.
import { describe, expect, it } from 'vitest';
import {
  decideRestart,
  defaultRestartPolicy,
  EngineSupervisor,
  parseEngineMessage,
  type Clock,
  type EngineChild,
  type KillSignal,
  type RestartPolicy,
  type SupervisorEvent,
} from '../../electron/main/supervisor';

class ManualClock implements Clock {
  time = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.clearTimeout(due.id);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}

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
  const clock = new ManualClock();
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

describe('restart decisions', () => {
  it('doubles the wait from 1 s up to a 30 s cap', () => {
    const policy = { ...defaultRestartPolicy, maxCrashes: 100 };
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => decideRestart(n, policy))).toEqual(
      [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000].map((delayMs) => ({ action: 'restart', delayMs })),
    );
  });

  it('gives up at the fifth crash inside the window', () => {
    expect(decideRestart(4, defaultRestartPolicy)).toEqual({ action: 'restart', delayMs: 8000 });
    expect(decideRestart(5, defaultRestartPolicy)).toEqual({ action: 'give-up' });
  });
});

describe('engine supervisor', () => {
  it('forgets crashes older than ten minutes, so a rare crash never adds up to giving up', () => {
    const s = station();
    s.supervisor.start();
    for (let i = 0; i < 12; i++) {
      s.current().say({ type: 'ready', url: 'http://127.0.0.1:4318/', port: 4318 });
      // Healthy for three minutes (beating), then it dies.
      for (let beat = 0; beat < 36; beat++) {
        s.clock.advance(5_000);
        s.current().say({ type: 'heartbeat', at: s.clock.time });
      }
      s.crashAndRestart();
    }
    expect(s.events.some((e) => e.type === 'gave-up')).toBe(false);
    expect(s.engines).toHaveLength(13);
    // At most four crashes ever share a ten-minute window at this pace.
    expect(Math.max(...s.delays())).toBe(8000);
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
    const s = station({ maxCrashes: 2 });
    s.supervisor.start();
    s.current().say({ type: 'fatal', message: 'database disk image is malformed' });
    s.crashAndRestart();
    s.current().exit(null);
    expect(s.events.at(-1)).toEqual({ type: 'gave-up', recentCrashes: 2, lastError: 'engine was killed' });

    const t = station({ maxCrashes: 1 });
    t.supervisor.start();
    t.current().say({ type: 'fatal', message: 'database disk image is malformed' });
    t.current().exit(1);
    expect(t.events.at(-1)).toEqual({
      type: 'gave-up',
      recentCrashes: 1,
      lastError: 'database disk image is malformed',
    });
  });

  it('counts an engine that cannot even be spawned as a crash', () => {
    const clock = new ManualClock();
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
    expect(events.at(-1)).toEqual({ type: 'gave-up', recentCrashes: 5, lastError: 'spawn ENOENT' });
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
