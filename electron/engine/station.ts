// The Station: one data directory, its store, the scheduler and pipeline, lights, the api
// table and the event stream. Runs under plain Node; Electron only hosts it.
import { api, isMethodName, type Role } from '../../shared/api';
import { describeIssues, formatIssues } from '../../shared/schemas';
import type { Panel, StationStatus, Topic } from '../../shared/types';
import { runLights, type LightsRun } from './alerts/lights';
import type { LearnedModel } from './analysis/learn';
import { parseQuery, QueryError } from './analysis/query';
import { createAnalyzer, type Analyzer } from './analysis/sentiment';
import { ApiError, apiHandlers } from './api';
import { LEARNED_MODEL_KEY } from './api/explore';
import { systemClock, type Clock } from './clock';
import { setUpDemo } from './demo';
import { EventHub } from './events';
import { Pipeline } from './pipeline';
import { nextDelayMs, PAUSE_AFTER_FAILURES, Scheduler, type SchedulerOptions } from './sources/scheduler';
import { sourceKinds } from './sources/kinds/index';
import { Watchers } from './sources/watchers';
import type { IncomingItem } from './sources/types';
import { publicSource } from './store/sources';
import { Store, type NewMention } from './store';
import { Backups, describeStorageError, openStoreSafely, type BackupOptions, type Recovery, type StorageHealth } from './store/backup';

export const VERSION = '0.1.0';

export interface StationOptions {
  dataDir: string;
  clock?: Clock;
  /** Set up the demo station (topics, rules, replay sources) when the station is empty. */
  demo?: boolean;
  /** Replay speed of the demo corpus (1 = real time). */
  demoSpeed?: number;
  scheduler?: SchedulerOptions;
  /** How often lights are re-evaluated without new data (so stale turns gray). */
  lightsEveryMs?: number;
  /** Scheduled online backups into <data>/backups/. */
  backups?: BackupOptions;
  log?: (line: string) => void;
}

const DEFAULT_PANELS: Panel[] = [
  { id: 'lights', kind: 'lights', topicIds: [], windowMin: 60, x: 0, y: 0, w: 3, h: 6 },
  { id: 'volume', kind: 'volume', topicIds: [], windowMin: 360, x: 3, y: 0, w: 6, h: 3 },
  { id: 'heat', kind: 'heat', topicIds: [], windowMin: 360, x: 3, y: 3, w: 6, h: 3 },
  { id: 'stream', kind: 'stream', topicIds: [], windowMin: 60, x: 9, y: 0, w: 3, h: 6 },
];

export class Station {
  readonly store: Store;
  readonly events = new EventHub();
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly startedAt: number;
  readonly dataDir: string;
  private pipeline: Pipeline;
  private topics: Topic[];
  private timers: NodeJS.Timeout[] = [];
  private lightsPending: NodeJS.Timeout | null = null;
  private aborts = new Map<number, AbortController>();
  private closed = false;
  /** Watched sources (folders) run only in a started station, not in a CLI import. */
  private watchers = new Watchers();
  private watching = false;
  private log: (line: string) => void;
  /** Red when the store cannot be written (disk full, I/O error); the wall shows it. */
  storage: StorageHealth;
  /** Set when the station file was found damaged at open and a backup was restored. */
  readonly recovery: Recovery | null;
  readonly backups: Backups;

  private constructor(private opts: StationOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? (() => {});
    this.dataDir = opts.dataDir;
    const opened = openStoreSafely(opts.dataDir, { now: this.clock.now(), log: this.log });
    this.store = opened.store;
    this.recovery = opened.recovery;
    this.startedAt = this.clock.now();
    this.storage = { ok: true, error: null, since: this.startedAt };
    this.backups = new Backups(this.store, opts.dataDir, this.clock, {
      ...opts.backups,
      log: this.log,
    });
    if (opts.demo && this.store.sources.list().length === 0 && this.store.topics.list().length === 0) {
      setUpDemo(this.store, this.clock.now(), opts.demoSpeed ?? 1);
      this.log('demo station set up: topics, light rules and replay sources from resources/demo');
    }
    if (!this.store.boards.getDefault()) {
      this.store.boards.add({ name: '戰情室 War room', panels: DEFAULT_PANELS }, this.clock.now(), true);
    }
    this.topics = this.store.topics.list();
    // Corrections teach the analyzer; a model trained before the restart keeps scoring.
    const learned = this.store.settings.get<LearnedModel | null>(LEARNED_MODEL_KEY, null);
    this.pipeline = new Pipeline(this.topics, createAnalyzer({ learned }));
    this.scheduler = new Scheduler(this.clock, (id) => this.pollSource(id), opts.scheduler);
  }

  static open(opts: StationOptions): Station {
    return new Station(opts);
  }

  /** Score later mentions with another analyzer (after retraining on corrections). */
  setAnalyzer(analyzer: Analyzer): void {
    this.pipeline.setAnalyzer(analyzer);
  }

  get demo(): boolean {
    return this.store.settings.get('demo', false);
  }

