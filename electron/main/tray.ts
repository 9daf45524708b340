// The tray icon and the app badge: how many alerts wait for an acknowledgement, visible while
// the station's windows are hidden or behind a kiosk wall. The renderer says the count and its
// own words for it (the shell has no dictionary); a click brings the station forward.
/// <reference types="electron-vite/node" />
import { app, nativeImage, Tray } from 'electron';
import iconPath from '../../resources/icons/png/32x32.png?asset';
import type { AlertCount } from './policy';

export class AlertTray {
  private tray: Tray | null = null;

  constructor(private focusStation: () => void) {}

  show({ count, label }: AlertCount): void {
    if (!this.tray) {
      this.tray = new Tray(nativeImage.createFromPath(iconPath));
      this.tray.on('click', () => this.focusStation());
    }
    this.tray.setToolTip(label);
    // macOS shows a title beside the menu-bar icon and a badge on the dock; elsewhere the
    // badge is the launcher's count (Unity) and the tooltip carries the words.
    if (process.platform === 'darwin') this.tray.setTitle(count > 0 ? String(count) : '');
    app.setBadgeCount(count);
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
