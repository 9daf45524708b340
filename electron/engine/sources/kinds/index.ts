// The registry of source kinds: one file per kind, listed once here.
import type { SourceKind } from '../../../../shared/types';
import type { SourceKindEntry } from '../types';
import { feedSource } from './feed';
import { folderSource } from './folder';
import { hackernewsSource } from './hackernews';
import { jsonSource } from './json';
import { mastodonSource } from './mastodon';
import { redditSource } from './reddit';
import { replaySource } from './replay';
import { webhookSource } from './webhook';

export const sourceKinds: Record<SourceKind, SourceKindEntry> = {
  feed: feedSource,
  replay: replaySource,
  mastodon: mastodonSource,
  hackernews: hackernewsSource,
  reddit: redditSource,
  json: jsonSource,
  folder: folderSource,
  webhook: webhookSource,
};
