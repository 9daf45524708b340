// Feed: RSS / Atom / JSON Feed over the guarded HTTP client, with conditional GET.
import { feedConfig } from '../../../../shared/schemas';
import { parseFeed } from '../feed/parse';
import { guardedFetch } from '../http/fetch';
import { defineSource } from '../types';

export const feedSource = defineSource({
  kind: 'feed',
  schema: feedConfig,
  host: (c) => {
    try {
      return new URL(c.url).host;
    } catch {
      return null;
    }
  },
  async poll({ source, config, timeoutMs }) {
    const res = await guardedFetch(config.url, {
      allowPrivate: config.allowPrivate,
      timeoutMs,
      etag: source.poll.etag,
      lastModified: source.poll.lastModified,
    });
    const poll = { cursor: source.poll.cursor, etag: res.etag, lastModified: res.lastModified };
    if (res.notModified) return { items: [], poll, notModified: true };
    const feed = parseFeed(res.body, { contentType: res.headers['content-type'] ?? null, url: res.url });
    return {
      items: feed.items.map((it) => {
        const t = it.publishedAt ? Date.parse(it.publishedAt) : NaN;
        return {
          guid: it.guid,
          url: it.url,
          title: it.title,
          text: it.text,
          html: it.html,
          author: it.author,
          publishedAt: Number.isFinite(t) ? t : null,
          lang: it.lang ?? feed.lang,
          tags: it.tags,
        };
      }),
      poll,
    };
  },
});
