// What feed parsing yields (items, the feed, its format) and how it fails (FeedError).

export interface FeedItem {
  guid: string;
  url: string | null;
  title: string | null;
  text: string;
  html: string | null;
  author: string | null;
  /** ISO 8601, UTC. */
  publishedAt: string | null;
  tags: string[];
  lang: string | null;
}

export type FeedFormat = 'rss2' | 'rss1' | 'atom1' | 'atom03' | 'jsonfeed' | 'rss09';

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  lang: string | null;
  items: FeedItem[];
}

export type FeedErrorCode = 'not-a-feed' | 'html-page' | 'challenge-page' | 'malformed' | 'empty' | 'charset';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    public code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}
