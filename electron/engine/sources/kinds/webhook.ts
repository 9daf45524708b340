// Webhook: other systems push mentions to `POST /ingest/<source id or name>` with that source's
// own secret (Authorization: Bearer <secret>), as a JSON object, a JSON array or NDJSON, up to
// 5 MiB a batch. Idempotent by guid: a retried push stores nothing twice. The answer counts
// what was new, what was a duplicate, and which items were refused and why.
// Gauge readings are pushed to `POST /ingest/gauge/<name>`, with the secret of a webhook source
// that lists the gauge (or "*") in its `gauges`, or the station's admin token.
// The server (electron/server/index.ts) reads the body and checks Host and Origin; this file
// decides everything else.
import { createHash, timingSafeEqual } from 'node:crypto';
import { gaugeReading, webhookConfig } from '../../../../shared/source-configs';
import type { Station } from '../../station';
import { publicSource, type SourceRecord } from '../../store/sources';
import { parseFeedDate } from '../feed/dates';
import { IDENTITY_MAPPING, mapRecord } from '../records/mapping';
import { defineSource, type IncomingItem } from '../types';

export const MAX_PUSH_BYTES = 5 * 1024 * 1024;

export const webhookSource = defineSource({
  kind: 'webhook',
  schema: webhookConfig,
  host: () => null,
});

export interface PushAnswer {
  status: number;
  body: unknown;
}

export interface PushRequest {
  /** The path after /ingest/ (still percent-encoded). */
  target: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
  /** The request carried the station's admin token (gauge pushes accept it). */
  admin: boolean;
}

/** Constant-time comparison, whatever the lengths (digests are compared, not the strings). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && presented.length === expected.length;
}

function bearer(h: string | undefined): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(h?.trim() ?? '');
  return m ? m[1]!.trim() : null;
}

const error = (status: number, code: string, message: string): PushAnswer => ({ status, body: { error: { code, message } } });

/** The pushed records: a JSON object, an array of them, or NDJSON (one object per line). */
export function parsePushBody(body: Buffer, contentType: string | undefined): { records: unknown[] } | { error: string } {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) return { error: 'the body is empty' };
  const ndjson = /ndjson|jsonl|json-seq/i.test(contentType ?? '');
  if (!ndjson) {
    try {
      const v: unknown = JSON.parse(text);
      return { records: Array.isArray(v) ? v : [v] };
    } catch (e) {
      // Several lines of JSON sent as application/json: read as NDJSON below.
      if (!text.trim().includes('\n')) return { error: `the body is not valid JSON (${(e as Error).message})` };
    }
  }
  const records: unknown[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      return { error: `line ${i + 1} is not valid JSON` };
    }
  }
  return { records };
}

export function receivePush(station: Station, req: PushRequest): PushAnswer {
  let target: string;
  try {
    target = decodeURIComponent(req.target);
  } catch {
    return error(400, 'bad-path', 'the path is not valid percent-encoding');
  }
  if (target.startsWith('gauge/')) return receiveGauge(station, target.slice(6), req);
  const source = /^\d+$/.test(target) ? station.store.sources.get(Number(target)) : station.store.sources.byName(target);
  if (!source || source.kind !== 'webhook') return error(404, 'not-found', `there is no webhook source "${target}"`);
  const cfg = webhookConfig.safeParse(source.config);
  const presented = bearer(req.authorization);
  if (!cfg.success || !presented || !sameSecret(presented, cfg.data.secret)) {
    return error(401, 'unauthorized', `a valid secret for "${source.name}" is required (Authorization: Bearer <secret>)`);
  }
  if (!source.enabled) return error(409, 'disabled', `source "${source.name}" is disabled`);
  const parsed = parsePushBody(req.body, req.contentType);
  if ('error' in parsed) return error(400, 'bad-body', parsed.error);
  const map = cfg.data.map ?? IDENTITY_MAPPING;
  const items: IncomingItem[] = [];
  const rejected: { index: number; reason: string }[] = [];
  parsed.records.forEach((rec, index) => {
    const m = mapRecord(rec, map, { format: cfg.data.dateFormat, zone: cfg.data.zone });
    if ('item' in m) items.push(m.item);
    else rejected.push({ index, reason: m.error });
  });
  const { inserted, duplicates } = items.length ? station.ingest(source.id, items) : { inserted: 0, duplicates: 0 };
  recordReceived(station, source, inserted);
  return { status: 200, body: { new: inserted, duplicate: duplicates, rejected } };
}

function recordReceived(station: Station, source: SourceRecord, inserted: number): void {
  const now = station.clock.now();
  station.store.sources.recordSuccess(source.id, source.poll, now, null, inserted);
  station.events.emit({ type: 'source', now, source: publicSource(station.store.sources.get(source.id)!) });
}

function receiveGauge(station: Station, name: string, req: PushRequest): PushAnswer {
  if (!name.trim()) return error(404, 'not-found', 'name the gauge: POST /ingest/gauge/<name>');
  const presented = bearer(req.authorization);
  const allowed =
    req.admin ||
    (presented !== null &&
      station.store.sources.list().some((s) => {
        if (s.kind !== 'webhook' || !s.enabled) return false;
        const c = webhookConfig.safeParse(s.config);
        return c.success && (c.data.gauges.includes(name) || c.data.gauges.includes('*')) && sameSecret(presented, c.data.secret);
      }));
  if (!allowed) {
    return error(401, 'unauthorized', `a webhook secret allowed to write gauge "${name}" (or the admin token) is required`);
  }
  const parsed = parsePushBody(req.body, req.contentType);
  if ('error' in parsed) return error(400, 'bad-body', parsed.error);
  const now = station.clock.now();
  const readings: { at: number; value: number }[] = [];
  const rejected: { index: number; reason: string }[] = [];
  let unit: string | undefined;
  let capacity: number | undefined;
  parsed.records.forEach((rec, index) => {
    const r = gaugeReading.safeParse(rec);
    if (!r.success) {
      rejected.push({ index, reason: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') });
      return;
    }
    let at = now;
    if (typeof r.data.at === 'number') at = r.data.at;
    else if (typeof r.data.at === 'string') {
      const iso = parseFeedDate(r.data.at);
      if (!iso) {
        rejected.push({ index, reason: `at: "${r.data.at}" is not a date` });
        return;
      }
      at = Date.parse(iso);
    }
    unit = r.data.unit ?? unit;
    capacity = r.data.capacity ?? capacity;
    readings.push({ at, value: r.data.value });
  });
  if (readings.length) {
    try {
      station.store.gauges.record(name, { unit, capacity }, readings);
    } catch (e) {
      return error(400, 'bad-gauge', (e as Error).message);
    }
  }
  return { status: 200, body: { new: readings.length, duplicate: 0, rejected } };
}
