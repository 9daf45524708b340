// The engine supervisor against real processes: a stand-in engine (tests/fixtures/engine/
// fake-engine.mjs) started with child_process.fork, killed with real signals, each started
// with the port and token the shell's EngineLink hands out. Only the supervisor's clock is
// fake, so backoff and hang timeouts pass in no time.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TimerClock } from '../helpers/timer-clock';
import { EngineLink } from '../../electron/main/link';
import { engineEnv } from '../../electron/main/policy';
import {
  EngineSupervisor,
  type EngineChild,
  type SupervisorEvent,
} from '../../electron/main/supervisor';

const FAKE_ENGINE = path.resolve(import.meta.dirname, '../fixtures/engine/fake-engine.mjs');


const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** A station whose engines are real processes; `modes` says how each successive one behaves. */
function station(modes: string[]) {
  const clock = new TimerClock(1_700_000_000_000);
  const events: SupervisorEvent[] = [];
  const children: ChildProcess[] = [];
  let heartbeats = 0;
  const link = new EngineLink(() => randomBytes(32).toString('hex'), () => clock.now());
  const spawn = (): EngineChild => {
    const mode = modes[Math.min(children.length, modes.length - 1)] ?? 'steady';
    const { token, port } = link.nextLaunch();
    const child = fork(FAKE_ENGINE, [], {
      env: {
        ...engineEnv(process.env, { dataDir: '/nonexistent', port, token, demo: false }),
        FAKE_ENGINE_MODE: mode,
        FAKE_ENGINE_BEAT_MS: '25',
      },
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
  const supervisor = new EngineSupervisor({
    spawn,
    clock,
    onEvent: (e) => {
      events.push(e);
      link.onEvent(e);
    },
  });
  const count = (type: SupervisorEvent['type']): number => events.filter((e) => e.type === type).length;
  const last = <T extends SupervisorEvent['type']>(type: T) =>
    events.filter((e): e is Extract<SupervisorEvent, { type: T }> => e.type === type).at(-1);
  return { supervisor, clock, events, children, count, last, link, heartbeats: () => heartbeats };
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
  it('starts an engine killed with SIGKILL again after 1 s, on a fresh port with a fresh token', async () => {
    const s = station(['steady']);
    s.supervisor.start();
    await until(() => s.count('ready') === 1, 'first ready');
    expect(s.supervisor.state).toBe('running');
    const firstUrl = s.link.url()!;
    expect(await (await fetch(firstUrl)).text()).toBe('fenghuo');

    s.children[0]!.kill('SIGKILL');
    await until(() => s.count('restarting') === 1, 'restart to be scheduled');
    expect(s.last('exited')!.code).toBeNull();
    expect(s.last('restarting')).toMatchObject({ delayMs: 1000, failures: 1, lastError: 'engine was killed' });
    // While it is away, no window is given the old address (nor any address) to retry.
    expect(s.link.url()).toBeNull();
    expect(s.link.origin).toBeNull();

    s.clock.advance(999);
    expect(s.children).toHaveLength(1);
    s.clock.advance(1);
    expect(s.children).toHaveLength(2);

    await until(() => s.count('ready') === 2, 'second ready');
    const secondUrl = s.link.url()!;
    const [first, second] = [new URL(firstUrl), new URL(secondUrl)];
    expect(second.searchParams.get('token')).not.toBe(first.searchParams.get('token'));
    expect(await (await fetch(secondUrl)).text()).toBe('fenghuo');
    // The old token means nothing to the new engine.
    const stale = new URL(secondUrl);
    stale.searchParams.set('token', first.searchParams.get('token')!);
    expect((await fetch(stale)).status).toBe(401);
    expect(s.supervisor.state).toBe('running');
  });

  it('keeps retrying an engine that cannot start, 1, 2, 4, 8, 16 … s apart, and takes it back when it can', async () => {
    const s = station(['fatal', 'fatal', 'fatal', 'fatal', 'fatal', 'fatal', 'fatal', 'steady']);
    s.supervisor.start();
    const delays: number[] = [];
    for (let failure = 1; failure <= 7; failure++) {
      await until(() => s.count('restarting') === failure, `restart #${failure}`);
      const { delayMs } = s.last('restarting')!;
      delays.push(delayMs);
      s.clock.advance(delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000]);
    expect(s.children.slice(0, 7).every((c) => c.exitCode === 1)).toBe(true);
    // The room is told why, in the engine's own words.
    expect(s.link.view).toMatchObject({ kind: 'down', failures: 7, lastError: 'listen EADDRINUSE 127.0.0.1:4318' });

    await until(() => s.count('ready') === 1, 'the eighth engine to come up');
    expect(s.supervisor.state).toBe('running');
    expect(await (await fetch(s.link.url()!)).text()).toBe('fenghuo');
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
    expect(s.link.view).toMatchObject({ kind: 'down', lastError: 'engine stopped answering (no heartbeat for 20 s)' });

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
