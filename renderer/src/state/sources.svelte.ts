// Sources with their health, as every view sees them: loaded on each (re)connect, kept
// current by `source` health events and the `sources` change event, and updated at once by
// the view that added, changed or removed one.
import type { Source } from '../../../shared/types';
import { call } from '../lib/api';

export const sources = $state({ list: [] as Source[] });

export async function loadSources(): Promise<void> {
  sources.list = await call('sources.list', {});
}

export function setSources(list: Source[]): void {
  sources.list = list;
}

/**
 * An api answer may be older than a `source` event that overtook it (a fast first poll
 * reports before `sources.add` returns): keep the health checked last, take the rest.
 */
export function putSource(source: Source): void {
  const i = sources.list.findIndex((x) => x.id === source.id);
  if (i < 0) return void sources.list.push(source);
  const old = sources.list[i]!;
  const newer = (old.health.lastCheckAt ?? -1) > (source.health.lastCheckAt ?? -1);
  sources.list[i] = newer ? { ...source, health: old.health } : source;
}

export function dropSource(id: number): void {
  sources.list = sources.list.filter((x) => x.id !== id);
}
