// The station's windows: one main window, or in wall mode one kiosk window per display that
// never sleeps and never throttles. Nobody stands at a wall to press F5, so a renderer that
// crashes, hangs or cannot load is reloaded with growing waits, displays that change size or
// arrangement re-lay the walls, and while the engine is away every window shows the shell's
// outage page instead of knocking on a port that is no longer the station's.
import { BrowserWindow, powerSaveBlocker, screen, type BrowserWindowConstructorOptions } from 'electron';
import { Backoff, type BackoffPolicy } from './backoff';
import { planWalls, wallSlots, type Rect, type WallSlot } from './displays';
import type { Log } from './log';
import { originOf, type ScreenPlace } from './policy';

/** How long a renderer may stay unresponsive before it is crashed and reloaded. */
const UNRESPONSIVE_MS = 10_000;
/** Display events come in bursts while a screen is re-arranged; act once it settles. */
const DISPLAY_SETTLE_MS = 750;
const CRASH_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000, quietMs: 10 * 60_000 };
const LOAD_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000, quietMs: 60_000 };
/** Chromium's ERR_ABORTED: a load replaced by another, not a failure. */
const ERR_ABORTED = -3;

export interface WindowsOptions {
  preload: string;
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
  retry: ReturnType<typeof setTimeout> | null;
}

