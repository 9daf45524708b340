// `fenghuo parse-feed <file|url>`: what the station would read from a feed, one JSON object
// per item on stdout — for checking a new source before adding it, or a fixture by hand.
//
// URLs go through the same guarded client as the station, with one difference: private
// and loopback addresses are allowed. The guard exists so a feed (or its redirects) cannot
// steer the station into the local network; here the operator typed the address.
//
// An item whose feed declares no language gets the station's own detection (zh-Hant,
// zh-Hans, en, other), as the pipeline would assign it.

import { readFile } from 'node:fs/promises';
import { detectLang } from '../engine/analysis/lang';
import { FeedError, parseFeed, type FeedItem } from '../engine/sources/feed/parse';
import { FetchError, guardedFetch } from '../engine/sources/http/fetch';

export const PARSE_FEED_USAGE = 'fenghuo parse-feed <file|http(s) URL>   print the feed\'s items as JSON lines';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export async function runParseFeed(arg: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (!arg) {
    err.write(`usage: ${PARSE_FEED_USAGE}\n`);
    return 2;
  }
  try {
    let bytes: Uint8Array;
    let contentType: string | null = null;
    let url: string | null = null;
    if (/^https?:\/\//i.test(arg)) {
      const res = await guardedFetch(arg, { allowPrivate: true, headers: { accept: FEED_ACCEPT } });
      bytes = res.body;
      contentType = res.headers['content-type'] ?? null;
      url = res.url;
    } else {
      bytes = await readFile(arg);
    }
    const feed = parseFeed(bytes, { contentType, url });
    for (const item of feed.items) out.write(`${JSON.stringify(itemLine(item))}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FeedError || e instanceof FetchError) err.write(`parse-feed: ${e.message} (${e.code})\n`);
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT') err.write(`parse-feed: no such file: ${arg}\n`);
    else err.write(`parse-feed: ${(e as Error).message}\n`);
    return 1;
  }
}

/** Exactly the fields of a feed item, in a fixed order. */
function itemLine(item: FeedItem): FeedItem {
  return {
    guid: item.guid,
    url: item.url,
    title: item.title,
    text: item.text,
    html: item.html,
    author: item.author,
    publishedAt: item.publishedAt,
    tags: item.tags,
    lang: item.lang ?? detectLang(`${item.title ?? ''}\n${item.text}`),
  };
}
