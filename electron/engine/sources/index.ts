// The registry of source kinds: one file per kind, listed once here.
import type { SourceKind } from '../../../shared/types';
import { feedSource } from './feed';
import { replaySource } from './replay';
import type { SourceKindDef } from './types';

export const sourceKinds: Record<SourceKind, SourceKindDef> = {
  feed: feedSource as unknown as SourceKindDef,
  replay: replaySource as unknown as SourceKindDef,
};
