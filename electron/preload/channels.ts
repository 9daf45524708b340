// The IPC channels behind `window.fenghuoNative`, shared by the preload and main's handlers.
export const NativeChannel = {
  exportPng: 'export:png',
  exportPdf: 'export:pdf',
  setFullscreen: 'window:fullscreen',
  notify: 'notify',
  openExternal: 'open-external',
  alertCount: 'alerts:count',
  restartStation: 'station:restart',
} as const;