  /** Start polling, evaluating lights and the heartbeat. */
  start(): void {
    this.watching = true;
    this.sourcesChanged();
    this.scheduler.start();
    this.backups.start();
    this.evaluateLights();
    const every = this.opts.lightsEveryMs ?? 15_000;
    this.timers.push(setInterval(() => this.evaluateLightsSafely(), every));
    this.timers.push(
      setInterval(
        () => this.events.emit({ type: 'tick', now: this.clock.now(), newestMentionAt: this.store.mentions.newestAt() }),
        5_000,
      ),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.stop();
    for (const t of this.timers) clearInterval(t);
    if (this.lightsPending) clearTimeout(this.lightsPending);
    for (const a of this.aborts.values()) a.abort();
    await this.watchers.stopAll();
    await this.backups.stop();
    this.store.close();
  }

  /** Validate params against the contract and run the handler. */
  async call(method: string, params: unknown, role: Role): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError(404, 'unknown-method', `there is no api method "${method}"`);
    const def = api[method];
    if (def.role === 'admin' && role !== 'admin') {
      throw new ApiError(403, 'forbidden', `"${method}" needs an admin token; this token is read-only`);
    }
    const parsed = def.params.safeParse(params ?? {});
    if (!parsed.success) {
      throw new ApiError(400, 'bad-params', `${method}: ${describeIssues(parsed.error)}`, formatIssues(parsed.error));
    }
    const handler = apiHandlers[method] as (p: unknown, ctx: { station: Station; role: Role }) => unknown;
    return await handler(parsed.data, { station: this, role });
  }

  status(): StationStatus {
    const sources = this.store.sources.list();
    return {
      name: this.store.settings.get('name', this.demo ? '烽火示範站 Demo' : '烽火站台'),
      version: VERSION,
      demo: this.demo,
      startedAt: this.startedAt,
      now: this.clock.now(),
      mentionCount: this.store.mentions.count(),
      newestMentionAt: this.store.mentions.newestAt(),
      sources: {
        total: sources.length,
        ok: sources.filter((s) => s.health.state === 'ok').length,
        error: sources.filter((s) => s.health.state === 'error').length,
        paused: sources.filter((s) => s.health.state === 'paused').length,
      },
      dataDir: this.dataDir,
      storage: this.storage,
      recovery: this.recovery ? { at: this.recovery.at, backupAt: this.recovery.backupAt, message: this.recovery.message } : null,
    };
  }

  private setStorage(next: StorageHealth): void {
    const changed = next.ok !== this.storage.ok || next.error !== this.storage.error;
    if (!changed) return;
    this.storage = next;
    this.log(next.ok ? 'storage writable again' : `storage: ${next.error}`);
    this.events.emit({ type: 'station', now: this.clock.now(), status: this.status() });
  }

  topicsFor(ids: number[] | undefined): Topic[] {
    return ids && ids.length ? this.topics.filter((t) => ids.includes(t.id)) : this.topics;
  }

  /** Throws a 400 naming the position when a topic query does not parse. */
  checkQuery(query: string): void {
    try {
      parseQuery(query);
    } catch (e) {
      if (e instanceof QueryError) {
        throw new ApiError(400, 'bad-query', `query: ${e.message}`, [{ path: 'topic.query', message: e.message }]);
      }
      throw e;
    }
  }

  topicsChanged(): void {
    this.topics = this.store.topics.list();
    this.pipeline.setTopics(this.topics);
    this.evaluateLights();
  }

  sourcesChanged(): void {
    this.scheduler.load(
      this.store.sources.list().map((s) => {
        const def = sourceKinds[s.kind];
        const cfg = def.schema.safeParse(s.config);
        return {
          id: s.id,
          enabled: s.enabled && cfg.success && def.poll !== undefined,
          paused: s.health.state === 'paused',
          intervalSec: s.intervalSec,
          host: cfg.success ? def.host(cfg.data) : null,
          nextCheckAt: s.health.nextCheckAt,
        };
      }),
    );
    if (this.watching && !this.closed) this.watchers.sync(this);
  }

  /** What the pipeline would store for these items, storing nothing (sources.test). */
  preview(sourceId: number, sourceName: string, items: IncomingItem[]): NewMention[] {
    return this.pipeline.prepare(sourceId, sourceName, items, this.clock.now());
  }

