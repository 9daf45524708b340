// Pushes from other systems (`POST /ingest/<source id or name>` and
// `POST /ingest/gauge/<name>`): find the source and hand the push to its kind, or take gauge
// readings for a gauge that a pushing source (or the admin token) may write. The server reads
// the body and checks Host and Origin; the kind decides what it takes.
import { gaugeReading } from '../../../shared/source-configs';
import { readingProblem } from '../../../shared/gauges';
import { sourceKinds } from '../sources/kinds';
import { parseFeedDate } from '../sources/feed/dates';
import { bearer, parsePushBody, pushError } from '../sources/push';
import type { GaugeReading, Push, PushAnswer } from '../sources/types';
import type { Store } from '../store';
import type { Clock } from '../clock';
import type { SourceRunner } from './runner';

export interface PushRequest extends Push {
  /** The path after /ingest/ (still percent-encoded). */
  target: string;
  /** The request carried the station's admin token (gauge pushes accept it). */
  admin: boolean;
}

export function receivePush(runner: SourceRunner, store: Store, clock: Clock, req: PushRequest): PushAnswer | Promise<PushAnswer> {
  let target: string;
  try {
    target = decodeURIComponent(req.target);
  } catch {
    return pushError(400, 'bad-path', 'the path is not valid percent-encoding');
  }
  if (target.startsWith('gauge/')) return receiveGauge(runner, store, clock, target.slice(6), req);
  const source = /^\d+$/.test(target) ? store.sources.get(Number(target)) : store.sources.byName(target);
  const b = source ? sourceKinds[source.kind].bind(source.config) : null;
  if (!source || !b || ('bound' in b && !b.bound.receive)) return pushError(404, 'not-found', `there is no webhook source "${target}"`);
  if ('error' in b) {
    return pushError(401, 'unauthorized', `a valid secret for "${source.name}" is required (Authorization: Bearer <secret>)`);
  }
  return b.bound.receive!({ source, port: runner.portFor(source) }, req);
}

function receiveGauge(runner: SourceRunner, store: Store, clock: Clock, name: string, req: PushRequest): PushAnswer {
  if (!name.trim()) return pushError(404, 'not-found', 'name the gauge: POST /ingest/gauge/<name>');
  const presented = bearer(req.authorization);
  const allowed =
    req.admin ||
    (presented !== null &&
      store.sources.list().some((s) => {
        if (!s.enabled) return false;
        const b = sourceKinds[s.kind].bind(s.config);
        return 'bound' in b && b.bound.writesGauge?.(name, presented) === true;
      }));
  if (!allowed) {
    return pushError(401, 'unauthorized', `a webhook secret allowed to write gauge "${name}" (or the admin token) is required`);
  }
  const parsed = parsePushBody(req.body, req.contentType);
  if ('error' in parsed) return pushError(400, 'bad-body', parsed.error);
  const now = clock.now();
  const readings: GaugeReading[] = [];
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
    // Negative, not a number, or later than the station's clock allows: refused by name.
    const problem = readingProblem({ at, value: r.data.value }, now);
    if (problem) {
      rejected.push({ index, reason: problem });
      return;
    }
    unit = r.data.unit ?? unit;
    capacity = r.data.capacity ?? capacity;
    readings.push({ at, value: r.data.value });
  });
  if (!readings.length && rejected.length) {
    const why = rejected.map((x) => (parsed.records.length > 1 ? `reading ${x.index + 1}: ${x.reason}` : x.reason)).join('; ');
    return { status: 400, body: { error: { code: 'bad-reading', message: `nothing stored for "${name}": ${why}` }, new: 0, duplicate: 0, rejected } };
  }
  if (readings.length) {
    try {
      runner.recordGauge(name, { unit, capacity }, readings);
    } catch (e) {
      return pushError(400, 'bad-gauge', (e as Error).message);
    }
  }
  return { status: 200, body: { new: readings.length, duplicate: 0, rejected } };
}
