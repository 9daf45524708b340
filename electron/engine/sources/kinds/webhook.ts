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
import { ingestInSlices, Pacer, SLICE } from '../slices';
import { defineSource, type IncomingItem } from '../types';

export const webhookSource = defineSource({
  kind: 'webhook',
  schema: webhookConfig,
  host: () => null,
  async receive({ source, config, port }, push) {
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
    // 50,000 items are mapped and stored a slice at a time, the event loop free in between.
    const pacer = new Pacer();
    for (let index = 0; index < parsed.records.length; index++) {
      const m = mapRecord(parsed.records[index], map, { format: config.dateFormat, zone: config.zone });
      if ('item' in m) items.push(m.item);
      else rejected.push({ index, reason: m.error });
      if (index % SLICE === SLICE - 1) await pacer.pace();
    }
    let stored;
    try {
      stored = await ingestInSlices((slice) => port.ingest(slice), items);
    } catch (e) {
      // Disk full or read-only: said in words (the station's light is red), never a stack.
      const code = String((e as { cause?: { code?: unknown } }).cause?.code ?? '');
      if (/^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|ENOSPC)/.test(code)) return pushError(507, 'storage', (e as Error).message);
      throw e;
    }
    port.succeeded();
    return { status: 200, body: { new: stored.inserted, duplicate: stored.duplicates, clipped: stored.clipped, rejected } };
  },
  writesGauge: (config, gauge, secret) =>
    (config.gauges.includes(gauge) || config.gauges.includes('*')) && sameSecret(secret, config.secret),
});
