// Hacker News search through Algolia's search_by_date, newest first, paged by time: the
// cursor is the newest created_at_i seen, asked for again as numericFilters=created_at_i>X;
// a full page is followed by the next pages (up to ten) so a busy query loses nothing.
import { hackernewsConfig } from '../../../../shared/source-configs';
import { fetchJson, hostOf, SourceError } from '../http/json';
import { defineSource, type IncomingItem } from '../types';

interface Hit {
  objectID?: string;
  title?: string | null;
  story_title?: string | null;
  url?: string | null;
  story_url?: string | null;
  author?: string | null;
  created_at_i?: number;
  comment_text?: string | null;
  story_text?: string | null;
  points?: number | null;
  _tags?: string[];
}

const MAX_PAGES = 10;

export function hitToItem(h: Hit): IncomingItem | null {
  if (!h || typeof h.objectID !== 'string' || typeof h.created_at_i !== 'number') return null;
  const comment = typeof h.comment_text === 'string';
  return {
    guid: `hn:${h.objectID}`,
    url: h.url ?? `https://news.ycombinator.com/item?id=${h.objectID}`,
    title: h.title ?? (h.story_title ? `Re: ${h.story_title}` : null),
    html: (comment ? h.comment_text : h.story_text) ?? null,
    author: h.author ?? null,
    publishedAt: h.created_at_i * 1000,
    tags: (h._tags ?? []).filter((t) => t === 'story' || t === 'comment' || t === 'ask_hn' || t === 'show_hn'),
    reach: Math.max(0, h.points ?? 0),
  };
}

export const hackernewsSource = defineSource({
  kind: 'hackernews',
  schema: hackernewsConfig,
  host: (c) => hostOf(c.baseUrl),
  async poll({ source, config, timeoutMs }) {
    const since = source.poll.cursor ? Number(source.poll.cursor) : null;
    const items: IncomingItem[] = [];
    let newest = since ?? 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const u = new URL('/api/v1/search_by_date', config.baseUrl);
      u.searchParams.set('query', config.query);
      if (config.tags) u.searchParams.set('tags', config.tags);
      u.searchParams.set('hitsPerPage', String(config.hitsPerPage));
      if (since !== null) u.searchParams.set('numericFilters', `created_at_i>${since}`);
      if (page > 0) u.searchParams.set('page', String(page));
      const { json } = await fetchJson(u.href, { allowPrivate: config.allowPrivate, timeoutMs });
      const body = json as { hits?: unknown; nbPages?: number };
      if (!body || !Array.isArray(body.hits)) throw new SourceError(`${u.href}: expected {"hits": [...]}`);
      for (const h of body.hits as Hit[]) {
        const it = hitToItem(h);
        if (!it) continue;
        items.push(it);
        newest = Math.max(newest, h.created_at_i!);
      }
      // The first poll takes one page (the newest); later ones follow the pages down to the cursor.
      const more = since !== null && body.hits.length >= config.hitsPerPage && page + 1 < (body.nbPages ?? Infinity);
      if (!more) break;
    }
    return { items, poll: { cursor: newest ? String(newest) : null, etag: null, lastModified: null } };
  },
});
