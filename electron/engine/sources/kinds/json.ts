// Generic JSON over HTTP: a URL (GET or POST, with headers), a dot path to the items array and
// a field mapping with a date format. Items that do not map are skipped; when none of a
// non-empty answer maps, the poll fails with the first reason, so a wrong mapping is seen.
// With `readings` instead of `map`, the items are crowd readings of places (an open-data crowd
// or parking endpoint): each names its place, its count (people present, or free spaces) and
// its time, and goes to that place; items for places this station does not have are skipped.
import { jsonConfig } from '../../../../shared/source-configs';
import type { z } from 'zod';
import { fetchJson, hostOf, SourceError } from '../http/json';
import { getPath, mapRecord, parseDate } from '../records/mapping';
import { defineSource, type GaugeReading, type IncomingItem, type SourcePort } from '../types';
import { readingProblem } from '../../../../shared/gauges';

export const jsonSource = defineSource({
  kind: 'json',
  schema: jsonConfig,
  host: (c) => hostOf(c.url),
  async poll({ source, config, timeoutMs, port, clock }) {
    const { json } = await fetchJson(config.url, {
      method: config.method,
      headers: { ...(config.body !== undefined ? { 'content-type': 'application/json' } : {}), ...config.headers },
      ...(config.body !== undefined ? { body: config.body } : {}),
      allowPrivate: config.allowPrivate,
      timeoutMs,
    });
    const list = config.itemsPath ? getPath(json, config.itemsPath) : json;
    if (!Array.isArray(list)) {
      const where = config.itemsPath ? `itemsPath "${config.itemsPath}"` : 'the answer';
      const found = list === undefined ? 'nothing' : Array.isArray(list) ? 'an array' : typeof list;
      throw new SourceError(`${config.url}: ${where} is not an array (found ${found})`);
    }
    if (config.readings) {
      readPlaces(list, config, port, clock.now());
      return { items: [], poll: { cursor: source.poll.cursor, etag: null, lastModified: null } };
    }
    const items: IncomingItem[] = [];
    let firstError: string | null = null;
    list.forEach((rec: unknown, i) => {
      const m = mapRecord(rec, config.map!, { format: config.dateFormat, zone: config.zone });
      if ('item' in m) items.push(m.item);
      else firstError ??= `item ${i}: ${m.error}`;
    });
    if (list.length > 0 && items.length === 0) {
      throw new SourceError(`${config.url}: none of the ${list.length} items fit the mapping (${firstError})`);
    }
    return { items, poll: { cursor: source.poll.cursor, etag: null, lastModified: null } };
  },
});

/** Items → readings per place; throws with the first reason when none of a non-empty list fits. */
function readPlaces(list: unknown[], config: z.output<typeof jsonConfig>, port: SourcePort, now: number): void {
  const spec = config.readings!;
  const byPlace = new Map<string, GaugeReading[]>();
  let firstError: string | null = null;
  list.forEach((rec, i) => {
    const fail = (why: string) => void (firstError ??= `item ${i}: ${why}`);
    const place = getPath(rec, spec.place);
    if (typeof place !== 'string' || !place.trim()) return fail(`no place name at "${spec.place}"`);
    const name = place.trim();
    const capacity = port.capacityOf(name);
    if (capacity === null) return fail(`"${name}" is not one of this station's places`);
    const raw = getPath(rec, spec.value);
    const count = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw) : NaN;
    if (!Number.isFinite(count)) return fail(`value "${String(raw ?? '')}" at "${spec.value}" is not a number`);
    const rawAt = spec.at ? getPath(rec, spec.at) : undefined;
    const at = spec.at ? parseDate(rawAt, { format: config.dateFormat, zone: config.zone }) : now;
    if (at === null) return fail(`time "${String(rawAt ?? '')}" at "${spec.at}" does not read as ${config.dateFormat}`);
    const value = spec.counts === 'free' ? Math.max(0, capacity - count) : count;
    const problem = readingProblem({ at, value }, now);
    if (problem) return fail(problem);
    (byPlace.get(name) ?? byPlace.set(name, []).get(name)!).push({ at, value });
  });
  if (list.length > 0 && byPlace.size === 0) {
    throw new SourceError(`${config.url}: none of the ${list.length} items is a reading of a place (${firstError})`);
  }
  for (const [name, readings] of byPlace) port.recordGauge(name, {}, readings);
}