export class StationWindows {
  private readonly windows = new Map<BrowserWindow, Placed>();
  private wakeLock: number | null = null;
  private wallMode = false;
  private wallReload: ReturnType<typeof setInterval> | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: WindowsOptions) {
    const changed = (): void => {
      if (!this.wallMode) return;
      if (this.settle) clearTimeout(this.settle);
      this.settle = setTimeout(() => {
        this.settle = null;
        this.relayWalls();
      }, DISPLAY_SETTLE_MS);
    };
    screen.on('display-added', changed);
    screen.on('display-removed', changed);
    screen.on('display-metrics-changed', changed);
  }

  get wall(): boolean {
    return this.wallMode;
  }

  /** Replaces whatever is open with the windows of the chosen mode. */
  open(wall: boolean): void {
    // New windows first, old ones after: the app never has zero windows, so switching
    // modes cannot trigger window-all-closed and quit.
    const old = [...this.windows.keys()];
    this.wallMode = wall;
    if (wall) {
      for (const slot of wallSlots(screen.getAllDisplays())) this.openWall(slot);
      if (this.wakeLock === null) this.wakeLock = powerSaveBlocker.start('prevent-display-sleep');
      if (this.wallReload === null && this.options.wallReloadMs !== null) {
        this.wallReload = setInterval(() => {
          this.options.log('window: scheduled reload of the walls');
          this.showAll();
        }, this.options.wallReloadMs);
      }
    } else {
      if (this.wallReload !== null) clearInterval(this.wallReload);
      this.wallReload = null;
      this.create({}, { width: 1440, height: 900 });
      if (this.wakeLock !== null) powerSaveBlocker.stop(this.wakeLock);
      this.wakeLock = null;
    }
    for (const win of old) this.close(win);
  }

  /** Every window loads what it should show now: after the engine came up, moved or went away. */
  showAll(): void {
    for (const win of this.windows.keys()) this.load(win);
  }

  reload(win: BrowserWindow | null | undefined): void {
    if (win && this.windows.has(win)) this.load(win);
  }

  focus(): void {
    const first = this.windows.keys().next().value;
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.show();
    first.focus();
  }

  /** Displays were added, removed, resized or re-arranged: one wall window per display again. */
  private relayWalls(): void {
    const open = new Map<number, BrowserWindow>();
    for (const [win, placed] of this.windows) if (placed.slot) open.set(placed.slot.displayId, win);
    const plan = planWalls(
      screen.getAllDisplays(),
      [...this.windows.values()].flatMap((p) => (p.slot ? [p.slot] : [])),
    );
    if (plan.open.length + plan.close.length === 0 && plan.keep.every((k) => !k.move && !k.renumber)) return;
    this.options.log(`window: displays changed; ${plan.open.length} new, ${plan.close.length} gone, ${plan.keep.length} kept`);
    for (const slot of plan.open) this.openWall(slot);
    for (const { slot, move, renumber } of plan.keep) {
      const win = open.get(slot.displayId);
      const placed = win && this.windows.get(win);
      if (!win || !placed) continue;
      placed.slot = slot;
      if (move) fit(win, slot.bounds);
      if (renumber) {
        placed.place = { ...placed.place, screen: slot.index };
        this.load(win);
      }
    }
    for (const id of plan.close) {
      const win = open.get(id);
      if (win) this.close(win);
    }
  }

  private openWall(slot: WallSlot): void {
    const path = this.options.screenPath(slot.displayId);
    const win = this.create(
      { screen: slot.index, ...(path ? { path } : {}) },
      { ...slot.bounds, kiosk: true, frame: false },
      slot,
    );
    // Whatever board or playlist an operator picks on this display is where it reopens.
    const remember = (_e: unknown, url: string): void => this.options.rememberScreenPath(slot.displayId, url);
    win.webContents.on('did-navigate', remember);
    win.webContents.on('did-navigate-in-page', remember);
  }

  private create(place: ScreenPlace, frame: BrowserWindowConstructorOptions, slot?: WallSlot): BrowserWindow {
    const win = new BrowserWindow({
      ...frame,
      title: 'Fenghuo 烽火',
      backgroundColor: '#0b0f14',
      autoHideMenuBar: place.screen !== undefined,
      webPreferences: {
        preload: this.options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        // A wall behind another window must keep animating and counting.
        backgroundThrottling: place.screen === undefined,
      },
    });
    this.windows.set(win, { place, ...(slot ? { slot } : {}), retry: null });
    win.on('closed', () => this.forget(win));
    this.keepAlive(win);
    this.load(win);
    return win;
  }

  private close(win: BrowserWindow): void {
    this.forget(win);
    if (!win.isDestroyed()) win.destroy();
  }

  private forget(win: BrowserWindow): void {
    const placed = this.windows.get(win);
    if (placed?.retry) clearTimeout(placed.retry);
    this.windows.delete(win);
  }

  /** Loads what the window should show now; a pending retry is dropped (it may aim at an old engine). */
  private load(win: BrowserWindow): void {
    const placed = this.windows.get(win);
    if (!placed || win.isDestroyed()) return;
    if (placed.retry) clearTimeout(placed.retry);
    placed.retry = null;
    win.loadURL(this.options.pageFor(placed.place)).catch(() => {
      // Reported through did-fail-load, which retries.
    });
  }

  private later(win: BrowserWindow, ms: number): void {
    const placed = this.windows.get(win);
    if (!placed) return;
    if (placed.retry) clearTimeout(placed.retry);
    placed.retry = setTimeout(() => {
      placed.retry = null;
      this.load(win);
    }, ms);
  }

  private keepAlive(win: BrowserWindow): void {
    const contents = win.webContents;
    const crashes = new Backoff(CRASH_BACKOFF);
    const failedLoads = new Backoff(LOAD_BACKOFF);
    let hang: ReturnType<typeof setTimeout> | null = null;

    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      const delay = crashes.fail(Date.now());
      this.options.log(
        `window: renderer gone (${details.reason}, exit ${details.exitCode}, ${crashes.count} in a row); reloading in ${delay / 1000} s`,
      );
      this.later(win, delay);
    });
    win.on('unresponsive', () => {
      hang ??= setTimeout(() => {
        hang = null;
        this.options.log(`window: renderer unresponsive for ${UNRESPONSIVE_MS / 1000} s; restarting it`);
        // render-process-gone follows and reloads the page in a fresh process.
        if (!win.isDestroyed()) contents.forcefullyCrashRenderer();
      }, UNRESPONSIVE_MS);
    });
    win.on('responsive', () => {
      if (hang) clearTimeout(hang);
      hang = null;
    });
    contents.on('did-fail-load', (_event, errorCode, description, url, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED) return;
      const delay = failedLoads.fail(Date.now());
      // Said once per outage, not once per try.
      if (failedLoads.count === 1) this.options.log(`window: cannot load ${originOf(url) ?? 'a page'} (${description}); retrying`);
      this.later(win, delay);
    });
  }
}

/** Kiosk windows ignore new bounds until they leave kiosk mode for a moment. */
function fit(win: BrowserWindow, bounds: Rect): void {
  if (win.isDestroyed()) return;
  const kiosk = win.isKiosk();
  if (kiosk) win.setKiosk(false);
  win.setBounds(bounds);
  if (kiosk) win.setKiosk(true);
}
