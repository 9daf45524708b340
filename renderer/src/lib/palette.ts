// Colours as data: the war-room theme, the light colours, and the diverging sentiment
// palettes (a red→gray→teal default and a colour-blind-safe orange→gray→blue variant).
import type { LightColor, SentimentLabel } from '../../../shared/types';

export interface SentimentPalette {
  id: 'default' | 'colorblind';
  /** Stops from most negative (-1) through neutral (0) to most positive (+1). */
  stops: [string, string, string, string, string];
  label: Record<SentimentLabel, string>;
}

export const SENTIMENT_PALETTES: Record<SentimentPalette['id'], SentimentPalette> = {
  default: {
    id: 'default',
    stops: ['#e5484d', '#9a4a50', '#4a505c', '#2f8f7f', '#2dd4bf'],
    label: { negative: '#f2555a', neutral: '#7d8799', positive: '#2dd4bf' },
  },
  // Orange ↔ blue stays distinct under protanopia, deuteranopia and tritanopia.
  colorblind: {
    id: 'colorblind',
    stops: ['#f28e2b', '#a86a3a', '#4a505c', '#3f6fa8', '#4ea3ff'],
    label: { negative: '#f28e2b', neutral: '#7d8799', positive: '#4ea3ff' },
  },
};

export const LIGHT_COLORS: Record<LightColor, { core: string; glow: string }> = {
  green: { core: '#22c55e', glow: 'rgba(34, 197, 94, 0.55)' },
  yellow: { core: '#facc15', glow: 'rgba(250, 204, 21, 0.55)' },
  red: { core: '#ef4444', glow: 'rgba(239, 68, 68, 0.7)' },
  gray: { core: '#5b6472', glow: 'rgba(91, 100, 114, 0.25)' },
};

export const THEME = {
  bg: '#070a10',
  panel: '#0e141d',
  panelEdge: '#1b2432',
  grid: '#1c2533',
  axis: '#334055',
  text: '#e6edf5',
  textDim: '#8c99ad',
  accent: '#ff7a2f',
} as const;
