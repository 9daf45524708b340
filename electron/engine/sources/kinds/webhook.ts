// Webhook: other systems push mentions to `POST /ingest/<source id or name>` with that source's
// own secret (Authorization: Bearer <secret>), as a JSON object, a JSON array or NDJSON, up to
// 5 MiB a batch. Idempotent by guid: a retried push stores nothing twice. The answer counts
// what was new, what was a duplicate, and which items were refused and why.
// Gauge readings are pushed to `POST /ingest/gauge/<name>`, with the secret of a webhook source
// that lists the gauge (or "*") in its `gauges`, or the station's admin token.
// The server (electron/server/index.ts) reads the body and checks Host and Origin; the push
// router (../push.ts) finds the source; this file decides whether and what it takes.
import { webhookConfig } from '../../../../shared/source-configs';
import { bearer, parsePushBody, pushError, sameSecret } from '../push';
import { IDENTITY_MAPPING, mapRecord } from '../records/mapping';
import { defineSource, type IncomingItem } from '../types';

export const webhookSource = defineSource({
  kind: 'webhook',
  schema: webhookConfig,
  host: () => null,
  receive({ source, config, port }, push) {
    const presented = bearer(push.authorization);
    if (!presented || !sameSecret(presented, config.secret)) {
      return pushError(401, 'unauthorized', `a valid secret for "${source.name}" is required (Authorization: Bearer <secret>)`);
    }
    if (!source.enabled) return pushError(409, 'disabled', `source "${source.name}" is disabled`);
    const parsed = parsePushBody(push.body, push.contentType);
    if ('error' in parsed) return pushError(400, 'bad-body', parsed.error);
    const map = config.map ?? IDENTITY_MAPPING;
    const items: IncomingItem[] = [];
    const rejected: { index: number; reason: string }[] = [];
    parsed.records.forEach((rec, index) => {
      const m = mapRecord(rec, map, { format: config.dateFormat, zone: config.zone });
      if ('item' in m) items.push(m.item);
      else rejected.push({ index, reason: m.error });
    });
    const { inserted, duplicates } = items.length ? port.ingest(items) : { inserted: 0, duplicates: 0 };
    port.succeeded(inserted);
    return { status: 200, body: { new: inserted, duplicate: duplicates, rejected } };
  },
  writesGauge: (config, gauge, secret) =>
    (config.gauges.includes(gauge) || config.gauges.includes('*')) && sameSecret(secret, config.secret),
});
