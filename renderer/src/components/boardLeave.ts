// Whether the board editor may be left: unsaved changes ask first.
import type { Board as SavedBoard } from '../../../shared/types';
import { localWords as moduleWords } from '../i18n/index.svelte';

const leaveWord = moduleWords({
  'zh-Hant': { ask: '看板有尚未儲存的變更，確定要放棄嗎？' },
  'zh-Hans': { ask: '看板有尚未保存的更改，确定要放弃吗？' },
  en: { ask: 'The board has unsaved changes. Throw them away?' },
});

const same = (a: SavedBoard, b: SavedBoard | null) =>
  !!b && a.name === b.name && JSON.stringify(a.panels) === JSON.stringify(b.panels);

/** Leaving the editor: at once when nothing changed since the last save, else only if the person says so. */
export function mayLeave(draft: SavedBoard | null, saved: SavedBoard | null): boolean {
  return !draft || same(draft, saved) || confirm(leaveWord('ask'));
}

/** Unsaved changes (for the page's beforeunload). */
export function unsaved(draft: SavedBoard | null, saved: SavedBoard | null): boolean {
  return !!draft && !same(draft, saved);
}
