// Every panel kind the wall can show, each paired with its component. A kind declares itself
// in its own file (`definition`); this table is the one list the board editor, the wall and
// the panel frame look kinds up in. Its type makes a kind in shared PANEL_KINDS without an
// entry here (or an entry under the wrong key) a type error.
import type { Component } from 'svelte';
import { PANEL_KINDS, type Panel, type PanelKind } from '../../../shared/types';
import type { PanelDefinition } from './define';
import LightsPanel, { definition as lights } from './LightsPanel.svelte';
import VolumePanel, { definition as volume } from './VolumePanel.svelte';
import HeatPanel, { definition as heat } from './HeatPanel.svelte';
import StreamPanel, { definition as stream } from './StreamPanel.svelte';
import HealthPanel, { definition as health } from './HealthPanel.svelte';
import TermsPanel, { definition as terms } from './TermsPanel.svelte';
import AuthorsPanel, { definition as authors } from './AuthorsPanel.svelte';
import VoicePanel, { definition as voice } from './VoicePanel.svelte';
import EmotionsPanel, { definition as emotions } from './EmotionsPanel.svelte';
import PlacesPanel, { definition as places } from './PlacesPanel.svelte';
import MapPanel, { definition as map } from './MapPanel.svelte';

export interface RegisteredPanel<K extends PanelKind = PanelKind> extends PanelDefinition<K> {
  component: Component<{ panel: Panel }>;
}

const register = <K extends PanelKind>(definition: PanelDefinition<K>, component: Component<{ panel: Panel }>): RegisteredPanel<K> => ({
  ...definition,
  component,
});

export const PANELS: { readonly [K in PanelKind]: RegisteredPanel<K> } = {
  lights: register(lights, LightsPanel),
  volume: register(volume, VolumePanel),
  heat: register(heat, HeatPanel),
  stream: register(stream, StreamPanel),
  health: register(health, HealthPanel),
  terms: register(terms, TermsPanel),
  authors: register(authors, AuthorsPanel),
  voice: register(voice, VoicePanel),
  emotions: register(emotions, EmotionsPanel),
  places: register(places, PlacesPanel),
  map: register(map, MapPanel),
};

/** The kinds in the order the editor offers them. */
export const PANEL_LIST: readonly RegisteredPanel[] = PANEL_KINDS.map((kind) => PANELS[kind]);

/** A stored board may name a kind this build does not know (a newer station): show nothing for it. */
export function panelKind(kind: string): RegisteredPanel | undefined {
  return (PANELS as Record<string, RegisteredPanel | undefined>)[kind];
}
