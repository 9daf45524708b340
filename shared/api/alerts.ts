// alerts.*: the alert log, its evidence and export. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { Alert, Mention } from '../types';
import { exportLang } from '../export-columns';
import { id, method, time } from './method';

/** Filters of the alert log, shared by `alerts.list` and `alerts.export`. */
const alertFilter = {
  unacknowledged: z.boolean().optional(),
  ruleId: id.optional(),
  topicId: id.optional(),
  color: z.enum(['green', 'yellow', 'red', 'gray']).optional().describe('the colour the light changed to'),
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  from: time.optional(),
  to: time.optional(),
};

export interface AlertEvidenceMentions {
  alert: Alert;
  mostNegative: Mention[];
  mostReached: Mention[];
}

export interface AlertExport {
  format: 'csv' | 'json';
  filename: string;
  /** The file's text. */
  text: string;
  count: number;
}

export const alertsApi = {
  'alerts.list': method<Alert[]>()({
    params: z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
        ...alertFilter,
      })
      .strict(),
    role: 'viewer',
    doc: 'Light changes, newest first, filtered by rule, topic, colour changed to, severity, time or acknowledgement.',
  }),
  'alerts.ack': method<Alert>()({
    params: z.object({ id, note: z.string().max(2000).optional() }).strict(),
    role: 'admin',
    doc: 'Acknowledge an alert with an optional note.',
  }),
  'alerts.evidence': method<AlertEvidenceMentions>()({
    params: z.object({ id }).strict(),
    role: 'viewer',
    doc: "The mentions that drove an alert: the window's most negative and most reached, as they were stored.",
  }),
  'alerts.export': method<AlertExport>()({
    params: z
      .object({
        format: z.enum(['csv', 'json']).default('csv'),
        limit: z.number().int().min(1).max(100_000).default(10_000),
        ...alertFilter,
        lang: exportLang,
      })
      .strict(),
    role: 'viewer',
    doc: 'The filtered alert log as CSV (UTF-8 with BOM, for spreadsheets) or JSON text, with a file name to save it as.',
  }),
} as const;
