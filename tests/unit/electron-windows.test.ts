// The walls as the shell drives them, with stand-ins for Electron's windows and screen: what
// every window shows while the engine starts, dies and comes back on a new port with a new
// token; crashed and frozen renderers; displays that come, go and change size.
import { describe, expect, it } from 'vitest';
import { TimerClock } from '../helpers/timer-clock';
import type { DisplayInfo, Rect } from '../../electron/main/displays';
import { EngineLink } from '../../electron/main/link';
import { engineEnv } from '../../electron/main/policy';
import { EngineSupervisor, type EngineChild } from '../../electron/main/supervisor';
import { StationWindows, type ShellWindow, type WindowFrame, type WindowHost } from '../../electron/main/windows';


class FakeWindow implements ShellWindow {
  loads: string[] = [];
  fits: Rect[] = [];
  destroyed = false;
  crashed = 0;
  private listeners = new Map<string, ((...args: never[]) => void)[]>();
  constructor(readonly frame: WindowFrame) {}
  get url(): string | undefined {
    return this.loads.at(-1);
  }
  load(url: string): void {
    this.loads.push(url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  fit(bounds: Rect): void {
    this.fits.push(bounds);
  }
  focus(): void {}
  crashRenderer(): void {
    this.crashed += 1;
    this.emit('gone', 'killed', 9);
  }
  private on(name: string, l: (...args: never[]) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(name) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
  onClosed = (l: () => void): void => this.on('closed', l);
  onRendererGone = (l: (reason: string, exitCode: number) => void): void => this.on('gone', l);
  onUnresponsive = (l: () => void): void => this.on('unresponsive', l);
  onResponsive = (l: () => void): void => this.on('responsive', l);
  onLoadFailed = (l: (description: string, url: string) => void): void => this.on('failed', l);
  onNavigated = (l: (url: string) => void): void => this.on('navigated', l);
}

class FakeHost implements WindowHost {
  windows: FakeWindow[] = [];
  screens: DisplayInfo[] = [];
  awake: number[] = [];
  private changed: (() => void)[] = [];
  private nextLock = 1;
  createWindow(frame: WindowFrame): FakeWindow {
    const w = new FakeWindow(frame);
    this.windows.push(w);
    return w;
  }
  displays(): DisplayInfo[] {
    return this.screens;
  }
  onDisplaysChanged(l: () => void): void {
    this.changed.push(l);
  }
  preventDisplaySleep(): number {
    const id = this.nextLock++;
    this.awake.push(id);
    return id;
  }
  allowDisplaySleep(handle: number): void {
    this.awake = this.awake.filter((h) => h !== handle);
  }
  setDisplays(screens: DisplayInfo[]): void {
    this.screens = screens;
    for (const l of this.changed) l();
  }
  get open(): FakeWindow[] {
    return this.windows.filter((w) => !w.destroyed);
  }
}

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
    for (const l of this.onMsg) l({ type: 'ready', url: `http://127.0.0.1:${port}`, port });
  }
  beat(at: number): void {
    for (const l of this.onMsg) l({ type: 'heartbeat', at });
  }
  exit(code: number | null): void {
    for (const l of this.onEnd.splice(0)) l(code);
  }
}

const display = (id: number, x: number, width = 3840, height = 2160): DisplayInfo => ({ id, bounds: { x, y: 0, width, height } });

/** The shell as index.ts wires it, minus Electron. */
function shell(screens: DisplayInfo[] = [display(1, 0), display(2, 3840)], remembered: Record<number, string> = {}) {
  const clock = new TimerClock();
  const host = new FakeHost();
  host.screens = screens;
  let n = 0;
  const link = new EngineLink(() => `t${++n}`, clock.now);
  const logs: string[] = [];
  const text = { time: (ms: number) => new Date(ms).toISOString().slice(11, 19), logFile: '/logs/fenghuo.log', maxDelayMs: 300_000 };
  const windows = new StationWindows({
    host,
    clock,
    pageFor: (place) => link.page(place, text),
    wallReloadMs: 24 * 3600_000,
    screenPath: (id) => remembered[id],
    rememberScreenPath: (id, url) => {
      remembered[id] = new URL(url).pathname;
    },
    log: (l) => logs.push(l),
  });
  const engines: MemoryEngine[] = [];
  const supervisor = new EngineSupervisor({
    clock,
    spawn: () => {
      const { token, port } = link.nextLaunch();
      const e = new MemoryEngine(engineEnv({}, { dataDir: '/d', port, token, demo: true }));
      engines.push(e);
      return e;
    },
    onEvent: (e) => {
      if (link.onEvent(e)) windows.showAll();
    },
  });
  const engine = (): MemoryEngine => engines.at(-1)!;
  return { clock, host, link, windows, supervisor, engine, logs, remembered };
}

const isOutage = (url: string | undefined): boolean => !!url?.startsWith('data:text/html');
const pageText = (url: string | undefined): string => decodeURIComponent(url!.slice(url!.indexOf(',') + 1));

describe('every wall while the engine starts, dies and comes back', () => {
  it('shows the opening page at once, then the station with its launch token', () => {
    const s = shell();
    s.supervisor.start();
    s.windows.open(true);
    expect(s.host.open).toHaveLength(2);
    expect(s.host.open.every((w) => isOutage(w.url) && pageText(w.url).includes('Opening the station'))).toBe(true);

    s.engine().ready(41001);
    expect(s.host.open.map((w) => w.url)).toEqual([
      'http://127.0.0.1:41001/?token=t1&wall=1&screen=0',
      'http://127.0.0.1:41001/?token=t1&wall=1&screen=1',
    ]);
  });

  it('leaves the old address the moment the engine dies, says so on every wall, and loads the new port and token on its board', () => {
    const s = shell([display(1, 0), display(2, 3840)], { 2: '/wall/3' });
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);

    s.engine().exit(1);
    for (const w of s.host.open) {
      expect(isOutage(w.url)).toBe(true);
      expect(pageText(w.url)).toContain('Station engine stopped');
      expect(pageText(w.url)).toContain('Next try at 06:00:01');
    }
    s.clock.advance(1_000);
    s.engine().ready(41777);
    expect(s.host.open.map((w) => w.url)).toEqual([
      'http://127.0.0.1:41777/?token=t2&wall=1&screen=0',
      'http://127.0.0.1:41777/wall/3?token=t2&wall=1&screen=1',
    ]);
    // Nothing anywhere loaded the old port again once the engine had died.
    for (const w of s.host.windows) {
      const died = w.loads.findIndex((u, i) => isOutage(u) && i > w.loads.findIndex((v) => v.includes(':41001')));
      expect(died).toBeGreaterThan(0);
      expect(w.loads.slice(died).some((u) => u.includes(':41001'))).toBe(false);
    }
  });

  it('drops a reload that was waiting for the old engine: the wall loads whatever is current when the wait ends', () => {
    const s = shell([display(1, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    const [wall] = s.host.open;
    const before = wall!.loads.length;
    wall!.emit('gone', 'crashed', 1); // reload scheduled in 1 s …
    s.engine().exit(1); // … but the engine dies first
    s.clock.advance(5_000);
    expect(wall!.loads.length).toBeGreaterThan(before);
    expect(wall!.loads.slice(before).some((u) => u.includes(':41001'))).toBe(false);
  });
});

describe('a wall renderer that crashes or freezes', () => {
  it('reloads after 1, 2 and 4 s when it keeps crashing', () => {
    const s = shell([display(1, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    const [wall] = s.host.open;
    const reloadsAfter = (ms: number): number => {
      const before = wall!.loads.length;
      s.clock.advance(ms - 1);
      const early = wall!.loads.length - before;
      s.clock.advance(1);
      expect(early).toBe(0);
      return wall!.loads.length - before;
    };
    wall!.emit('gone', 'crashed', 1);
    expect(reloadsAfter(1_000)).toBe(1);
    wall!.emit('gone', 'oom', 1);
    expect(reloadsAfter(2_000)).toBe(1);
    wall!.emit('gone', 'crashed', 1);
    expect(reloadsAfter(4_000)).toBe(1);
    expect(wall!.url).toBe('http://127.0.0.1:41001/?token=t1&wall=1&screen=0');
  });

  it('is crashed and reloaded after ten unresponsive seconds, unless it recovers', () => {
    const s = shell([display(1, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    const [wall] = s.host.open;
    wall!.emit('unresponsive');
    s.clock.advance(5_000);
    wall!.emit('responsive');
    s.clock.advance(10_000);
    expect(wall!.crashed).toBe(0);

    wall!.emit('unresponsive');
    s.clock.advance(10_000);
    expect(wall!.crashed).toBe(1);
    const loads = wall!.loads.length;
    s.clock.advance(1_000);
    expect(wall!.loads.length).toBe(loads + 1);
  });
});

describe('walls and displays', () => {
  it('opens a wall on a display that was plugged in, closes the one whose display left, and refits a resized one', () => {
    const s = shell([display(1, 0), display(2, 3840)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    const [left, right] = s.host.open;

    s.host.setDisplays([display(1, 0, 1920, 1080), display(2, 1920), display(3, 5760)]);
    s.host.setDisplays([display(1, 0, 1920, 1080), display(2, 1920), display(3, 5760)]);
    expect(s.host.open).toHaveLength(2); // settles first
    s.clock.advance(750);
    expect(s.host.open).toHaveLength(3);
    expect(left!.fits).toEqual([{ x: 0, y: 0, width: 1920, height: 1080 }]);
    expect(right!.fits).toEqual([{ x: 1920, y: 0, width: 3840, height: 2160 }]);
    expect(s.host.open[2]!.frame).toMatchObject({ kiosk: true, wall: true, bounds: { x: 5760 } });
    expect(s.host.open[2]!.url).toBe('http://127.0.0.1:41001/?token=t1&wall=1&screen=2');

    s.host.setDisplays([display(2, 0), display(3, 3840)]);
    s.clock.advance(750);
    expect(left!.destroyed).toBe(true);
    expect(s.host.open).toHaveLength(2);
    // What was screen 1 is now the leftmost: screen 0.
    expect(right!.url).toBe('http://127.0.0.1:41001/?token=t1&wall=1&screen=0');
  });

  it('keeps its windows while no display is reported at all', () => {
    const s = shell([display(1, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.host.setDisplays([]);
    s.clock.advance(750);
    expect(s.host.open).toHaveLength(1);
  });

  it('remembers the board each display shows, for the next launch', () => {
    const s = shell([display(7, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    s.host.open[0]!.emit('navigated', 'http://127.0.0.1:41001/wall/2?token=t1');
    expect(s.remembered).toEqual({ 7: '/wall/2' });
  });

  it('switches between walls and a desk window without ever having no window, and lets displays sleep again', () => {
    const s = shell([display(1, 0), display(2, 3840)]);
    s.supervisor.start();
    s.windows.open(true);
    expect(s.host.awake).toHaveLength(1);
    const closedWith: number[] = [];
    for (const w of s.host.open) w.onClosed(() => closedWith.push(s.host.open.length));
    s.windows.open(false);
    expect(closedWith.every((n) => n > 0)).toBe(true);
    expect(s.host.open).toHaveLength(1);
    expect(s.host.open[0]!.frame).toMatchObject({ kiosk: false, wall: false });
    expect(s.host.awake).toEqual([]);
  });

  it('reloads the walls once a day against slow leaks', () => {
    const s = shell([display(1, 0)]);
    s.supervisor.start();
    s.windows.open(true);
    s.engine().ready(41001);
    const [wall] = s.host.open;
    const loads = wall!.loads.length;
    // Heartbeats keep the engine alive meanwhile.
    for (let h = 0; h < 48 * 720; h++) {
      s.clock.advance(5_000);
      s.engine().beat(s.clock.time);
    }
    expect(wall!.loads.length - loads).toBe(2);
  });
});
