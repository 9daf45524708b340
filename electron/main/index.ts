// Fenghuo desktop shell: one instance, one supervised engine, and the station's windows.
// Everything the station does happens in the engine (a utilityProcess) and the renderer
// it serves; this file only wires the pieces together.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { forkEngine } from './engine';
import { registerIpc } from './ipc';
import { AlertTray } from './tray';
import { EngineLink } from './link';
import { createLog, type Log } from './log';
import { installMenu } from './menu';
import { localTime } from './outage';
import {
  chooseStation,
  engineEnv,
  parseFlags,
  STATION_FOLDERS,
  wallPathOf,
  wallReloadMs,
  type StationChoice,
} from './policy';
import { guardAllWebContents, guardSession } from './security';
import { loadShellSettings, saveShellSettings } from './settings';
import { defaultRestartPolicy, EngineSupervisor, systemClock, type SupervisorEvent } from './supervisor';
import { electronWindowHost, shellWindowOf } from './window-host';
import { StationWindows } from './windows';

let log: Log = (line) => console.error(line);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run().catch(startupFailed);
}

/**
 * Anything that breaks before the station is up ends here: say it and leave, so no instance
 * lingers without a window while holding the single-instance lock.
 */
function startupFailed(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`shell: start-up failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  dialog.showErrorBox('Fenghuo could not start', message);
  app.exit(1);
}

async function run(): Promise<void> {
  const flags = parseFlags(process.argv);
  const reloadMs = wallReloadMs(process.argv);
  if (process.platform === 'win32') app.setAppUserModelId('Fenghuo');
  await app.whenReady();

  const userData = app.getPath('userData');
  const created = createLog(app.getPath('logs'));
  log = created.log;
  const settings = loadShellSettings(userData);
  const dataDirOf = (c: StationChoice): string => path.join(userData, STATION_FOLDERS[c]);
  let station = chooseStation(flags, settings.station, fs.existsSync(path.join(dataDirOf('own'), 'station.db')));
  log(`shell: Fenghuo ${app.getVersion()} on Electron ${process.versions.electron}; ${station} station in ${dataDirOf(station)}`);

  // Per engine start, never written anywhere: the admin token rides in the page URL.
  const link = new EngineLink(() => randomBytes(32).toString('hex'), Date.now);
  const stationOrigin = (): string | null => link.origin;
  guardAllWebContents(stationOrigin, log);
  guardSession(session.defaultSession, stationOrigin);
  registerIpc(
    stationOrigin,
    log,
    (count) => tray.show(count),
    () => {
      log('shell: restarting the engine, as the station room asked');
      relaunch();
    },
  );

  const windows = new StationWindows({
    host: electronWindowHost(path.join(import.meta.dirname, '../preload/index.cjs')),
    clock: systemClock,
    pageFor: (place) =>
      link.page(place, { time: (ms) => localTime(ms), logFile: created.file, maxDelayMs: defaultRestartPolicy.maxDelayMs }),
    wallReloadMs: reloadMs,
    screenPath: (displayId) => settings.screens[String(displayId)],
    rememberScreenPath: (displayId, url) => {
      const p = wallPathOf(url, link.origin);
      if (!p || settings.screens[String(displayId)] === p) return;
      settings.screens[String(displayId)] = p;
      saveShellSettings(userData, settings);
    },
    log,
  });

  let quitting = false;
  const onEvent = (event: SupervisorEvent): void => {
    log(describe(event));
    if (link.onEvent(event) && !quitting) windows.showAll();
  };
  const supervise = (): EngineSupervisor =>
    new EngineSupervisor({
      onEvent,
      spawn: () => {
        const dataDir = dataDirOf(station);
        fs.mkdirSync(dataDir, { recursive: true });
        const { token, port } = link.nextLaunch();
        const env = engineEnv(process.env, {
          dataDir,
          port,
          token,
          demo: station === 'demo',
          webRoot: path.join(import.meta.dirname, '../renderer'),
          // Packaged: lexicons, stopwords and the demo corpus are extra resources beside the asar.
          ...(app.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'resources') } : {}),
        });
        return forkEngine(path.join(import.meta.dirname, 'engine.js'), env, log);
      },
    });
  let supervisor = supervise();
  /** The engine stopped cleanly and started again, for the station chosen now. */
  const relaunch = (): void => {
    const old = supervisor;
    void old.stop().then(() => {
      if (quitting) return;
      supervisor = supervise();
      supervisor.start();
    });
  };

  const menu = (): void =>
    installMenu({
      wall: windows.wall,
      toggleWall: () => {
        settings.wall = !windows.wall;
        saveShellSettings(userData, settings);
        windows.open(settings.wall);
        menu();
      },
      reloadFocused: () => windows.reload(shellWindowOf(BrowserWindow.getFocusedWindow())),
      station,
      openStation: (next) => {
        if (next === station) return;
        station = settings.station = next;
        saveShellSettings(userData, settings);
        menu();
        log(`shell: switching to the ${next} station in ${dataDirOf(next)}`);
        relaunch();
      },
    });

  supervisor.start();
  // Windows open at once, on the "opening the station" page until the engine is ready.
  windows.open(flags.wall || settings.wall);
  menu();

  const tray = new AlertTray(() => windows.focus());
  app.on('second-instance', () => windows.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the engine close its database cleanly before the process goes away.
    quitting = true;
    event.preventDefault();
    void supervisor.stop().finally(() => app.quit());
  });
}

function describe(event: SupervisorEvent): string {
  switch (event.type) {
    case 'spawned':
      return `engine: starting (attempt ${event.attempt})`;
    case 'ready':
      return `engine: ready on 127.0.0.1:${event.port} (fresh port and token)`;
    case 'fatal':
      return `engine: fatal: ${event.message}`;
    case 'hung':
      return `engine: no heartbeat for ${Math.round(event.silentMs / 1000)} s; killing it`;
    case 'exited':
      return `engine: exited (${event.code ?? 'killed'})`;
    case 'restarting':
      return `engine: restarting in ${event.delayMs / 1000} s (${event.failures} failed in a row; ${event.lastError})`;
  }
}
