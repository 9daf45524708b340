// The app menu: little beyond what a keyboard at a wall needs — which station is open (the
// demo or the team's own), reload, zoom, fullscreen and the wall-mode switch. The Edit menu
// stays so copy/paste work on macOS.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { StationChoice } from './policy';

export interface MenuActions {
  wall: boolean;
  toggleWall: () => void;
  reloadFocused: () => void;
  station: StationChoice;
  openStation: (choice: StationChoice) => void;
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
  const station: MenuItemConstructorOptions[] = [
    {
      label: 'Demo Station (示範站)',
      type: 'radio',
      checked: actions.station === 'demo',
      click: () => actions.openStation('demo'),
    },
    {
      label: 'My Station (我的站台)',
      type: 'radio',
      checked: actions.station === 'own',
      click: () => actions.openStation('own'),
    },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: 'Station 站台', submenu: station },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
