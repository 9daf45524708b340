// Explore's search speaks the topic language (boolean, phrases, exclusions, #tags, @authors,
// lang:, source:, 繁↔简 folding): the query is checked as a topic's is (a bad one refused with
// its position), compiled by the same matcher and run over the stored mentions, page by page;
// the matching ids then go through the store's other filters, so counts and pages stay exact.
// A topic's preview and re-tagging read stored mentions through the same scan.
import type { Lang } from '../../../shared/types';
import { compileTopics, type MatchDoc } from '../analysis/query';
import { checkQuery } from '../core/topics';
import type { Store } from '../store';
import type { MatchRow } from '../store/mentions';

const PAGE = 2000;
/** Most mentions one search reads (the newest first are not favoured: this bounds a search on a huge station). */
export const SEARCH_SCAN_CAP = 2_000_000;

function doc(r: MatchRow): MatchDoc {
  return {
    text: r.title ? `${r.title}\n${r.text}` : r.text,
    title: r.title,
    author: r.author,
    lang: r.lang,
    source: r.source,
    tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  };
}

/**
 * Every stored mention since `from` that the query matches (ids, and how many per language),
 * read page by page up to `cap` mentions. Explore's search, a topic's preview and re-tagging share it.
 */
export function matchStored(
  store: Store,
  query: string,
  from: number,
  cap: number,
): { ids: number[]; scanned: number; byLang: Partial<Record<Lang, number>> } {
  const matcher = compileTopics([{ id: 1, name: 'q', query }]);
  const ids: number[] = [];
  const byLang: Partial<Record<Lang, number>> = {};
  let scanned = 0;
  let after = 0;
  for (;;) {
    const rows = store.mentions.scanForMatching(from, after, PAGE);
    for (const r of rows) {
      if (!matcher.match(doc(r)).length) continue;
      ids.push(r.id);
      const lang = r.lang as Lang;
      byLang[lang] = (byLang[lang] ?? 0) + 1;
    }
    scanned += rows.length;
    if (rows.length < PAGE || scanned >= cap) break;
    after = rows[rows.length - 1]!.id;
  }
  return { ids, scanned, byLang };
}

/** The ids of every stored mention since `from` that the query matches. */
export function queryIds(store: Store, q: string, from = 0): number[] {
  checkQuery(q);
  return matchStored(store, q, from, SEARCH_SCAN_CAP).ids;
}

/** A search filter with its query turned into the ids it matches. */
export function resolveQuery<F extends { q?: string | undefined; from?: number | undefined }>(
  store: Store,
  filter: F,
): Omit<F, 'q'> & { ids?: number[] } {
  const { q, ...rest } = filter;
  const query = q?.trim();
  if (!query) return rest;
  return { ...rest, ids: queryIds(store, query, filter.from ?? 0) };
}
