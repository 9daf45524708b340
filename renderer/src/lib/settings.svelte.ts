// Viewer preferences kept in this browser: the sentiment palette.
import { SENTIMENT_PALETTES, type SentimentPalette } from './palette';

const KEY = 'fenghuo.palette';

function load(): SentimentPalette['id'] {
  try {
    return localStorage.getItem(KEY) === 'colorblind' ? 'colorblind' : 'default';
  } catch {
    return 'default';
  }
}

export const settings = $state({ palette: load() });

export function sentimentPalette(): SentimentPalette {
  return SENTIMENT_PALETTES[settings.palette];
}

export function togglePalette(): void {
  settings.palette = settings.palette === 'default' ? 'colorblind' : 'default';
  try {
    localStorage.setItem(KEY, settings.palette);
  } catch {
    /* not remembered */
  }
}
