// Walls around every page the app shows: permissions, the CSP header, navigation, new
// windows and webviews. The rules themselves are in policy.ts; this file only wires them.
import { app, shell, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY, isExternalHttpUrl, isPermissionAllowed, isStationUrl } from './policy';

type OriginSource = () => string | null;

export function guardSession(session: Session, stationOrigin: OriginSource): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, stationOrigin()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, stationOrigin()),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isStationUrl(details.url, stationOrigin())) return callback({});
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Applied to every webContents the app ever creates, so no window can be forgotten. */
export function guardAllWebContents(stationOrigin: OriginSource): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalHttpUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (isStationUrl(event.url, stationOrigin())) return;
      event.preventDefault();
      // A plain link to a news story leaves for the browser instead of replacing the board.
      if (isExternalHttpUrl(event.url)) void shell.openExternal(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!isStationUrl(event.url, stationOrigin())) event.preventDefault();
    });
  });
}
