// The inbox's filter as it lives in the address (?state=open&topic=3&severity=critical&range=7d&id=42)
// and the inbox's order: unacknowledged yellows and reds first, newest first within each.
import type { Alert, Severity } from '../../../../shared/types';
import { SEVERITIES } from '../../../../shared/types';

export const RANGES_MS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type InboxRange = keyof typeof RANGES_MS | 'all';
export type InboxState = 'open' | 'acked' | 'all';

export interface InboxFilter {
  state: InboxState;
  topic: number;
  severity: Severity | '';
  range: InboxRange;
  /** The alert shown in detail (0: none). */
  id: number;
}

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : 0;
};

export function readInboxFilter(search: string): InboxFilter {
  const q = new URLSearchParams(search);
  const state = q.get('state');
  const severity = q.get('severity');
  const range = q.get('range');
  return {
    state: state === 'acked' || state === 'all' ? state : state === 'open' ? 'open' : q.get('id') ? 'all' : 'open',
    topic: positive(q.get('topic')),
    severity: (SEVERITIES as readonly string[]).includes(severity ?? '') ? (severity as Severity) : '',
    range: range === '24h' || range === '7d' || range === '30d' ? range : 'all',
    id: positive(q.get('id')),
  };
}

export function writeInboxFilter(f: InboxFilter): string {
  const q = new URLSearchParams();
  if (f.state !== 'open') q.set('state', f.state);
  if (f.topic) q.set('topic', String(f.topic));
  if (f.severity) q.set('severity', f.severity);
  if (f.range !== 'all') q.set('range', f.range);
  if (f.id) q.set('id', String(f.id));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** An alert someone still has to look at: a change to yellow or red not yet acknowledged. */
export function needsAck(a: Alert): boolean {
  return a.acknowledgedAt == null && (a.to === 'yellow' || a.to === 'red');
}

export function inboxOrder(list: Alert[]): Alert[] {
  return [...list].sort((a, b) => Number(needsAck(b)) - Number(needsAck(a)) || b.at - a.at || b.id - a.id);
}
