// The alert log as a file: CSV for spreadsheets (UTF-8 with BOM so Excel reads Chinese) or
// JSON. Pure: alerts in, text out.
import { ALERT_COLUMNS, exportHeader, type ExportLang } from '../../../shared/export-columns';
import type { Alert } from '../../../shared/types';


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

export function alertsCsv(alerts: Alert[], lang?: ExportLang): string {
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
  return '\uFEFF' + [exportHeader(ALERT_COLUMNS, lang).map(csvCell).join(','), ...rows].join('\r\n') + '\r\n';
}

export function alertsJson(alerts: Alert[]): string {
  return JSON.stringify(alerts, null, 2) + '\n';
}
