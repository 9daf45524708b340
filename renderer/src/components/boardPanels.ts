// The board editor's panel helpers: a new panel placed into free space, and a panel's title.
import type { Panel, PanelKind } from '../../../shared/types';
import { newPanel } from '../lib/grid';
import { PANELS, panelKind } from '../panels/registry';
import { panelTitle } from '../panels/define';

/** A new panel of this kind in the board's first free space, or null when there is none. */
export function placePanel(kind: PanelKind, panels: readonly Panel[]): Panel | null {
  return newPanel(kind, PANELS[kind].defaults, panels, `${kind}-${Date.now().toString(36)}`);
}

export function titleOf(p: Panel): string {
  const kind = panelKind(p.kind);
  return kind ? panelTitle(p, kind) : p.title || p.kind;
}
