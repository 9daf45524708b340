// Light changes logged as alerts, as they happen: views subscribe (the wall's takeover).
import type { Alert } from '../../../shared/types';

const listeners = new Set<(a: Alert) => void>();

/** Subscribe to new alerts; returns the unsubscribe (use as an effect's cleanup). */
export function onAlert(fn: (a: Alert) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function announceAlert(alert: Alert): void {
  for (const fn of listeners) fn(alert);
}
