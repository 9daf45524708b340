// Walls around every page the app shows: permissions, the CSP header, navigation, new
// windows, webviews and links that leave for the system browser. The rules themselves are in
// policy.ts; this file only wires them.
import dns from 'node:dns/promises';
import { app, BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import { CSP } from '../server/http-util';
import type { Log } from './log';
import { isPermissionAllowed, isStationUrl, judgeExternalLink, linkHostToResolve, withStationCsp } from './policy';

/** How long a link waits for DNS before it is judged on its name alone. */
const RESOLVE_TIMEOUT_MS = 1_500;

/** The addresses a link's host name has now, or none when DNS does not answer in time. */
async function addressesOf(url: unknown): Promise<string[]> {
  const host = typeof url === 'string' ? linkHostToResolve(url) : null;
  if (!host) return [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), RESOLVE_TIMEOUT_MS);
  });
  const lookup = dns.lookup(host, { all: true }).then(
    (answers) => answers.map((a) => a.address),
    () => [],
  );
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type OriginSource = () => string | null;

export function guardSession(session: Session, stationOrigin: OriginSource): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, stationOrigin()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, stationOrigin()),
  );
  // One CSP, the engine's: passed through untouched, only supplied if a response lacks it.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isStationUrl(details.url, stationOrigin())) return callback({});
    callback({ responseHeaders: withStationCsp(details.responseHeaders, CSP) });
  });
}

/**
 * Hands a link to the system browser or mail client, asking first when it points into this
 * machine or its network (by its name or by what DNS says the name is) or at an odd port.
 * Resolves true when it was opened.
 */
export async function openLink(url: unknown, from: WebContents | null, log: Log): Promise<boolean> {
  const decision = judgeExternalLink(url, await addressesOf(url));
  if (decision.action === 'refuse') {
    log(`link: refused ${String(url).slice(0, 200)}`);
    return false;
  }
  if (decision.action === 'ask') {
    const parent = from ? BrowserWindow.fromWebContents(from) : null;
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      title: 'Fenghuo',
      message: 'Open this link in your browser?',
      detail: `${decision.url}\n\n${decision.reason} Links like this can reach routers, printers and admin pages on your network.`,
      buttons: ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    };
    // Attached to the window that asked, so it shows in front of a kiosk wall.
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response !== 0) return false;
  }
  await shell.openExternal(decision.url);
  return true;
}

/** Applied to every webContents the app ever creates, so no window can be forgotten. */
export function guardAllWebContents(stationOrigin: OriginSource, log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openLink(url, contents, log);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isStationUrl(event.url, stationOrigin())) return;
      event.preventDefault();
      // A plain link to a news story leaves for the browser instead of replacing the board.
      void openLink(event.url, contents, log);
    });
    contents.on('will-redirect', (event) => {
      if (!isStationUrl(event.url, stationOrigin())) event.preventDefault();
    });
  });
}
