// The station's windows: one main window, or in wall mode one kiosk window per display that
// never sleeps and never throttles. Nobody stands at a wall to press F5, so a renderer that
// crashes, hangs or cannot load is reloaded with growing waits, displays that change size or
// arrangement re-lay the walls, and while the engine is away every window shows the shell's
// outage page instead of knocking on a port that is no longer the station's.
// Pure of Electron: windows, displays and the wake lock come through a `WindowHost`
// (window-host.ts is Electron's), time through a `Clock`; tests drive it with stand-ins.
import { Backoff, type BackoffPolicy } from './backoff';
import { planWalls, wallSlots, type DisplayInfo, type Rect, type WallSlot } from './displays';
import type { Log } from './log';
import { originOf, type ScreenPlace } from './policy';
import type { Clock } from './supervisor';

/** How long a renderer may stay unresponsive before it is crashed and reloaded. */
export const UNRESPONSIVE_MS = 10_000;
/** Display events come in bursts while a screen is re-arranged; act once it settles. */
export const DISPLAY_SETTLE_MS = 750;
export const CRASH_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000, quietMs: 10 * 60_000 };
export const LOAD_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000, quietMs: 60_000 };

/** What the shell needs of one window. */
export interface ShellWindow {
  load(url: string): void;
  isDestroyed(): boolean;
  destroy(): void;
  /** Moves and resizes the window (a kiosk window too). */
  fit(bounds: Rect): void;
  focus(): void;
  /** Kills the renderer process; `onRendererGone` follows. */
  crashRenderer(): void;
  onClosed(listener: () => void): void;
  /** The renderer process died; `reason` as Electron says it ('crashed', 'oom', 'clean-exit' …). */
  onRendererGone(listener: (reason: string, exitCode: number) => void): void;
  onUnresponsive(listener: () => void): void;
  onResponsive(listener: () => void): void;
  /** The top frame could not load `url` (loads replaced by another are not failures). */
  onLoadFailed(listener: (description: string, url: string) => void): void;
  /** The page moved to `url`, by a link or in-page. */
  onNavigated(listener: (url: string) => void): void;
}

export interface WindowFrame {
  bounds?: Rect;
  width?: number;
  height?: number;
  kiosk: boolean;
  /** Walls keep animating and counting when covered: no background throttling. */
  wall: boolean;
}

export interface WindowHost {
  createWindow(frame: WindowFrame): ShellWindow;
  displays(): DisplayInfo[];
  onDisplaysChanged(listener: () => void): void;
  /** Keeps displays awake; returns a handle for `allowDisplaySleep`. */
  preventDisplaySleep(): number;
  allowDisplaySleep(handle: number): void;
}

export interface WindowsOptions {
  host: WindowHost;
  clock: Clock;
  /** What a window at a place shows now: the station while the engine is up, else the outage page. */
  pageFor: (place: ScreenPlace) => string;
  /** Reload wall windows this often (null: never), against slow renderer leaks over weeks. */
  wallReloadMs: number | null;
  /** The board or playlist a display showed last, and where to remember a new one. */
  screenPath: (displayId: number) => string | undefined;
  rememberScreenPath: (displayId: number, url: string) => void;
  log: Log;
}

interface Placed {
  place: ScreenPlace;
  /** Wall windows only: the display they cover. */
  slot?: WallSlot;
  retry: unknown;
}

export class StationWindows {
  private readonly windows = new Map<ShellWindow, Placed>();
  private wakeLock: number | null = null;
  private wallMode = false;
  private wallReload: unknown = null;
  private settle: unknown = null;

  constructor(private readonly options: WindowsOptions) {
    options.host.onDisplaysChanged(() => {
      if (!this.wallMode) return;
      this.clear(this.settle);
      this.settle = options.clock.setTimeout(() => {
        this.settle = null;
        this.relayWalls();
      }, DISPLAY_SETTLE_MS);
    });
  }

  get wall(): boolean {
    return this.wallMode;
  }

  /** The windows open now, in the order they were opened. */
  get all(): ShellWindow[] {
    return [...this.windows.keys()];
  }

  /** Replaces whatever is open with the windows of the chosen mode. */
  open(wall: boolean): void {
    // New windows first, old ones after: the app never has zero windows, so switching
    // modes cannot trigger window-all-closed and quit.
    const old = [...this.windows.keys()];
    this.wallMode = wall;
    const { host } = this.options;
    if (wall) {
      for (const slot of wallSlots(host.displays())) this.openWall(slot);
      this.wakeLock ??= host.preventDisplaySleep();
      if (this.wallReload === null && this.options.wallReloadMs !== null) this.scheduleWallReload(this.options.wallReloadMs);
    } else {
      this.clear(this.wallReload);
      this.wallReload = null;
      this.create({}, { width: 1440, height: 900, kiosk: false, wall: false });
      if (this.wakeLock !== null) host.allowDisplaySleep(this.wakeLock);
      this.wakeLock = null;
    }
    for (const win of old) this.close(win);
  }

