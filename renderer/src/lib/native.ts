// Native extras the Electron preload may expose. Every helper here degrades to a web
// equivalent, so the same renderer runs in a plain browser on another wall screen.
import type { FenghuoNative } from '../../../shared/native';

declare global {
  interface Window {
    /** Set by the desktop app's preload; an older shell may lack some members. */
    fenghuoNative?: Partial<FenghuoNative>;
  }
}

/** The desktop app's extras, or undefined in a plain browser. */
export const native = (): Partial<FenghuoNative> | undefined => (typeof window === 'undefined' ? undefined : window.fenghuoNative);

export function setFullscreen(on: boolean): void {
  const n = native();
  if (n?.setFullscreen) return void n.setFullscreen(on).catch(() => {});
  if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
}

export function isFullscreen(): boolean {
  return typeof document !== 'undefined' && !!document.fullscreenElement;
}

export function notify(title: string, body: string): void {
  const n = native();
  if (n?.notify) return void n.notify(title, body).catch(() => {});
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') new Notification(title, { body });
  else if (Notification.permission === 'default')
    void Notification.requestPermission().then((p) => {
      if (p === 'granted') new Notification(title, { body });
    });
}

/** Opens http(s) links only; anything else (javascript:, file:, data:) is refused. */
export function openExternal(url: string): void {
  if (!isHttpUrl(url)) return;
  const n = native();
  if (n?.openExternal) return void n.openExternal(url).catch(() => {});
  window.open(url, '_blank', 'noopener,noreferrer');
}

export function isHttpUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
