// How `fenghuo topics` and `fenghuo rules` reach a station: the folder itself (opened, not
// started: nothing is polled), or a station already serving it (`--url` and an admin
// `--token`), so its walls follow at once. Both go through the same api as the app.
import { createClient, httpTransport, type Client } from '../../shared/client';
import { ApiError } from '../../shared/errors';
import { localClient } from '../engine/api';
import { Station } from '../engine/station';
import { dataDirOf } from './data-dir';

export const STATION_OPTIONS = {
  data: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export const STATION_USAGE = `  --data DIR      station data directory (default ~/.fenghuo/station)
  --url URL       or a running station (fenghuo serve), with --token T (an admin token)
  --json          print JSON instead of lines`;

export interface Connected {
  client: Client;
  close(): Promise<void>;
}

export function connect(values: { data?: string | undefined; url?: string | undefined; token?: string | undefined }): Connected {
  if (values.url) {
    const client = createClient(httpTransport({ fetch: globalThis.fetch, baseUrl: values.url.replace(/\/+$/, ''), ...(values.token ? { token: values.token } : {}) }));
    return { client, close: async () => {} };
  }
  const dataDir = dataDirOf(values.data);
  const station = Station.open({ dataDir });
  return { client: localClient(station, 'admin'), close: () => station.close() };
}

/** An api error as a few plain lines: the message, then each field's problem. */
export function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return (e as Error).message;
  const issues = e.issues.map((i) => `  ${i.path}: ${i.message}`);
  return [e.message, ...(issues.length > 1 ? issues : [])].join('\n');
}

/** A query with a caret under the character its error points at. */
export function pointAt(query: string, position: number): string {
  const before = [...query.slice(0, position)].map((ch) => (/[\u1100-\uffff]/.test(ch) ? '  ' : ' ')).join('');
  return `  ${query}\n  ${before}^`;
}