  /** Every window loads what it should show now: after the engine came up, moved or went away. */
  showAll(): void {
    for (const win of this.windows.keys()) this.load(win);
  }

  reload(win: ShellWindow | undefined): void {
    if (win && this.windows.has(win)) this.load(win);
  }

  focus(): void {
    this.windows.keys().next().value?.focus();
  }

  private scheduleWallReload(ms: number): void {
    this.wallReload = this.options.clock.setTimeout(() => {
      this.options.log('window: scheduled reload of the walls');
      this.showAll();
      this.scheduleWallReload(ms);
    }, ms);
  }

  /** Displays were added, removed, resized or re-arranged: one wall window per display again. */
  private relayWalls(): void {
    const byDisplay = new Map<number, ShellWindow>();
    for (const [win, placed] of this.windows) if (placed.slot) byDisplay.set(placed.slot.displayId, win);
    const open = [...this.windows.values()].flatMap((p) => (p.slot ? [p.slot] : []));
    const plan = planWalls(this.options.host.displays(), open);
    if (plan.open.length + plan.close.length === 0 && plan.keep.every((k) => !k.move && !k.renumber)) return;
    this.options.log(`window: displays changed; ${plan.open.length} new, ${plan.close.length} gone, ${plan.keep.length} kept`);
    for (const slot of plan.open) this.openWall(slot);
    for (const { slot, move, renumber } of plan.keep) {
      const win = byDisplay.get(slot.displayId);
      const placed = win && this.windows.get(win);
      if (!win || !placed) continue;
      placed.slot = slot;
      if (move) win.fit(slot.bounds);
      if (renumber) {
        placed.place = { ...placed.place, screen: slot.index };
        this.load(win);
      }
    }
    for (const id of plan.close) {
      const win = byDisplay.get(id);
      if (win) this.close(win);
    }
  }

  private openWall(slot: WallSlot): void {
    const path = this.options.screenPath(slot.displayId);
    const win = this.create({ screen: slot.index, ...(path ? { path } : {}) }, { bounds: slot.bounds, kiosk: true, wall: true }, slot);
    // Whatever board or playlist an operator picks on this display is where it reopens.
    win.onNavigated((url) => this.options.rememberScreenPath(slot.displayId, url));
  }

  private create(place: ScreenPlace, frame: WindowFrame, slot?: WallSlot): ShellWindow {
    const win = this.options.host.createWindow(frame);
    this.windows.set(win, { place, ...(slot ? { slot } : {}), retry: null });
    win.onClosed(() => this.forget(win));
    this.keepAlive(win);
    this.load(win);
    return win;
  }

  private close(win: ShellWindow): void {
    this.forget(win);
    if (!win.isDestroyed()) win.destroy();
  }

  private forget(win: ShellWindow): void {
    this.clear(this.windows.get(win)?.retry ?? null);
    this.windows.delete(win);
  }

  /** Loads what the window should show now; a pending retry is dropped (it may aim at an old engine). */
  private load(win: ShellWindow): void {
    const placed = this.windows.get(win);
    if (!placed || win.isDestroyed()) return;
    this.clear(placed.retry);
    placed.retry = null;
    win.load(this.options.pageFor(placed.place));
  }

  private later(win: ShellWindow, ms: number): void {
    const placed = this.windows.get(win);
    if (!placed) return;
    this.clear(placed.retry);
    placed.retry = this.options.clock.setTimeout(() => {
      placed.retry = null;
      this.load(win);
    }, ms);
  }

  private keepAlive(win: ShellWindow): void {
    const { clock, log } = this.options;
    const crashes = new Backoff(CRASH_BACKOFF);
    const failedLoads = new Backoff(LOAD_BACKOFF);
    let hang: unknown = null;

    win.onRendererGone((reason, exitCode) => {
      if (reason === 'clean-exit') return;
      const delay = crashes.fail(clock.now());
      log(`window: renderer gone (${reason}, exit ${exitCode}, ${crashes.count} in a row); reloading in ${delay / 1000} s`);
      this.later(win, delay);
    });
    win.onUnresponsive(() => {
      hang ??= clock.setTimeout(() => {
        hang = null;
        log(`window: renderer unresponsive for ${UNRESPONSIVE_MS / 1000} s; restarting it`);
        // onRendererGone follows and reloads the page in a fresh process.
        if (!win.isDestroyed()) win.crashRenderer();
      }, UNRESPONSIVE_MS);
    });
    win.onResponsive(() => {
      this.clear(hang);
      hang = null;
    });
    win.onLoadFailed((description, url) => {
      const delay = failedLoads.fail(clock.now());
      // Said once per outage, not once per try.
      if (failedLoads.count === 1) log(`window: cannot load ${originOf(url) ?? 'a page'} (${description}); retrying`);
      this.later(win, delay);
    });
  }

  private clear(handle: unknown): void {
    if (handle !== null) this.options.clock.clearTimeout(handle);
  }
}
