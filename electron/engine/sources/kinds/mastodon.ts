// Mastodon hashtag timeline: /api/v1/timelines/tag/:tag with any/all/none, paged forward with
// min_id (the newest status id seen is the cursor), an optional access token, and the
// instance's rate limit respected: when X-RateLimit-Remaining reaches 0, the next poll waits
// until X-RateLimit-Reset.
import { mastodonConfig } from '../../../../shared/source-configs';
import { fetchJson, hostOf, SourceError } from '../http/json';
import { defineSource, type IncomingItem } from '../types';

interface Status {
  id: string;
  uri?: string;
  url?: string | null;
  created_at?: string;
  content?: string;
  spoiler_text?: string;
  language?: string | null;
  account?: { acct?: string; followers_count?: number };
  tags?: { name?: string }[];
}

const bare = (t: string): string => t.replace(/^#/, '');

/** Compare Mastodon ids (decimal strings that outgrow doubles) as numbers. */
export function newerId(a: string, b: string | null): boolean {
  if (b === null) return true;
  return a.length !== b.length ? a.length > b.length : a > b;
}

export function statusToItem(s: Status): IncomingItem | null {
  if (!s || typeof s.id !== 'string') return null;
  const at = s.created_at ? Date.parse(s.created_at) : NaN;
  const html = [s.spoiler_text ? `<p>${s.spoiler_text}</p>` : '', s.content ?? ''].join('');
  return {
    guid: s.uri ?? s.id,
    url: s.url ?? s.uri ?? null,
    html,
    author: s.account?.acct ?? null,
    publishedAt: Number.isFinite(at) ? at : null,
    lang: s.language ?? null,
    tags: (s.tags ?? []).map((t) => t.name ?? '').filter(Boolean),
    reach: Math.max(0, s.account?.followers_count ?? 0),
  };
}

export const mastodonSource = defineSource({
  kind: 'mastodon',
  schema: mastodonConfig,
  host: (c) => hostOf(c.instance),
  async poll({ source, config, clock, timeoutMs }) {
    const u = new URL(`/api/v1/timelines/tag/${encodeURIComponent(bare(config.tag))}`, config.instance);
    u.searchParams.set('limit', String(config.limit));
    for (const t of config.any) u.searchParams.append('any[]', bare(t));
    for (const t of config.all) u.searchParams.append('all[]', bare(t));
    for (const t of config.none) u.searchParams.append('none[]', bare(t));
    const since = source.poll.cursor;
    if (since) u.searchParams.set('min_id', since);
    const { json, res } = await fetchJson(u.href, {
      allowPrivate: config.allowPrivate,
      timeoutMs,
      headers: config.accessToken ? { authorization: `Bearer ${config.accessToken}` } : {},
    });
    if (!Array.isArray(json)) throw new SourceError(`${u.href}: expected a list of statuses, got ${typeof json}`);
    let newest = since;
    const items: IncomingItem[] = [];
    for (const s of json as Status[]) {
      const it = statusToItem(s);
      if (!it) continue;
      items.push(it);
      if (newerId(s.id, newest)) newest = s.id;
    }
    let nextInMs: number | undefined;
    if (res.headers['x-ratelimit-remaining']?.trim() === '0') {
      const reset = Date.parse(res.headers['x-ratelimit-reset'] ?? '');
      if (Number.isFinite(reset)) nextInMs = Math.max(0, reset - clock.now());
    } else if (since && json.length >= config.limit) {
      // A full page after min_id: more are waiting; fetch the next page soon.
      nextInMs = 1000;
    }
    return {
      items,
      poll: { cursor: newest, etag: null, lastModified: null },
      ...(nextInMs !== undefined ? { nextInMs } : {}),
    };
  },
});
