// The wall's keyboard: which key does what, in one table the help overlay lists and the wall
// acts on. Pure, so the mapping is tested without a browser.
import type { MessageKey } from '../i18n/zh-Hant';

export type WallAction = 'freeze' | 'fullscreen' | 'presenter' | 'editor' | 'next' | 'prev' | 'annotate' | 'help' | 'close';

/** Shown in the help overlay, in this order. */
export const SHORTCUTS: readonly { keys: string; label: MessageKey }[] = [
  { keys: 'F', label: 'keys.freeze' },
  { keys: 'Shift + F', label: 'keys.fullscreen' },
  { keys: 'P', label: 'keys.presenter' },
  { keys: '→ / PgDn', label: 'keys.next' },
  { keys: '← / PgUp', label: 'keys.prev' },
  { keys: 'A', label: 'keys.annotate' },
  { keys: 'E', label: 'editor.open' },
  { keys: '?', label: 'keys.help' },
];

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The action for a key press on the wall, or null to let the browser have it. While the
 * board editor is open only E and Esc act (the editor's fields take the rest).
 */
export function wallAction(e: KeyPress, editing: boolean): WallAction | null {
  if (editing && e.key !== 'Escape' && e.key !== 'e' && e.key !== 'E') return null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'f':
      return e.shiftKey ? null : 'freeze';
    case 'F':
      return e.shiftKey ? 'fullscreen' : null;
    case 'p':
    case 'P':
      return 'presenter';
    case 'e':
    case 'E':
      return 'editor';
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'a':
    case 'A':
      return 'annotate';
    case '?':
      return 'help';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

/** Typing in a field is not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}
