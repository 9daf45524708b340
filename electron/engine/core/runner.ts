// The source runner: owns every source's life. It keeps the scheduler (polled kinds) and the
// watchers (watched kinds) in step with the stored sources, runs each poll with its backoff
// and pause rules, hands pushes to the kind that receives them, and gives each running source
// its port. It is the one place that records a source's health and emits `source` events.
import { describeIssues } from '../../../shared/schemas';
import type { Source } from '../../../shared/types';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { SourceRecord } from '../model';
import { sourceKinds } from '../sources/kinds';
import { nextDelayMs, PAUSE_AFTER_FAILURES, Scheduler, type SchedulerOptions } from '../sources/scheduler';
import type { BoundSource, GaugeReading, IncomingItem, IngestResult, PollResult, SourcePort } from '../sources/types';
import type { Store } from '../store';
import { publicSource } from '../store/sources';

/** Default limit of one poll's whole HTTP exchange. */
export const POLL_TIMEOUT_MS = 20_000;

export interface RunnerOptions {
  scheduler?: SchedulerOptions | undefined;
  /** Limit of one poll's HTTP exchange; tests shorten it. */
  pollTimeoutMs?: number | undefined;
}

export interface RunnerDeps {
  store: Store;
  clock: Clock;
  events: EventHub;
  log: (line: string) => void;
  /** Store a batch (with the source's new poll state in the same transaction when given). */
  ingest(sourceId: number, items: IncomingItem[], poll?: PollResult['poll'] & { nextCheckAt: number }): IngestResult;
  /** Store a file's batch, analysed on the analysis thread (Ingest.ingestBulk). */
  ingestBulk?(sourceId: number, items: IncomingItem[]): Promise<IngestResult>;
  /** How many of a file's slices may be in flight to ingestBulk at once. */
  bulkInFlight?: number;
}

const JITTER = { jitter: 0.1, random: Math.random };

export class SourceRunner {
  readonly scheduler: Scheduler;
  private aborts = new Map<number, AbortController>();
  private watchers = new Map<number, { key: string; stop: () => Promise<void> }>();
  private watching = false;
  private closed = false;
  private readonly timeoutMs: number;

  constructor(
    private deps: RunnerDeps,
    opts: RunnerOptions = {},
  ) {
    this.timeoutMs = opts.pollTimeoutMs ?? POLL_TIMEOUT_MS;
    this.scheduler = new Scheduler(deps.clock, (id) => this.poll(id), opts.scheduler);
  }

