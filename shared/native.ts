// The desktop app's native extras, as the preload exposes them on `window.fenghuoNative`
// (electron/preload/index.ts implements this; the renderer's lib/native.ts uses it and falls
// back to web equivalents in a plain browser). Declared once for both sides.

export interface FenghuoNative {
  /** Saves a screenshot of the window (a save dialog; the name is a suggestion); resolves to the file written, or null if cancelled. */
  exportPng(fileName?: string): Promise<string | null>;
  /** Prints the window to a landscape PDF; resolves to the file written, or null if cancelled. */
  exportPdf(fileName?: string): Promise<string | null>;
  setFullscreen(on: boolean): Promise<void>;
  notify(title: string, body?: string): Promise<void>;
  /** Opens a link outside the app; resolves false when it was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Shows how many alerts are unacknowledged on the tray icon and the app badge, with the page's words for it. */
  setAlertCount(count: number, label: string): Promise<void>;
  /** Stops the station's engine cleanly and starts it again (what a compaction asked for at the next start waits for). */
  restartStation(): Promise<void>;
}
