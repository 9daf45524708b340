// Electron's side of the windows: real BrowserWindows (sandboxed, isolated, no Node), the
// screen module and the power-save blocker, behind the small interfaces windows.ts works with.
import { BrowserWindow, powerSaveBlocker, screen } from 'electron';
import type { Rect } from './displays';
import type { ShellWindow, WindowFrame, WindowHost } from './windows';

/** Chromium's ERR_ABORTED: a load replaced by another, not a failure. */
const ERR_ABORTED = -3;

/** The BrowserWindow behind each ShellWindow, for the menu's "reload the focused window". */
const natives = new WeakMap<BrowserWindow, ShellWindow>();

export function shellWindowOf(win: BrowserWindow | null): ShellWindow | undefined {
  return win ? natives.get(win) : undefined;
}

export function electronWindowHost(preload: string): WindowHost {
  return {
    createWindow: (frame) => wrap(create(frame, preload)),
    displays: () => screen.getAllDisplays(),
    onDisplaysChanged: (listener) => {
      screen.on('display-added', listener);
      screen.on('display-removed', listener);
      screen.on('display-metrics-changed', listener);
    },
    preventDisplaySleep: () => powerSaveBlocker.start('prevent-display-sleep'),
    allowDisplaySleep: (handle) => powerSaveBlocker.stop(handle),
  };
}

function create(frame: WindowFrame, preload: string): BrowserWindow {
  return new BrowserWindow({
    ...(frame.bounds ?? { width: frame.width ?? 1440, height: frame.height ?? 900 }),
    ...(frame.kiosk ? { kiosk: true, frame: false } : {}),
    title: 'Fenghuo 烽火',
    backgroundColor: '#0b0f14',
    autoHideMenuBar: frame.wall,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: !frame.wall,
    },
  });
}

function wrap(win: BrowserWindow): ShellWindow {
  const contents = win.webContents;
  const shellWindow: ShellWindow = {
    load: (url) => {
      win.loadURL(url).catch(() => {
        // Reported through did-fail-load, which retries.
      });
    },
    isDestroyed: () => win.isDestroyed(),
    destroy: () => win.destroy(),
    fit: (bounds: Rect) => {
      if (win.isDestroyed()) return;
      // Kiosk windows ignore new bounds until they leave kiosk mode for a moment.
      const kiosk = win.isKiosk();
      if (kiosk) win.setKiosk(false);
      win.setBounds(bounds);
      if (kiosk) win.setKiosk(true);
    },
    focus: () => {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    crashRenderer: () => contents.forcefullyCrashRenderer(),
    onClosed: (listener) => win.on('closed', listener),
    onRendererGone: (listener) => contents.on('render-process-gone', (_e, d) => listener(d.reason, d.exitCode)),
    onUnresponsive: (listener) => win.on('unresponsive', listener),
    onResponsive: (listener) => win.on('responsive', listener),
    onLoadFailed: (listener) =>
      contents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
        if (isMainFrame && code !== ERR_ABORTED) listener(description, url);
      }),
    onNavigated: (listener) => {
      contents.on('did-navigate', (_e, url) => listener(url));
      contents.on('did-navigate-in-page', (_e, url, isMainFrame) => {
        if (isMainFrame) listener(url);
      });
    },
  };
  natives.set(win, shellWindow);
  return shellWindow;
}
