// What a source kind is, and the narrow port through which a running source reaches the
// station. A kind never sees the store: it turns a config (and the last poll state) into
// items, and hands items, files, gauge readings and progress to its port. The runner
// (./runner.ts) owns each source's life and records its health.
import type { z } from 'zod';
import type { ImportProgress, Mention, SourceKind } from '../../../shared/types';
import type { Clock } from '../clock';
import type { PollState, SourceRecord } from '../model';

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

export interface IngestResult {
  inserted: number;
  duplicates: number;
  /** Texts longer than the stored limit, cut to it (said in the answer, never silently). */
  clipped?: number;
}

/** A file already read by this source (files are read once, by content hash). */
export interface ReadFile {
  file: string;
  bytes: number;
  rows: number;
  inserted: number;
  errors: number;
  at: number;
}

export interface GaugeReading {
  at: number;
  value: number;
}

/** Where records read from a file or a push go: items, gauge readings, the file ledger. */
export interface RecordSink {
  readonly sourceId: number;
  readonly clock: Clock;
  /** Analyze and store a batch as this source's; events and lights follow. */
  ingest(items: IncomingItem[]): IngestResult;
  /**
   * The same for a file's batch, analysed on another thread while the batches before it are
   * written (written in the order given, in transactions of ~10 ms).
   */
  ingestBulk?(items: IncomingItem[]): Promise<IngestResult>;
  /** How many slices to hand ingestBulk before the oldest must have been written (default 2). */
  readonly bulkInFlight?: number;
  readonly files: { seen(hash: string): ReadFile | null; record(hash: string, file: ReadFile): void };
  /** Store readings of a gauge (created on first use when `capacity` is given). */
  recordGauge(name: string, meta: { unit?: string | undefined; capacity?: number | undefined }, readings: GaugeReading[]): void;
  /** A place's capacity (what 100% means), or null when there is no such place. */
  capacityOf(name: string): number | null;
}

/** Everything a running source may do to the station. */
export interface SourcePort extends RecordSink {
  /** Items arrived outside a poll (a file, a push): the source is healthy (what they stored is counted as it is stored). */
  succeeded(): void;
  /** The source failed outside a poll (a folder gone, a file unreadable). */
  failed(message: string): void;
  /** Progress of a file being read. */
  importing(progress: ImportProgress): void;
  /** This station's stored mentions in a range (replaying a stretch of the station). */
  storedMentions(range: { from: number; to: number; sourceId?: number }, limit: number): Mention[];
  /** A name for this station, stable while it runs (cache keys). */
  readonly stationKey: string;
}

export interface PollContext<C> {
  source: SourceRecord;
  config: C;
  clock: Clock;
  signal: AbortSignal;
  /** The whole HTTP exchange's limit (the station's default, shorter in tests). */
  timeoutMs: number;
  port: SourcePort;
}

export interface WatchContext<C> {
  source: SourceRecord;
  config: C;
  port: SourcePort;
}

/** A push to `POST /ingest/<source>`, as the server read it. */
export interface Push {
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

/** The HTTP answer to a push: a status and a JSON body. */
export interface PushAnswer {
  status: number;
  body: unknown;
}

export interface PollResult {
  items: IncomingItem[];
  poll: PollState;
  /** The source said nothing changed (HTTP 304). */
  notModified?: boolean;
  /** Ask to be polled again sooner than the interval (e.g. a replay with more due). */
  nextInMs?: number;
}

/** One source kind, typed by its config. A kind has at least one of poll, watch or receive. */
export interface SourceKindDef<C> {
  kind: SourceKind;
  schema: z.ZodType<C>;
  /** Host used for per-host politeness limits, or null. */
  host(config: C): string | null;
  /** Polled kinds: one fetch, from the last poll state. The scheduler calls it. */
  poll?(ctx: PollContext<C>): Promise<PollResult>;
  /** Watched kinds (folders): start watching; the returned function stops. */
  watch?(ctx: WatchContext<C>): () => Promise<void>;
  /** Pushed-to kinds (webhooks): take one push, answer it. */
  /** A big push may be stored in slices (./slices.ts), answering once all are in. */
  receive?(ctx: WatchContext<C>, push: Push): PushAnswer | Promise<PushAnswer>;
  /** Whether this source's secret may write the named gauge (webhooks). */
  writesGauge?(config: C, gauge: string, secret: string): boolean;
  /** What sources.test shows, storing nothing; polled kinds default to one fresh poll. */
  preview?(ctx: PollContext<C>): Promise<IncomingItem[]>;
}

/** A source's kind bound to its parsed config: what the runner calls. */
export interface BoundSource {
  /** The parsed config (a watcher restarts when it changes). */
  config: unknown;
  host: string | null;
  poll?(ctx: Omit<PollContext<unknown>, 'config'>): Promise<PollResult>;
  watch?(ctx: Omit<WatchContext<unknown>, 'config'>): () => Promise<void>;
  receive?(ctx: Omit<WatchContext<unknown>, 'config'>, push: Push): PushAnswer | Promise<PushAnswer>;
  writesGauge?(gauge: string, secret: string): boolean;
  preview?(ctx: Omit<PollContext<unknown>, 'config'>): Promise<IncomingItem[]>;
}

/** A kind as the registry holds it: the config type stays inside `bind`. */
export interface SourceKindEntry {
  kind: SourceKind;
  schema: z.ZodType;
  polled: boolean;
  bind(config: unknown): { bound: BoundSource } | { error: z.ZodError };
}

export function defineSource<C>(def: SourceKindDef<C>): SourceKindEntry {
  return {
    kind: def.kind,
    schema: def.schema,
    polled: def.poll !== undefined,
    bind(raw) {
      const r = def.schema.safeParse(raw);
      if (!r.success) return { error: r.error };
      const config = r.data;
      const { poll, watch, receive, writesGauge, preview } = def;
      return {
        bound: {
          config,
          host: def.host(config),
          ...(poll ? { poll: (ctx) => poll({ ...ctx, config }) } : {}),
          ...(watch ? { watch: (ctx) => watch({ ...ctx, config }) } : {}),
          ...(receive ? { receive: (ctx, push) => receive({ ...ctx, config }, push) } : {}),
          ...(writesGauge ? { writesGauge: (gauge, secret) => writesGauge(config, gauge, secret) } : {}),
          ...(preview ? { preview: (ctx) => preview({ ...ctx, config }) } : {}),
        },
      };
    },
  };
}