  /**
   * Store a batch from a source: analyze, then insert mentions, rollups and (when given) the
   * source's new poll state in one transaction, then tell the stream.
   */
  ingest(
    sourceId: number,
    items: IncomingItem[],
    poll?: { cursor: string | null; etag: string | null; lastModified: string | null; nextCheckAt: number },
  ): { inserted: number; duplicates: number } {
    const source = this.store.sources.get(sourceId);
    if (!source) throw new Error(`source ${sourceId} does not exist`);
    const now = this.clock.now();
    const rows = this.pipeline.prepare(sourceId, source.name, items, now);
    let stored: { ids: number[]; duplicates: number };
    try {
      stored = this.store.ingest(rows, poll ? { id: sourceId, poll, now, nextCheckAt: poll.nextCheckAt } : undefined);
    } catch (e) {
      // The transaction rolled back: nothing half-written. Say why, in words, on the wall.
      const problem = describeStorageError(e, this.dataDir);
      if (!problem) throw e;
      this.setStorage({ ok: false, error: problem, since: now });
      throw new Error(problem, { cause: e });
    }
    if (!this.storage.ok) this.setStorage({ ok: true, error: null, since: now });
    const { ids, duplicates } = stored;
    if (ids.length > 0) {
      const byTopic: Record<string, number> = {};
      let newestAt = 0;
      for (const r of rows) newestAt = Math.max(newestAt, r.publishedAt);
      const sample = this.store.mentions.byIds(ids.slice(-20));
      for (const m of this.store.mentions.byIds(ids)) for (const t of m.topicIds) byTopic[t] = (byTopic[t] ?? 0) + 1;
      this.events.emit({ type: 'mentions', now, count: ids.length, newestAt, byTopic, sample });
      this.scheduleLights();
    }
    return { inserted: ids.length, duplicates: duplicates + (items.length - rows.length) };
  }

  /** One poll of one source; records health; returns when to poll next (null: don't). */
  async pollSource(id: number): Promise<{ delayMs: number | null }> {
    const s = this.store.sources.get(id);
    if (!s || !s.enabled || this.closed) return { delayMs: null };
    const def = sourceKinds[s.kind];
    if (!def.poll) return { delayMs: null };
    const jitter = { jitter: 0.1, random: Math.random };
    const cfg = def.schema.safeParse(s.config);
    const now = this.clock.now();
    // The next check moves forward before the fetch, so a crash mid-poll does not hammer.
    this.store.sources.schedule(id, now + nextDelayMs(s.intervalSec, s.health.consecutiveFailures + 1, jitter));
    if (!cfg.success) {
      return this.pollFailed(s.id, s.name, `config: ${describeIssues(cfg.error)}`, s.health.consecutiveFailures, s.intervalSec, null);
    }
    const abort = new AbortController();
    this.aborts.set(id, abort);
    try {
      const r = await def.poll({ source: s, config: cfg.data, clock: this.clock, signal: abort.signal, store: this.store });
      if (this.closed) return { delayMs: null };
      const delay = r.nextInMs ?? nextDelayMs(s.intervalSec, 0, jitter);
      const done = this.clock.now();
      const { inserted } = this.ingest(id, r.items, { ...r.poll, nextCheckAt: done + delay });
      if (inserted > 0 || s.health.state !== 'ok') {
        this.events.emit({ type: 'source', now: done, source: publicSource(this.store.sources.get(id)!) });
      }
      return { delayMs: delay };
    } catch (e) {
      if (this.closed) return { delayMs: null };
      const err = e as Error & { retryAfterMs?: number | null };
      return this.pollFailed(s.id, s.name, err.message, s.health.consecutiveFailures, s.intervalSec, err.retryAfterMs ?? null);
    } finally {
      this.aborts.delete(id);
    }
  }

  private pollFailed(
    id: number,
    name: string,
    message: string,
    failuresBefore: number,
    intervalSec: number,
    retryAfterMs: number | null,
  ): { delayMs: number | null } {
    const failures = failuresBefore + 1;
    const now = this.clock.now();
    const paused =
      failures >= PAUSE_AFTER_FAILURES
        ? `paused after ${failures} failures in a row; fix the source and press "poll now"`
        : null;
    const delay = paused ? null : nextDelayMs(intervalSec, failures, { jitter: 0.1, random: Math.random, retryAfterMs });
    this.store.sources.recordFailure(id, message, now, delay === null ? null : now + delay, paused);
    this.log(`source "${name}" failed (${failures} in a row): ${message}`);
    this.events.emit({ type: 'source', now, source: publicSource(this.store.sources.get(id)!) });
    return { delayMs: delay };
  }

  private scheduleLights(): void {
    if (this.lightsPending || this.closed) return;
    this.lightsPending = setTimeout(() => {
      this.lightsPending = null;
      if (!this.closed) this.evaluateLightsSafely();
    }, 500);
  }

  /** From timers: a full disk must turn the station light red, not end the process. */
  private evaluateLightsSafely(): void {
    try {
      this.evaluateLights();
    } catch (e) {
      const problem = describeStorageError(e, this.dataDir);
      if (!problem) throw e;
      this.setStorage({ ok: false, error: problem, since: this.clock.now() });
    }
  }

  /** Evaluate every light now; emits a `lights` event and an `alert` per change. */
  evaluateLights(): LightsRun {
    const run = runLights(this.store, this.topics, this.clock.now());
    const now = this.clock.now();
    this.events.emit({ type: 'lights', now, lights: run.lights, changed: run.changed });
    for (const id of run.alerts) {
      const alert = this.store.lights.alert(id);
      if (alert) this.events.emit({ type: 'alert', now, alert });
    }
    return run;
  }

  /** An operator acknowledged: the wall's unacknowledged counts change, the colours do not. */
  lightsAcknowledged(): void {
    this.events.emit({ type: 'lights', now: this.clock.now(), lights: this.store.lights.states(), changed: [] });
  }
}
