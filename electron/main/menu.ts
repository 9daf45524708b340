// The app menu: little beyond what a keyboard at a wall needs — reload, zoom, fullscreen
// and the wall-mode switch. The Edit menu stays so copy/paste work on macOS.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  wall: boolean;
  toggleWall: () => void;
  reloadFocused: () => void;
}

export function installMenu(actions: MenuActions): void {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: actions.reloadFocused },
    ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    {
      label: 'Wall Mode',
      type: 'checkbox',
      checked: actions.wall,
      accelerator: 'CmdOrCtrl+Alt+W',
      click: actions.toggleWall,
    },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
