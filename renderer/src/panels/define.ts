// What a panel kind declares about itself, once, in its own component file
// (`<script module>` … `export const definition = definePanel({…})`). The registry
// (panels/registry.ts) pairs each definition with its component; the board editor, the wall
// and the panel frame read it from there, so nothing else lists panel kinds.
import type { MethodName, EventType } from '../../../shared/api';
import type { Panel, PanelKind } from '../../../shared/types';
import { i18n, type Locale } from '../i18n/index.svelte';

export interface PanelDefinition<K extends PanelKind = PanelKind> {
  kind: K;
  /** The panel's name on the wall and in the editor, in every UI language. */
  title: Record<Locale, string>;
  /** A new panel of this kind: its size in grid cells and its window in minutes. */
  defaults: { w: number; h: number; windowMin: number };
  /** Which of a panel's settings this kind uses (the editor offers only those). */
  options: { topics: boolean; window: boolean };
  /** The data it shows: the api methods it calls and the live events it follows. */
  data: { calls: readonly MethodName[]; follows: readonly EventType[] };
}

export function definePanel<K extends PanelKind>(definition: PanelDefinition<K>): PanelDefinition<K> {
  return definition;
}

/** The panel's own title if it has one, else its kind's name in the UI language. */
export function panelTitle(panel: Pick<Panel, 'title'>, definition: PanelDefinition): string {
  return panel.title || definition.title[i18n.locale];
}
