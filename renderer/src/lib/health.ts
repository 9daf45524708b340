// A source's health as a light: the same green / yellow / red / gray the wall uses for
// topics, with the words for it. Pure, so it is tested without a browser.
import type { LightColor, Source } from '../../../shared/types';

export type HealthWord = 'ok' | 'late' | 'failing' | 'paused' | 'off' | 'idle' | 'reading';

/**
 * Three missed intervals (at least 15 minutes) without a success reads as late. `reading`: a
 * file of this (folder) source is being read right now — mentions are arriving, though the
 * source counts a success only when the file ends (a big first file takes minutes).
 */
export function sourceHealth(s: Source, now: number, reading = false): { color: LightColor; word: HealthWord } {
  const h = s.health;
  if (!s.enabled || h.state === 'disabled') return { color: 'gray', word: 'off' };
  if (h.state === 'paused') return { color: 'red', word: 'paused' };
  if (h.state === 'error') return { color: h.consecutiveFailures >= 3 ? 'red' : 'yellow', word: 'failing' };
  const lateAfter = Math.max(15 * 60_000, 3 * s.intervalSec * 1000);
  if (reading && (h.lastSuccessAt == null || now - h.lastSuccessAt > lateAfter)) return { color: 'green', word: 'reading' };
  if (h.lastSuccessAt == null) return { color: 'gray', word: 'idle' };
  if (now - h.lastSuccessAt > lateAfter) return { color: 'yellow', word: 'late' };
  return { color: 'green', word: 'ok' };
}

const ORDER: Record<LightColor, number> = { red: 0, yellow: 1, gray: 2, green: 3 };

/** Worst first, then by name. */
export function byHealth(list: readonly Source[], now: number): Source[] {
  return list
    .slice()
    .sort((a, b) => ORDER[sourceHealth(a, now).color] - ORDER[sourceHealth(b, now).color] || a.name.localeCompare(b.name));
}
