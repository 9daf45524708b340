// Reddit search: /search.json (or /r/<sub>/search.json) sorted by new, with a User-Agent that
// says who is asking, as Reddit asks. A 429 carries Retry-After, which the station honours.
import { redditConfig } from '../../../../shared/source-configs';
import { fetchJson, hostOf, SourceError } from '../http/json';
import { defineSource, type IncomingItem } from '../types';

export const REDDIT_USER_AGENT = 'Fenghuo/0.1 (offline social-listening station; reddit search; one request per interval)';

interface Post {
  name?: string;
  id?: string;
  title?: string;
  selftext?: string;
  permalink?: string;
  url?: string;
  author?: string;
  created_utc?: number;
  subreddit?: string;
  subreddit_subscribers?: number;
}

export function postToItem(p: Post, base: string): IncomingItem | null {
  const id = p?.name ?? (p?.id ? `t3_${p.id}` : null);
  if (!id || typeof p.created_utc !== 'number') return null;
  return {
    guid: `reddit:${id}`,
    url: p.permalink ? new URL(p.permalink, base).href : (p.url ?? null),
    title: p.title ?? null,
    text: p.selftext ?? null,
    author: p.author ?? null,
    publishedAt: Math.round(p.created_utc * 1000),
    tags: p.subreddit ? [p.subreddit] : [],
    reach: Math.max(0, p.subreddit_subscribers ?? 0),
  };
}

export const redditSource = defineSource({
  kind: 'reddit',
  schema: redditConfig,
  host: (c) => hostOf(c.baseUrl),
  async poll({ source, config, timeoutMs }) {
    const u = new URL(config.subreddit ? `/r/${config.subreddit}/search.json` : '/search.json', config.baseUrl);
    u.searchParams.set('q', config.query);
    u.searchParams.set('sort', 'new');
    u.searchParams.set('limit', String(config.limit));
    if (config.subreddit) u.searchParams.set('restrict_sr', '1');
    const { json } = await fetchJson(u.href, { allowPrivate: config.allowPrivate, userAgent: REDDIT_USER_AGENT, timeoutMs });
    const children = (json as { data?: { children?: unknown } })?.data?.children;
    if (!Array.isArray(children)) throw new SourceError(`${u.href}: expected a Listing ({"data": {"children": [...]}})`);
    const items: IncomingItem[] = [];
    for (const c of children as { data?: Post }[]) {
      const it = c?.data ? postToItem(c.data, 'https://www.reddit.com') : null;
      if (it) items.push(it);
    }
    return { items, poll: { cursor: source.poll.cursor, etag: null, lastModified: null } };
  },
});
