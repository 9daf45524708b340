// The engine supervisor against real processes: a stand-in engine (tests/fixtures/engine/
// fake-engine.mjs) started with child_process.fork, killed with real signals. Only the
// supervisor's clock is fake, so backoff and hang timeouts pass in no time.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EngineSupervisor,
  type Clock,
  type EngineChild,
  type SupervisorEvent,
} from '../../electron/main/supervisor';

const FAKE_ENGINE = path.resolve(import.meta.dirname, '../fixtures/engine/fake-engine.mjs');

class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, firing each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.size;
  }
}

const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** A station whose engines are real processes; `modes` says how each successive one behaves. */
function station(modes: string[]) {
  const clock = new FakeClock();
  const events: SupervisorEvent[] = [];
  const children: ChildProcess[] = [];
  let heartbeats = 0;
  const spawn = (): EngineChild => {
    const mode = modes[Math.min(children.length, modes.length - 1)] ?? 'steady';
    const child = fork(FAKE_ENGINE, [], {
      env: { ...process.env, FAKE_ENGINE_MODE: mode, FAKE_ENGINE_BEAT_MS: '25', FENGHUO_PORT: '0' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    running.push(child);
    child.on('message', (m) => {
      if ((m as { type?: string }).type === 'heartbeat') heartbeats += 1;
    });
    return {
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: (signal) => child.kill(signal),
    };
  };
  const supervisor = new EngineSupervisor({ spawn, clock, onEvent: (e) => events.push(e) });
  const count = (type: SupervisorEvent['type']): number => events.filter((e) => e.type === type).length;
  const last = <T extends SupervisorEvent['type']>(type: T) =>
    events.filter((e): e is Extract<SupervisorEvent, { type: T }> => e.type === type).at(-1);
  return { supervisor, clock, events, children, count, last, heartbeats: () => heartbeats };
}

/** Real processes answer in real time: wait (without asserting how long) until it is so. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('engine supervisor with real engine processes', () => {
  it('starts an engine killed with SIGKILL again after 1 s, and it serves again', async () => {
    const s = station(['steady']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'first ready');
    expect(s.supervisor.state).toBe('running');
    const firstPort = s.last('ready')!.port;
    expect(await (await fetch(`http://127.0.0.1:${firstPort}/`)).text()).toBe('fenghuo');

    s.children[0]!.kill('SIGKILL');
    await until(() => s.count('restarting') === 1, 'restart to be scheduled');
    expect(s.last('exited')!.code).toBeNull();
    expect(s.last('restarting')).toEqual({ type: 'restarting', delayMs: 1000, recentCrashes: 1 });

    s.clock.advance(999);
    expect(s.children).toHaveLength(1);
    s.clock.advance(1);
    expect(s.children).toHaveLength(2);

    await until(() => s.count('ready') === 2, 'second ready');
    const port = s.last('ready')!.port;
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('fenghuo');
    expect(s.supervisor.state).toBe('running');
  });

  it('retries an engine that cannot start after 1, 2, 4 and 8 s, then gives up at the fifth crash in ten minutes', async () => {
    const s = station(['fatal']);
    s.supervisor.start();
    const delays: number[] = [];
    for (let crash = 1; crash <= 4; crash++) {
      await until(() => s.count('restarting') === crash, `restart #${crash}`);
      const { delayMs } = s.last('restarting')!;
      delays.push(delayMs);
      s.clock.advance(delayMs);
    }
    await until(() => s.count('gave-up') === 1, 'giving up');

    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(s.children).toHaveLength(5);
    expect(s.children.every((c) => c.exitCode === 1)).toBe(true);
    // The operator is told why, in the engine's own words.
    expect(s.last('gave-up')).toEqual({
      type: 'gave-up',
      recentCrashes: 5,
      lastError: 'listen EADDRINUSE 127.0.0.1:4318',
    });
    expect(s.supervisor.state).toBe('gave-up');
    s.clock.advance(60 * 60_000);
    expect(s.children).toHaveLength(5);
  });

  it('kills an engine whose heartbeat stopped for 20 s with SIGKILL, then starts a new one', async () => {
    const s = station(['hang', 'steady']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'ready from the engine about to hang');

    s.clock.advance(19_999);
    expect(s.count('hung')).toBe(0);
    s.clock.advance(1);
    expect(s.last('hung')).toEqual({ type: 'hung', silentMs: 20_000 });

    // The frozen engine ignores SIGTERM (its handler never runs); only SIGKILL ended it.
    await until(() => s.count('exited') === 1, 'hung engine to die');
    expect(s.children[0]!.signalCode).toBe('SIGKILL');
    expect(s.last('restarting')!.delayMs).toBe(1000);

    s.clock.advance(1000);
    await until(() => s.count('ready') === 2, 'replacement engine');
    expect(s.supervisor.state).toBe('running');
  });

  it('leaves an engine alone for as long as its heartbeats keep coming', async () => {
    const s = station(['steady']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'ready');
    for (let step = 0; step < 4; step++) {
      // 15 s of station time per step: over 20 s in total, never 20 s without a beat.
      const seen = s.heartbeats();
      await until(() => s.heartbeats() > seen, 'a heartbeat');
      s.clock.advance(15_000);
    }
    expect(s.count('hung')).toBe(0);
    expect(s.children).toHaveLength(1);
    expect(s.supervisor.state).toBe('running');
  });

  it('stops a healthy engine with SIGTERM and does not restart it', async () => {
    const s = station(['steady']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'ready');

    await s.supervisor.stop();
    expect(s.children[0]!.exitCode).toBe(0);
    expect(s.supervisor.state).toBe('stopped');
    expect(s.count('restarting')).toBe(0);
    expect(s.clock.pending).toBe(0);
  });

  it('falls back to SIGKILL when an engine ignores the stop for 5 s', async () => {
    const s = station(['hang']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'ready');

    let stopped = false;
    const stopping = s.supervisor.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);

    s.clock.advance(5_000);
    await stopping;
    expect(s.children[0]!.signalCode).toBe('SIGKILL');
    expect(s.supervisor.state).toBe('stopped');
    expect(s.count('restarting')).toBe(0);
  });
});
