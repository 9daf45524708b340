// The small interface every source kind implements: a config schema and a poll that turns
// the previous poll state into items plus the next state. Parsing stays pure and testable.
import type { z } from 'zod';
import type { StationEvent } from '../../../shared/api';
import type { SourceKind } from '../../../shared/types';
import type { Clock } from '../clock';
import type { Station } from '../station';
import type { PollState, SourceRecord, Store } from '../store';

/** An item as a source found it, before the pipeline normalizes and analyzes it. */
export interface IncomingItem {
  guid: string;
  url?: string | null;
  title?: string | null;
  /** Plain text; when absent, derived from html. */
  text?: string | null;
  html?: string | null;
  author?: string | null;
  /** Epoch ms; null when the source gave no usable date. */
  publishedAt?: number | null;
  /** A language hint from the source; detection decides. */
  lang?: string | null;
  tags?: string[];
  reach?: number;
  /** Dedupe by (source, guid) only, never by content (a drill replaying stored mentions). */
  identityKey?: boolean;
}

export interface PollContext<C> {
  source: SourceRecord;
  config: C;
  clock: Clock;
  signal: AbortSignal;
  /** The station's store, for kinds that read it (replay of a stored range). */
  store?: Store;
}

export interface WatchContext<C> {
  source: SourceRecord;
  config: C;
  clock: Clock;
  station: Station;
}

export interface PollResult {
  items: IncomingItem[];
  poll: PollState;
  /** The source said nothing changed (HTTP 304). */
  notModified?: boolean;
  /** Ask to be polled again sooner than the interval (e.g. a replay with more due). */
  nextInMs?: number;
}

export interface SourceKindDef<S extends z.ZodType = z.ZodType> {
  kind: SourceKind;
  schema: S;
  /** Host used for per-host politeness limits, or null. */
  host(config: z.output<S>): string | null;
  /** Absent for kinds that are watched or pushed to: the scheduler leaves them alone. */
  poll?(ctx: PollContext<z.output<S>>): Promise<PollResult>;
  /** Watched kinds (folders): start watching; the returned function stops. */
  watch?(ctx: WatchContext<z.output<S>>, emit: (e: StationEvent) => void): () => Promise<void>;
}

export function defineSource<S extends z.ZodType>(def: SourceKindDef<S>): SourceKindDef<S> {
  return def;
}
