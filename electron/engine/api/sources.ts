// sources.*: adding, changing and removing sources, polling one now, a dry run
// (sources.test), and reading a file on this machine into a source (sources.importFile, what
// `fenghuo import` hands a running station). Every change reaches the runner at once and open
// walls by a `sources` event.
import path from 'node:path';
import { ApiError, notFound } from '../../../shared/errors';
import { describeIssues, formatIssues, sourceConfigs } from '../../../shared/schemas';
import { folderConfig, type FieldMapping } from '../../../shared/source-configs';
import type { ImportProgress, SourceKind, SourcePreviewItem, SourceTestResult } from '../../../shared/types';
import { importFile } from '../sources/records/import';
import type { PresetName } from '../sources/records/records';
import type { SourceRecord } from '../model';
import { sourceKinds } from '../sources/kinds';
import type { IncomingItem } from '../sources/types';
import type { Station } from '../station';
import type { NewMention } from '../store';
import { keepHiddenSecrets, publicSource } from '../store/sources';
import { handlers } from './types';

export interface ImportRequest {
  /** An absolute path on this machine. */
  path: string;
  /** The source the rows belong to: made (a disabled folder source) when missing. */
  source: string;
  preset?: PresetName | undefined;
  gauges: boolean;
}

/**
 * A file into the station, as `fenghuo import` reads it: the named source (made when missing;
 * its folder config gives the preset, mapping and dates), the file read once by its hash.
 */
export async function importIntoStation(
  station: Station,
  req: ImportRequest,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<{ result: ImportProgress; source: string; contents: 'mentions' | 'gauges' }> {
  let source = station.store.sources.byName(req.source);
  if (!source) {
    // A disabled folder source records where imports came from; it watches nothing.
    const config = folderConfig.parse({ path: path.dirname(req.path), preset: req.preset ?? 'generic', contents: req.gauges ? 'gauges' : 'mentions' });
    const id = station.store.sources.add({ name: req.source, kind: 'folder', config, enabled: false, intervalSec: 300 }, station.clock.now());
    source = station.store.sources.get(id)!;
  }
  const own = source.kind === 'folder' ? folderConfig.safeParse(source.config) : null;
  const cfg = own?.success ? own.data : null;
  const contents = req.gauges ? 'gauges' : (cfg?.contents ?? 'mentions');
  const port = station.sources.portFor(source);
  const result = await importFile(
    port,
    req.path,
    {
      contents,
      preset: (req.preset ?? cfg?.preset ?? 'generic') as PresetName,
      map: cfg?.map as FieldMapping | undefined,
      dateFormat: cfg?.dateFormat,
      zone: cfg?.zone,
    },
    onProgress,
  );
  // What the file stored is already counted on its source; a source that exists to record
  // imports (a disabled folder, as made above) now shows when it last brought something, as a
  // watched folder does. A polled source keeps its own health: a file is not one of its polls.
  if (result.state === 'done') {
    if (source.kind === 'folder') port.succeeded();
    else station.sources.announce(source.id);
  }
  return { result, source: source.name, contents };
}

/** Items a dry run shows. */
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

function checkedConfig(method: 'sources.update' | 'sources.test', kind: SourceKind, config: unknown): Record<string, unknown> {
  const r = sourceConfigs[kind].safeParse(config);
  if (!r.success) {
    const issues = formatIssues(r.error);
    throw new ApiError('bad-params', { method, issues }, `config: ${describeIssues(r.error)}`);
  }
  return r.data as Record<string, unknown>;
}

/** The sources changed: the runner follows, and so do open walls. */
function changed(station: Station): void {
  station.sources.sync();
  station.events.emit({ type: 'sources', now: station.clock.now(), sources: station.sources.list() });
}

/** A source not yet added, as sources.test tries it. */
function unsaved(kind: SourceKind, config: Record<string, unknown>, now: number): SourceRecord {
  return {
    id: 0,
    name: '(test)',
    kind,
    config,
    enabled: true,
    intervalSec: 300,
    createdAt: now,
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

export const sourceHandlers = handlers({
  'sources.list': (_p, { station }) => station.sources.list(),
  'sources.add': (p, { station }) => {
    if (station.store.sources.byName(p.name)) {
      throw new ApiError('conflict', { what: 'source', name: p.name }, `a source named "${p.name}" already exists`);
    }
    const id = station.store.sources.add(p, station.clock.now());
    changed(station);
    if (p.enabled) station.sources.pollNow(id);
    // The one answer that shows a new source's secrets (a generated webhook secret).
    const added = station.store.sources.get(id)!;
    return { ...publicSource(added), config: added.config };
  },
  'sources.update': (p, { station }) => {
    const s = station.store.sources.get(p.id);
    if (!s) throw notFound('source', p.id);
    if (p.config) p.config = checkedConfig('sources.update', s.kind, keepHiddenSecrets(p.config, s.config));
    station.store.sources.update(p.id, p);
    changed(station);
    return publicSource(station.store.sources.get(p.id)!);
  },
  'sources.remove': (p, { station }) => {
    const removed = station.store.sources.remove(p.id, station.clock.now());
    changed(station);
    return { removed };
  },
  'sources.pollNow': (p, { station }) => {
    const s = station.store.sources.get(p.id);
    if (!s) throw notFound('source', p.id);
    station.sources.pollNow(p.id);
    return publicSource(s);
  },
  'sources.importFile': async (p, { station }) => {
    if (!path.isAbsolute(p.path)) throw new ApiError('bad-params', { method: 'sources.importFile', issues: [{ path: 'path', message: 'must be an absolute path' }] }, 'path: must be an absolute path');
    return (await importIntoStation(station, p)).result;
  },
  'sources.test': async (p, { station }): Promise<SourceTestResult> => {
    let source: SourceRecord;
    if ('id' in p) {
      const s = station.store.sources.get(p.id);
      if (!s) throw notFound('source', p.id);
      source = s;
    } else {
      source = unsaved(p.kind, checkedConfig('sources.test', p.kind, p.config), station.clock.now());
    }
    const b = sourceKinds[source.kind].bind(source.config);
    if ('error' in b) {
      const issues = formatIssues(b.error);
      throw new ApiError('bad-config', { issues }, `config: ${describeIssues(b.error)}`);
    }
    let items: IncomingItem[] | 'not-polled';
    try {
      items = await station.sources.preview(source, b.bound);
    } catch (e) {
      const detail = (e as Error).message;
      throw new ApiError('source-failed', { detail }, detail);
    }
    if (items === 'not-polled') {
      throw new ApiError('not-polled', { kind: source.kind }, `a ${source.kind} source receives pushes; there is nothing to poll`);
    }
    const rows = station.preview(source.id, source.name, items.slice(0, SHOWN * 5));
    return { found: items.length, items: rows.slice(0, SHOWN).map(previewItem) };
  },
});
