// sources.test: a dry run. Poll a source once (a stored one, or a config not yet added),
// store nothing, and show the first items as the pipeline would store them.
import fs from 'node:fs';
import path from 'node:path';
import { describeIssues, formatIssues, sourceConfigs } from '../../../shared/schemas';
import type { SourcePreviewItem, SourceTestResult } from '../../../shared/types';
import { decodeTextFile } from '../sources/records/csv';
import { isImportable } from '../sources/records/import';
import { sourceKinds } from '../sources/kinds';
import { formatOf, mapMentions, readRecords, resolveMapping } from '../sources/records/records';
import type { IncomingItem } from '../sources/types';
import type { SourceRecord } from '../store';
import type { NewMention } from '../store';
import { ApiError, handlers, notFound } from './types';

const SHOWN = 20;
const LABELS = { [-1]: 'negative', 0: 'neutral', 1: 'positive' } as const;

function previewItem(m: NewMention): SourcePreviewItem {
  return {
    guid: m.guid,
    url: m.url,
    title: m.title,
    text: m.text,
    author: m.author,
    lang: m.lang,
    publishedAt: m.publishedAt,
    sentiment: m.sentiment,
    label: LABELS[m.label],
    emotions: m.emotions,
    reach: m.reach,
    tags: m.tags,
    topicIds: m.topicIds,
  };
}

/** The first files of a watched folder, read as they would be, stored nowhere. */
async function folderItems(config: Record<string, unknown>): Promise<IncomingItem[]> {
  const c = sourceConfigs.folder.parse(config);
  const dir = path.resolve(c.path);
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).sort();
  } catch (e) {
    throw new ApiError(400, 'source-failed', `folder ${dir}: ${(e as Error).message}`);
  }
  const items: IncomingItem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const format = formatOf(file);
    if (!isImportable(file) || !format) continue;
    const records = readRecords(decodeTextFile(await fs.promises.readFile(file)).text, format);
    const { map, dates } = resolveMapping(records, c.preset, c.map, { format: c.dateFormat, zone: c.zone });
    for (const m of mapMentions(records, map, dates)) if (m.value) items.push(m.value);
    if (items.length >= SHOWN) break;
  }
  return items;
}

export const sourceTestHandlers = handlers({
  'sources.test': async (p, { station }): Promise<SourceTestResult> => {
    let source: SourceRecord;
    if ('id' in p) {
      const s = station.store.sources.get(p.id);
      if (!s) throw notFound(`source ${p.id}`);
      source = s;
    } else {
      const r = sourceConfigs[p.kind].safeParse(p.config);
      if (!r.success) throw new ApiError(400, 'bad-params', `config: ${describeIssues(r.error)}`, formatIssues(r.error));
      source = {
        id: 0,
        name: '(test)',
        kind: p.kind,
        config: r.data as Record<string, unknown>,
        enabled: true,
        intervalSec: 300,
        createdAt: station.clock.now(),
        health: {
          state: 'idle',
          lastCheckAt: null,
          lastSuccessAt: null,
          lastErrorAt: null,
          lastError: null,
          consecutiveFailures: 0,
          nextCheckAt: null,
          itemsTotal: 0,
          pausedReason: null,
        },
        poll: { cursor: null, etag: null, lastModified: null },
      };
    }
    const def = sourceKinds[source.kind];
    const cfg = def.schema.safeParse(source.config);
    if (!cfg.success) throw new ApiError(400, 'bad-config', `config: ${describeIssues(cfg.error)}`);
    let items: IncomingItem[];
    if (source.kind === 'folder') {
      items = await folderItems(source.config);
    } else if (!def.poll) {
      throw new ApiError(400, 'not-polled', `a ${source.kind} source receives pushes; there is nothing to poll`);
    } else {
      try {
        // A fresh start (no cursor, no ETag): the test shows what the source offers now.
        const r = await def.poll({
          source: { ...source, poll: { cursor: null, etag: null, lastModified: null } },
          config: cfg.data,
          clock: station.clock,
          signal: new AbortController().signal,
          store: station.store,
        });
        items = r.items;
      } catch (e) {
        throw new ApiError(502, 'source-failed', (e as Error).message);
      }
    }
    const rows = station.preview(source.id, source.name, items.slice(0, SHOWN * 5));
    return { found: items.length, items: rows.slice(0, SHOWN).map(previewItem) };
  },
});
