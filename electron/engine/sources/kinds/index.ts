// The registry of source kinds: one file per kind, listed once here.
import type { SourceKind } from '../../../../shared/types';
import { feedSource } from './feed';
import { folderSource } from './folder';
import { hackernewsSource } from './hackernews';
import { jsonSource } from './json';
import { mastodonSource } from './mastodon';
import { redditSource } from './reddit';
import { replaySource } from './replay';
import type { SourceKindDef } from '../types';
import { webhookSource } from './webhook';

export const sourceKinds: Record<SourceKind, SourceKindDef> = {
  feed: feedSource as unknown as SourceKindDef,
  replay: replaySource as unknown as SourceKindDef,
  mastodon: mastodonSource as unknown as SourceKindDef,
  hackernews: hackernewsSource as unknown as SourceKindDef,
  reddit: redditSource as unknown as SourceKindDef,
  json: jsonSource as unknown as SourceKindDef,
  folder: folderSource as unknown as SourceKindDef,
  webhook: webhookSource as unknown as SourceKindDef,
};
