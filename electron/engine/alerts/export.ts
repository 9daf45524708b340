// The alert log as a file: CSV for spreadsheets (UTF-8 with BOM so Excel reads Chinese) or
// JSON. Pure: alerts in, text out.
import type { Alert } from '../../../shared/types';

const COLUMNS = [
  'id',
  'at',
  'light',
  'scope',
  'metric',
  'from',
  'to',
  'severity',
  'value',
  'baseline',
  'volume',
  'negative_share',
  'reason',
  'notified',
  'acknowledged_at',
  'note',
] as const;

function iso(t: number | null): string {
  return t === null ? '' : new Date(t).toISOString();
}

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function alertsCsv(alerts: Alert[]): string {
  const rows = alerts.map((a) =>
    [
      a.id,
      iso(a.at),
      a.label || a.topicName,
      a.scope,
      a.metric,
      a.from,
      a.to,
      a.severity,
      a.value,
      a.baseline,
      a.volume,
      a.negShare === null ? null : Math.round(a.negShare * 1000) / 1000,
      a.reason,
      a.notify,
      iso(a.acknowledgedAt),
      a.note,
    ]
      .map(csvCell)
      .join(','),
  );
  return '\uFEFF' + [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function alertsJson(alerts: Alert[]): string {
  return JSON.stringify(alerts, null, 2) + '\n';
}
