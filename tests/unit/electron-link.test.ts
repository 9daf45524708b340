// What the windows are told about the engine, driven by the real supervisor with in-memory
// engines and a hand-driven clock: a fresh port and token on every start, the old address
// forgotten the moment an engine stops, and the outage page the walls show meanwhile.
import { describe, expect, it } from 'vitest';
import { TimerClock } from '../helpers/timer-clock';
import { EngineLink } from '../../electron/main/link';
import { localTime, outageLines, outagePage } from '../../electron/main/outage';
import { engineEnv } from '../../electron/main/policy';
import { defaultRestartPolicy, EngineSupervisor, type EngineChild } from '../../electron/main/supervisor';


/** An engine that listens wherever it is told (port 0: the next free one) and checks its token. */
class MemoryEngine implements EngineChild {
  private onMsg: ((m: unknown) => void)[] = [];
  private onEnd: ((code: number | null) => void)[] = [];
  constructor(readonly env: Record<string, string>) {}
  onMessage(l: (m: unknown) => void): void {
    this.onMsg.push(l);
  }
  onExit(l: (code: number | null) => void): void {
    this.onEnd.push(l);
  }
  kill(): void {
    this.exit(null);
  }
  ready(port: number): void {
    for (const l of this.onMsg) l({ type: 'ready', url: `http://127.0.0.1:${port}/`, port });
  }
  say(m: unknown): void {
    for (const l of this.onMsg) l(m);
  }
  exit(code: number | null): void {
    for (const l of this.onEnd.splice(0)) l(code);
  }
}

function desk() {
  const clock = new TimerClock();
  let n = 0;
  const link = new EngineLink(() => `token-${++n}-${Math.random().toString(36).slice(2)}`, clock.now);
  const engines: MemoryEngine[] = [];
  let redraws = 0;
  const supervisor = new EngineSupervisor({
    clock,
    spawn: () => {
      const { token, port } = link.nextLaunch();
      const engine = new MemoryEngine(engineEnv({}, { dataDir: '/data/demo', port, token, demo: true }));
      engines.push(engine);
      return engine;
    },
    onEvent: (e) => {
      if (link.onEvent(e)) redraws += 1;
    },
  });
  const current = (): MemoryEngine => engines.at(-1)!;
  return { clock, link, supervisor, engines, current, redraws: () => redraws };
}

const text = { time: (ms: number) => new Date(ms).toISOString().slice(11, 19), logFile: '/logs/fenghuo.log', maxDelayMs: 300_000 };

describe('a fresh port and token on every engine start', () => {
  it('starts every engine on any free port with a token no engine had before', () => {
    const d = desk();
    d.supervisor.start();
    d.current().ready(41001);
    for (let i = 0; i < 20; i++) {
      d.current().exit(1);
      d.clock.advance(d.link.view.kind === 'down' ? d.link.view.retryAt! - d.clock.time : 0);
      d.current().ready(41002 + i);
    }
    expect(d.engines).toHaveLength(21);
    expect(d.engines.every((e) => e.env.FENGHUO_PORT === '0')).toBe(true);
    expect(new Set(d.engines.map((e) => e.env.FENGHUO_TOKEN)).size).toBe(21);
  });

  it('gives windows the new address once the new engine is ready, and none in between', () => {
    const d = desk();
    d.supervisor.start();
    expect(d.link.url()).toBeNull();
    d.current().ready(41001);
    const first = new URL(d.link.url({ screen: 0 })!);
    expect(first.origin).toBe('http://127.0.0.1:41001');
    expect(first.searchParams.get('token')).toBe(d.engines[0]!.env.FENGHUO_TOKEN);
    expect(d.link.origin).toBe('http://127.0.0.1:41001');

    d.current().exit(1);
    // The old port may be anybody's now: no window is told to try it again.
    expect(d.link.url({ screen: 0 })).toBeNull();
    expect(d.link.origin).toBeNull();
    d.clock.advance(1_000);
    expect(d.link.url()).toBeNull();

    d.current().ready(41777);
    const second = new URL(d.link.url({ screen: 0 })!);
    expect(second.origin).toBe('http://127.0.0.1:41777');
    expect(second.searchParams.get('token')).toBe(d.engines[1]!.env.FENGHUO_TOKEN);
    expect(second.searchParams.get('token')).not.toBe(first.searchParams.get('token'));
  });

  it('takes an address only from the engine it started last', () => {
    const d = desk();
    d.supervisor.start();
    const old = d.current();
    old.exit(1);
    d.clock.advance(1_000);
    old.ready(40000);
    expect(d.link.url()).toBeNull();
    d.current().ready(40001);
    expect(d.link.origin).toBe('http://127.0.0.1:40001');
  });

  it('forgets the address of an engine that stopped answering before it is even killed', () => {
    const d = desk();
    d.supervisor.start();
    d.current().ready(41001);
    d.clock.advance(defaultRestartPolicy.heartbeatTimeoutMs);
    expect(d.link.origin).toBeNull();
    expect(d.link.view).toMatchObject({ kind: 'down', lastError: 'engine stopped answering (no heartbeat for 20 s)' });
  });
});