  /** Start polling and watching. */
  start(): void {
    this.watching = true;
    this.sync();
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.scheduler.stop();
    for (const a of this.aborts.values()) a.abort();
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map((w) => w.stop()));
  }

  /** The stored sources changed: reschedule, restart the watchers whose config changed. */
  sync(): void {
    const sources = this.deps.store.sources.list();
    this.scheduler.load(
      sources.map((s) => {
        const kind = sourceKinds[s.kind];
        const b = kind.bind(s.config);
        return {
          id: s.id,
          enabled: s.enabled && 'bound' in b && kind.polled,
          paused: s.health.state === 'paused',
          intervalSec: s.intervalSec,
          host: 'bound' in b ? b.bound.host : null,
          nextCheckAt: s.health.nextCheckAt,
        };
      }),
    );
    if (this.watching && !this.closed) this.syncWatchers(sources);
  }

  private syncWatchers(sources: SourceRecord[]): void {
    const want = new Set<number>();
    for (const s of sources) {
      const b = sourceKinds[s.kind].bind(s.config);
      if (!s.enabled || !('bound' in b) || !b.bound.watch) continue;
      const key = JSON.stringify(b.bound.config);
      want.add(s.id);
      const have = this.watchers.get(s.id);
      if (have?.key === key) continue;
      if (have) void have.stop();
      this.watchers.set(s.id, { key, stop: b.bound.watch({ source: s, port: this.portFor(s) }) });
    }
    for (const [id, w] of this.watchers) {
      if (!want.has(id)) {
        this.watchers.delete(id);
        void w.stop();
      }
    }
  }

  /** Poll a source at once (the scheduler still keeps it to one poll at a time). */
  pollNow(id: number): void {
    this.scheduler.pollNow(id);
  }

  /** One poll of one source; records health; returns when to poll next (null: don't). */
  async poll(id: number): Promise<{ delayMs: number | null }> {
    const { store, clock } = this.deps;
    const s = store.sources.get(id);
    if (!s || !s.enabled || this.closed) return { delayMs: null };
    const b = sourceKinds[s.kind].bind(s.config);
    if (!sourceKinds[s.kind].polled) return { delayMs: null };
    const now = clock.now();
    // The next check moves forward before the fetch, so a crash mid-poll does not hammer.
    store.sources.schedule(id, now + nextDelayMs(s.intervalSec, s.health.consecutiveFailures + 1, JITTER));
    if ('error' in b) return this.pollFailed(s, `config: ${describeIssues(b.error)}`, null);
    const abort = new AbortController();
    this.aborts.set(id, abort);
    try {
      const r = await b.bound.poll!(this.pollContext(s, abort.signal));
      if (this.closed) return { delayMs: null };
      const delay = r.nextInMs ?? nextDelayMs(s.intervalSec, 0, JITTER);
      const done = clock.now();
      // The batch and the source's new poll state (its health: ok) in one transaction.
      const { inserted } = this.deps.ingest(id, r.items, { ...r.poll, nextCheckAt: done + delay });
      if (inserted > 0 || s.health.state !== 'ok') this.emit(id, done);
      return { delayMs: delay };
    } catch (e) {
      if (this.closed) return { delayMs: null };
      const err = e as Error & { retryAfterMs?: number | null };
      return this.pollFailed(s, err.message, err.retryAfterMs ?? null);
    } finally {
      this.aborts.delete(id);
    }
  }

  private pollFailed(s: SourceRecord, message: string, retryAfterMs: number | null): { delayMs: number | null } {
    const failures = s.health.consecutiveFailures + 1;
    const now = this.deps.clock.now();
    const paused =
      failures >= PAUSE_AFTER_FAILURES
        ? `paused after ${failures} failures in a row; fix the source and press "poll now"`
        : null;
    const delay = paused ? null : nextDelayMs(s.intervalSec, failures, { ...JITTER, retryAfterMs });
    this.deps.store.sources.recordFailure(s.id, message, now, delay === null ? null : now + delay, paused);
    this.deps.log(`source "${s.name}" failed (${failures} in a row): ${message}`);
    this.emit(s.id, now);
    return { delayMs: delay };
  }

  private pollContext(source: SourceRecord, signal: AbortSignal) {
    return { source, clock: this.deps.clock, signal, timeoutMs: this.timeoutMs, port: this.portFor(source) };
  }

  /**
   * What one fresh poll (no cursor, no ETag) or a kind's own preview finds now, storing
   * nothing: sources.test. Throws the source's own error; `not-polled` for push-only kinds.
   */
  async preview(source: SourceRecord, bound: BoundSource): Promise<IncomingItem[] | 'not-polled'> {
    const fresh = { ...source, poll: { cursor: null, etag: null, lastModified: null } };
    const ctx = this.pollContext(fresh, new AbortController().signal);
    if (bound.preview) return bound.preview(ctx);
    if (!bound.poll) return 'not-polled';
    return (await bound.poll(ctx)).items;
  }

  /** The port a running source reaches the station through. */
  portFor(source: SourceRecord): SourcePort {
    const { store, clock, events } = this.deps;
    const id = source.id;
    return {
      sourceId: id,
      clock,
      stationKey: store.file,
      ingest: (items) => this.deps.ingest(id, items),
      ...(this.deps.ingestBulk ? { ingestBulk: (items: IncomingItem[]) => this.deps.ingestBulk!(id, items) } : {}),
      ...(this.deps.bulkInFlight ? { bulkInFlight: this.deps.bulkInFlight } : {}),
      files: {
        seen: (hash) => store.files.seen(id, hash),
        record: (hash, f) => store.files.record(id, hash, f),
      },
      recordGauge: (name, meta, readings) => this.recordGauge(name, meta, readings),
      capacityOf: (name) => store.gauges.byName(name)?.capacity ?? null,
      succeeded: () => {
        const now = clock.now();
        const s = store.sources.get(id);
        if (!s) return;
        store.sources.recordSuccess(id, s.poll, now, null);
        this.emit(id, now);
      },
      failed: (message) => {
        const now = clock.now();
        store.sources.recordFailure(id, message, now, null, null);
        this.emit(id, now);
      },
      importing: (progress) => events.emit({ type: 'import', now: clock.now(), progress }),
      storedMentions: (range, limit) => store.mentions.find(range, limit).items,
    };
  }

  /** Tell the stream a source's health changed. */
  /**
   * Store readings of a place (pushed, imported or replayed), checked against the station's
   * clock, and tell the stream so walls redraw its lamp; throws (storing nothing) on a bad one.
   */
  recordGauge(name: string, meta: { unit?: string | undefined; capacity?: number | undefined }, readings: GaugeReading[]): void {
    const { store, clock, events } = this.deps;
    const place = store.gauges.record(name, meta, readings, clock.now());
    events.emit({ type: 'gauge', now: clock.now(), place });
  }

  /** Tell the screens a source changed outside its own polls (a file imported into it). */
  announce(id: number): void {
    this.emit(id, this.deps.clock.now());
  }

  private emit(id: number, now: number): void {
    const s = this.deps.store.sources.get(id);
    if (s) this.deps.events.emit({ type: 'source', now, source: publicSource(s) });
  }

  /** Every source as the api shows it. */
  list(): Source[] {
    return this.deps.store.sources.list().map(publicSource);
  }
}
