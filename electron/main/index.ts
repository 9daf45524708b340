// Fenghuo desktop shell: one instance, one supervised engine, and the station's windows.
// Everything the station does happens in the engine (a utilityProcess) and the renderer
// it serves; this file only wires the pieces together.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { forkEngine } from './engine';
import { registerIpc } from './ipc';
import { createLog } from './log';
import { installMenu } from './menu';
import { engineEnv, originOf, parseFlags, stationUrl, wallPathOf, wallReloadMs, wantsDemo } from './policy';
import { guardAllWebContents, guardSession } from './security';
import { loadShellSettings, saveShellSettings } from './settings';
import { EngineSupervisor, type SupervisorEvent } from './supervisor';
import { StationWindows } from './windows';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void run();
}

async function run(): Promise<void> {
  const flags = parseFlags(process.argv);
  // Per launch, never written anywhere: the engine's admin token rides in the page URL.
  const token = randomBytes(32).toString('hex');
  /** Where the engine listens now (0: not yet), and what to ask it for on the next start. */
  let port = 0;
  let askPort = 0;
  let origin: string | null = null;
  const stationOrigin = (): string | null => origin;

  guardAllWebContents(stationOrigin);
  if (process.platform === 'win32') app.setAppUserModelId('Fenghuo');
  await app.whenReady();

  const userData = app.getPath('userData');
  const dataDir = path.join(userData, 'station');
  fs.mkdirSync(dataDir, { recursive: true });
  const { log, file: logFile } = createLog(app.getPath('logs'));
  const settings = loadShellSettings(userData);
  log(`shell: Fenghuo ${app.getVersion()} on Electron ${process.versions.electron}, data in ${dataDir}`);

  guardSession(session.defaultSession, stationOrigin);
  registerIpc(stationOrigin, log);

  const windows = new StationWindows({
    preload: path.join(import.meta.dirname, '../preload/index.cjs'),
    urlFor: (place) => (port ? stationUrl(port, token, place) : null),
    wallReloadMs: wallReloadMs(process.argv),
    screenPath: (displayId) => settings.screens[String(displayId)],
    rememberScreenPath: (displayId, url) => {
      const p = wallPathOf(url, port ? `http://127.0.0.1:${port}` : null);
      if (!p || settings.screens[String(displayId)] === p) return;
      settings.screens[String(displayId)] = p;
      saveShellSettings(userData, settings);
    },
    log,
  });
  const menu = (): void =>
    installMenu({
      wall: windows.wall,
      toggleWall: () => {
        settings.wall = !windows.wall;
        saveShellSettings(userData, settings);
        windows.open(settings.wall);
        menu();
      },
      reloadFocused: () => windows.reload(BrowserWindow.getFocusedWindow()),
    });
  menu();

  let supervisor: EngineSupervisor;
  const startEngine = (): void => {
    supervisor = new EngineSupervisor({
      spawn: () => {
        const stationExists = fs.existsSync(path.join(dataDir, 'station.db'));
        const env = engineEnv(process.env, {
          dataDir,
          port: askPort,
          token,
          demo: wantsDemo(flags, stationExists),
        });
        return forkEngine(path.join(import.meta.dirname, 'engine.js'), env, log);
      },
      onEvent,
    });
    supervisor.start();
  };

  function onEvent(event: SupervisorEvent): void {
    switch (event.type) {
      case 'spawned':
        return log(`engine: starting (attempt ${event.attempt})`);
      case 'ready': {
        const first = port === 0;
        const moved = event.port !== port;
        // Restarts ask for the same port, so open pages just reconnect to the same origin.
        port = askPort = event.port;
        origin = originOf(stationUrl(port, token));
        log(`engine: ready on 127.0.0.1:${port}`);
        if (first) {
          windows.open(flags.wall || settings.wall);
          menu();
        } else if (moved) {
          windows.reloadAll();
        }
        return;
      }
      case 'fatal':
        // Perhaps the port was taken meanwhile: the next start takes any free one.
        askPort = 0;
        return log(`engine: fatal: ${event.message}`);
      case 'hung':
        return log(`engine: no heartbeat for ${Math.round(event.silentMs / 1000)} s; killing it`);
      case 'exited':
        return log(`engine: exited (${event.code ?? 'killed'})`);
      case 'restarting':
        return log(`engine: restarting in ${event.delayMs / 1000} s (${event.recentCrashes} crashes in 10 min)`);
      case 'gave-up':
        log(`engine: gave up after ${event.recentCrashes} crashes in 10 min; last error: ${event.lastError}`);
        void dialog
          .showMessageBox({
            type: 'error',
            title: 'Fenghuo',
            message: 'The station engine keeps stopping and will not be restarted again.',
            detail: `It stopped ${event.recentCrashes} times within 10 minutes.\n\nLast error: ${event.lastError ?? 'unknown'}\n\nLog: ${logFile}`,
            buttons: ['Try Again', 'Quit'],
            defaultId: 0,
            cancelId: 1,
          })
          .then(({ response }) => (response === 0 ? startEngine() : app.quit()));
        return;
    }
  }

  startEngine();

  app.on('second-instance', () => windows.focus());
  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    // Let the engine close its database cleanly before the process goes away.
    stopping = true;
    event.preventDefault();
    void supervisor.stop().finally(() => app.quit());
  });
}