describe('the walls while the engine is away', () => {
  it('say the station is opening at launch, without alarm', () => {
    const d = desk();
    d.supervisor.start();
    const view = d.link.view;
    if (view.kind !== 'down') throw new Error('expected the engine to be down');
    const lines = outageLines(view, text);
    expect(lines.alarm).toBe(false);
    expect(lines.headline[0]).toBe('Opening the station…');
  });

  it('say when it stopped, why, how often it failed and when the next try is', () => {
    const d = desk();
    d.supervisor.start();
    d.current().ready(41001);
    d.clock.advance(10_000);
    d.current().say({ type: 'fatal', message: 'SQLITE_FULL: database or disk is full' });
    d.current().exit(1);
    d.clock.advance(1_000);
    d.current().say({ type: 'fatal', message: 'SQLITE_FULL: database or disk is full' });
    d.current().exit(1);

    const view = d.link.view;
    if (view.kind !== 'down') throw new Error('expected the engine to be down');
    expect(view).toMatchObject({ failures: 2, retryAt: d.clock.time + 2_000 });
    const lines = outageLines(view, text);
    expect(lines.alarm).toBe(true);
    expect(lines.headline).toContain('站台引擎已停止，正在重新啟動');
    expect(lines.details[0]).toBe('Stopped at 06:00:10 · 2 failed starts in a row. Next try at 06:00:13.');
    expect(lines.details).toContain('Last error: SQLITE_FULL: database or disk is full');
    expect(lines.details.at(-1)).toMatch(/keeps trying, at least every 5 minutes\. Log: \/logs\/fenghuo\.log/);

    // The retry begins: "next try at" becomes "now".
    d.clock.advance(2_000);
    const trying = d.link.view;
    if (trying.kind !== 'down') throw new Error('expected the engine to be down');
    expect(outageLines(trying, text).details[0]).toMatch(/Starting it again now\.$/);
  });

  it('forget the failures of the station they left when another one opens', () => {
    const d = desk();
    d.supervisor.start();
    d.current().say({ type: 'fatal', message: 'database disk image is malformed' });
    d.current().exit(1);
    expect(d.link.view).toMatchObject({ failures: 1, lastError: 'database disk image is malformed' });
    // The Station menu stops this supervisor and starts one for the other folder.
    void d.supervisor.stop();
    const next = new EngineSupervisor({
      clock: d.clock,
      spawn: () => new MemoryEngine(engineEnv({}, { dataDir: '/data/station', ...d.link.nextLaunch(), demo: false })),
      onEvent: (e) => d.link.onEvent(e),
    });
    next.start();
    const view = d.link.view;
    if (view.kind !== 'down') throw new Error('expected the engine to be down');
    expect(outageLines(view, text).headline[0]).toBe('Opening the station…');
  });

  it('keep saying so after hundreds of failures, with the wait capped at five minutes', () => {
    const d = desk();
    d.supervisor.start();
    const waits: number[] = [];
    for (let i = 0; i < 300; i++) {
      d.current().exit(1);
      const view = d.link.view;
      if (view.kind !== 'down' || view.retryAt === null) throw new Error('expected a scheduled retry');
      waits.push(view.retryAt - d.clock.time);
      d.clock.advance(view.retryAt - d.clock.time);
    }
    expect(d.engines).toHaveLength(301);
    expect(Math.max(...waits)).toBe(300_000);
    expect(waits.slice(-5)).toEqual([300_000, 300_000, 300_000, 300_000, 300_000]);
    d.current().ready(45000);
    expect(d.link.view.kind).toBe('up');
  });

  it('redraw on every change the room should see, and the page escapes what the engine said', () => {
    const d = desk();
    d.supervisor.start();
    d.current().ready(41001);
    const before = d.redraws();
    d.current().exit(1); // exited + restarting
    d.clock.advance(1_000); // spawned: "trying now"
    d.current().ready(41002);
    expect(d.redraws() - before).toBeGreaterThanOrEqual(3);

    const html = outagePage(
      { kind: 'down', since: 0, failures: 1, retryAt: 1_000, lastError: '<img src=x onerror=alert(1)>' },
      text,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
  });
});

describe('times on the outage page', () => {
  it('are clock times today, and carry the date when the engine stopped on another day', () => {
    const now = new Date(2026, 2, 3, 9, 15, 0).getTime();
    expect(localTime(new Date(2026, 2, 3, 8, 5, 9).getTime(), now)).toBe('08:05:09');
    expect(localTime(new Date(2026, 2, 1, 23, 59, 1).getTime(), now)).toBe('2026-03-01 23:59:01');
  });
});
