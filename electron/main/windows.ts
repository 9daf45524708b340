// The station's windows: one main window, or in wall mode one kiosk window per display that
// never sleeps and never throttles. A renderer that crashes, hangs or cannot load (engine
// restarting) is reloaded, because nobody stands at a wall to press F5.
import { BrowserWindow, powerSaveBlocker, screen, type BrowserWindowConstructorOptions } from 'electron';
import type { Log } from './log';
import { originOf, type ScreenPlace } from './policy';

/** How long a renderer may stay unresponsive before it is crashed and reloaded. */
const UNRESPONSIVE_MS = 10_000;
const RELOAD_DELAY_MS = 1_000;
const RETRY_LOAD_MS = 2_000;
/** Chromium's ERR_ABORTED: a load replaced by another, not a failure. */
const ERR_ABORTED = -3;

export interface WindowsOptions {
  preload: string;
  /** The page for a place, or null while the engine has not said where it listens. */
  urlFor: (place: ScreenPlace) => string | null;
  /** Reload wall windows this often (null: never), against slow renderer leaks over weeks. */
  wallReloadMs: number | null;
  /** The board or playlist a display showed last, and where to remember a new one. */
  screenPath: (displayId: number) => string | undefined;
  rememberScreenPath: (displayId: number, url: string) => void;
  log: Log;
}

export class StationWindows {
  private readonly places = new Map<BrowserWindow, ScreenPlace>();
  private wakeLock: number | null = null;
  private wallMode = false;
  private wallReload: NodeJS.Timeout | null = null;

  constructor(private readonly options: WindowsOptions) {
    const refit = (): void => {
      if (this.wallMode) this.open(true);
    };
    screen.on('display-added', refit);
    screen.on('display-removed', refit);
  }

  get wall(): boolean {
    return this.wallMode;
  }

  /** Replaces whatever is open with the windows of the chosen mode. */
  open(wall: boolean): void {
    // New windows first, old ones after: the app never has zero windows, so switching
    // modes cannot trigger window-all-closed and quit.
    const old = [...this.places.keys()];
    this.wallMode = wall;
    if (wall) {
      screen.getAllDisplays().forEach((display, index) => {
        const { x, y, width, height } = display.bounds;
        const path = this.options.screenPath(display.id);
        const win = this.create({ screen: index, ...(path ? { path } : {}) }, { x, y, width, height, kiosk: true, frame: false });
        // Whatever board or playlist an operator picks on this display is where it reopens.
        const remember = (_e: unknown, url: string): void => this.options.rememberScreenPath(display.id, url);
        win.webContents.on('did-navigate', remember);
        win.webContents.on('did-navigate-in-page', remember);
      });
      if (this.wakeLock === null) this.wakeLock = powerSaveBlocker.start('prevent-display-sleep');
      if (this.wallReload === null && this.options.wallReloadMs !== null) {
        this.wallReload = setInterval(() => {
          this.options.log('window: scheduled reload of the walls');
          this.reloadAll();
        }, this.options.wallReloadMs);
      }
    } else {
      if (this.wallReload !== null) clearInterval(this.wallReload);
      this.wallReload = null;
      this.create({}, { width: 1440, height: 900 });
      if (this.wakeLock !== null) powerSaveBlocker.stop(this.wakeLock);
      this.wakeLock = null;
    }
    for (const win of old) {
      this.places.delete(win);
      win.destroy();
    }
  }

  /** Loads the station page again in every window: after the engine moved to another port. */
  reloadAll(): void {
    for (const win of this.places.keys()) this.load(win);
  }

  reload(win: BrowserWindow | null | undefined): void {
    if (win && this.places.has(win)) this.load(win);
  }

  focus(): void {
    const first = this.places.keys().next().value;
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.show();
    first.focus();
  }

  private create(place: ScreenPlace, frame: BrowserWindowConstructorOptions): BrowserWindow {
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
    this.places.set(win, place);
    win.on('closed', () => this.places.delete(win));
    this.keepAlive(win);
    this.load(win);
    return win;
  }

  private load(win: BrowserWindow): void {
    const place = this.places.get(win);
    const url = place && this.options.urlFor(place);
    if (!url || win.isDestroyed()) return;
    win.loadURL(url).catch(() => {
      // Reported through did-fail-load, which retries.
    });
  }

  private keepAlive(win: BrowserWindow): void {
    const contents = win.webContents;
    const later = (ms: number): void => {
      setTimeout(() => {
        if (!win.isDestroyed()) this.load(win);
      }, ms);
    };
    let hang: ReturnType<typeof setTimeout> | null = null;
    let failing = false;

    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      this.options.log(`window: renderer gone (${details.reason}, exit ${details.exitCode}); reloading`);
      later(RELOAD_DELAY_MS);
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
      // The engine may be restarting: keep trying, but say so only once per outage.
      if (!failing) this.options.log(`window: cannot load ${originOf(url) ?? url} (${description}); retrying`);
      failing = true;
      later(RETRY_LOAD_MS);
    });
    contents.on('did-finish-load', () => {
      failing = false;
    });
  }
}
