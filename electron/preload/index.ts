// Sandboxed preload: exposes the native extras of the desktop app as `window.fenghuoNative`
// and nothing else — no ipcRenderer, no Node. The renderer works without it (plain browser),
// so every member is optional from the page's point of view.
import { contextBridge, ipcRenderer } from 'electron';
import { NativeChannel } from './channels';
import type { FenghuoNative } from '../../shared/native';

const fenghuoNative: FenghuoNative = {
  /** Saves a screenshot of the window; resolves to the file written, or null if cancelled. */
  exportPng: (fileName?: string): Promise<string | null> => ipcRenderer.invoke(NativeChannel.exportPng, fileName),
  /** Prints the window to a landscape PDF; resolves to the file written, or null if cancelled. */
  exportPdf: (fileName?: string): Promise<string | null> => ipcRenderer.invoke(NativeChannel.exportPdf, fileName),
  setFullscreen: (on: boolean): Promise<void> => ipcRenderer.invoke(NativeChannel.setFullscreen, on),
  notify: (title: string, body?: string): Promise<void> => ipcRenderer.invoke(NativeChannel.notify, { title, body }),
  /**
   * Opens an http(s) or mailto link outside the app; resolves false for any other URL, or when
   * the user declined a link into the local network.
   */
  openExternal: (url: string): Promise<boolean> => ipcRenderer.invoke(NativeChannel.openExternal, url),
  setAlertCount: (count: number, label: string): Promise<void> =>
    ipcRenderer.invoke(NativeChannel.alertCount, { count, label }),
  restartStation: (): Promise<void> => ipcRenderer.invoke(NativeChannel.restartStation),
};

contextBridge.exposeInMainWorld('fenghuoNative', fenghuoNative);
