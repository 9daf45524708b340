// A config read from sources.list has its secrets hidden; sent back unchanged in
// sources.update, the hidden values mean "keep what is stored". Sources of other kinds have
// no `secret`, so the webhook rule below touches nothing else.
import { HIDDEN } from '../store/sources';

export function keepHiddenSecrets(next: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...next };
  for (const k of ['secret', 'accessToken']) if (out[k] === HIDDEN) out[k] = stored[k];
  // A webhook's secret is kept when an edit leaves it out (a new one would lock out its senders).
  if (out.secret === undefined && stored.secret !== undefined) out.secret = stored.secret;
  if (out.headers && typeof out.headers === 'object') {
    const old = (stored.headers ?? {}) as Record<string, unknown>;
    out.headers = Object.fromEntries(
      Object.entries(out.headers as Record<string, unknown>).map(([h, v]) => [h, v === HIDDEN ? old[h] : v]),
    );
  }
  return out;
}
