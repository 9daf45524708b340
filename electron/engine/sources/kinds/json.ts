// Generic JSON over HTTP: a URL (GET or POST, with headers), a dot path to the items array and
// a field mapping with a date format. Items that do not map are skipped; when none of a
// non-empty answer maps, the poll fails with the first reason, so a wrong mapping is seen.
import { jsonConfig } from '../../../../shared/source-configs';
import { fetchJson, hostOf, SourceError } from '../http/json';
import { getPath, mapRecord } from '../records/mapping';
import { defineSource, type IncomingItem } from '../types';

export const jsonSource = defineSource({
  kind: 'json',
  schema: jsonConfig,
  host: (c) => hostOf(c.url),
  async poll({ source, config, timeoutMs }) {
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
    const items: IncomingItem[] = [];
    let firstError: string | null = null;
    list.forEach((rec: unknown, i) => {
      const m = mapRecord(rec, config.map, { format: config.dateFormat, zone: config.zone });
      if ('item' in m) items.push(m.item);
      else firstError ??= `item ${i}: ${m.error}`;
    });
    if (list.length > 0 && items.length === 0) {
      throw new SourceError(`${config.url}: none of the ${list.length} items fit the mapping (${firstError})`);
    }
    return { items, poll: { cursor: source.poll.cursor, etag: null, lastModified: null } };
  },
});
