// Main's side of `window.fenghuoNative`: export PNG/PDF, fullscreen, notifications, the
// unacknowledged-alert count (tray and badge), a restart of the station's engine and external links (asked about first when they point into the local network). Only the station
// page itself may ask: the top frame of the window, on the station's origin; every argument is
// checked here, where it crosses into main.
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, type IpcMainInvokeEvent } from 'electron';
import { NativeChannel } from '../preload/channels';
import type { Log } from './log';
import { exportFileName, isStationUrl, parseAlertCount, parseNotification, type AlertCount } from './policy';
import { openLink } from './security';

type Handler = (win: BrowserWindow, arg: unknown) => Promise<unknown> | unknown;

export function registerIpc(
  stationOrigin: () => string | null,
  log: Log,
  onAlertCount: (count: AlertCount) => void,
  restartStation: () => void,
): void {
  const handle = (channel: string, handler: Handler): void => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, arg: unknown) => {
      const frame = event.senderFrame;
      const win = BrowserWindow.fromWebContents(event.sender);
      if (!frame || frame.parent !== null || !win || !isStationUrl(frame.url, stationOrigin())) {
        log(`ipc: refused ${channel} from ${frame?.url ?? 'a gone frame'}`);
        throw new Error(`${channel} is only available to the station page`);
      }
      return handler(win, arg);
    });
  };

  // The page is captured before the dialog opens: a live board keeps moving meanwhile, and
  // the export must show what the presenter saw when they clicked.
  handle(NativeChannel.exportPng, async (win, name) => {
    const png = (await win.webContents.capturePage()).toPNG();
    return save(win, exportFileName(name, 'png', new Date()), 'PNG image', png);
  });

  handle(NativeChannel.exportPdf, async (win, name) => {
    const pdf = await win.webContents.printToPDF({ landscape: true, printBackground: true });
    return save(win, exportFileName(name, 'pdf', new Date()), 'PDF document', pdf);
  });

  handle(NativeChannel.setFullscreen, (win, on) => {
    win.setFullScreen(on === true);
  });

  const shown = new Set<Notification>();
  handle(NativeChannel.notify, (win, request) => {
    const parsed = parseNotification(request);
    if (!parsed) throw new Error('notify needs { title: string, body?: string }');
    if (!Notification.isSupported()) return;
    const notification = new Notification(parsed);
    // Held until dismissed: a collected notification loses its click handler.
    shown.add(notification);
    notification.on('click', () => {
      if (!win.isDestroyed()) {
        win.show();
        win.focus();
      }
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });

  handle(NativeChannel.openExternal, (win, url) => openLink(url, win.webContents, log));

  handle(NativeChannel.alertCount, (_win, value) => {
    const parsed = parseAlertCount(value);
    if (!parsed) throw new Error('setAlertCount needs a whole count ≥ 0 and a label');
    onAlertCount(parsed);
  });

  // The windows show "opening the station" until the engine is back (as after a crash).
  handle(NativeChannel.restartStation, () => restartStation());
}

/** Asks where to save; resolves to the file written, or null when the user cancelled. */
async function save(win: BrowserWindow, fileName: string, kind: string, bytes: Uint8Array): Promise<string | null> {
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    defaultPath: path.join(app.getPath('documents'), fileName),
    filters: [{ name: kind, extensions: [path.extname(fileName).slice(1)] }],
  });
  if (canceled || !filePath) return null;
  await fs.writeFile(filePath, bytes);
  return filePath;
}
