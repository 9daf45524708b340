// The Station: one data directory and its life. It opens the store (restoring a backup when
// the file is damaged), puts the station's parts together — topics, ingest, the source runner,
// lights, storage health, tokens, backups — and starts and stops them. It knows nothing of the
// api: the handlers (./api) reach the parts through it. Runs under plain Node; Electron only
// hosts it.
import type { Panel, StationStatus } from '../../shared/types';
import type { LearnedModel } from './analysis/learn';
import { createAnalyzer } from './analysis/sentiment';
import { systemClock, type Clock } from './clock';
import { Ingest } from './core/ingest';
import { Lights } from './core/lights';
import { receivePush, type PushRequest } from './core/push';
import { Retention } from './core/retention';
import { SourceRunner } from './core/runner';
import { StorageWatch } from './core/storage';
import { Topics } from './core/topics';
import { addDemoBoards, setUpDemo } from './demo';
import { EventHub } from './events';
import { Pipeline } from './pipeline';
import { PreparePool, prepareOn } from './core/prepare-pool';
import type { SchedulerOptions } from './sources/scheduler';
import type { IncomingItem, IngestResult, PushAnswer } from './sources/types';
import { Store, type NewMention, type PollState } from './store';
import { openStoreSafely, type Recovery, type StorageHealth } from './store/backup';
import { Backups, type BackupOptions } from './store/backups';
import { finishRetags } from './store/retag';
import { quickCheckInWorker, recordCleanClose, type BackgroundCheck, type OpenCheck } from './store/open-check';
import { TokenRegistry } from './tokens';
import { LoadMeter, Screens } from './screens';
import { warmPrefilter } from './analysis/prefilter';

export const VERSION = '0.1.0';

/** Settings key of the model learned from corrections (loaded on open). */
export const LEARNED_MODEL_KEY = 'learned.model';

export interface StationOptions {
  dataDir: string;
  clock?: Clock;
  /** Set up the demo station (topics, rules, replay sources) when the station is empty. */
  demo?: boolean;
  /** Replay speed of the demo corpus (1 = real time). */
  demoSpeed?: number;
  scheduler?: SchedulerOptions;
  /** Limit of one poll's whole HTTP exchange (default 20 s). */
  pollTimeoutMs?: number;
  /** How often lights are re-evaluated without new data (so stale turns gray). */
  lightsEveryMs?: number;
  /** Scheduled online backups into <data>/backups/. */
  backups?: BackupOptions;
  /** How long a station file another program holds locked is waited for at open (default 30 s). */
  lockWaitMs?: number;
  /**
   * After an open that skipped the whole-file check (the file was closed cleanly), how long
   * until that check runs in the background (default 30 s: not while the board first paints).
   */
  backgroundCheckDelayMs?: number;
  /**
   * The analysis thread's file for bulk imports (core/prepare-worker): the desktop build passes
   * its bundled copy; by default the source next to the pool; `null` analyses on this thread.
   */
  prepareWorker?: string | null;
  /** How many analysis threads a bulk import spreads over (default: one per core beside the station's, 1–2). */
  analysisThreads?: number;
  /** How long a token's screens must all be closed to count as a wall gone dark (default 30 s). */
  darkScreenAfterMs?: number;
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
  readonly startedAt: number;
  readonly dataDir: string;
  /** Set when the station file was found damaged at open and a backup was restored. */
  readonly recovery: Recovery | null;
  readonly backups: Backups;
  /** Why the data folder cannot be written, when it cannot: the station shows a read-only copy. */
  readonly readOnly: string | null;
  /** How the file was checked at open ('deferred': closed cleanly, checked in the background). */
  readonly openCheck: OpenCheck;
  /** The background check, once started (after a 'deferred' open). */
  backgroundCheck: Promise<BackgroundCheck> | null = null;
  /** Where the HTTP server listens, once one serves this station (server/serve.ts): for links to hand out. */
  served: { host: string; port: number } | null = null;
  /** The background check found the file damaged: the wall shows it until a restart. */
  private damage: StorageHealth | null = null;
  readonly topics: Topics;
  readonly sources: SourceRunner;
  readonly lights: Lights;
  readonly tokens: TokenRegistry;
  /** The open event streams (the server tells it of each) and the process's load, for the station room. */
  readonly screens: Screens;
  readonly load: LoadMeter;
  /** Old months of mentions moved to monthly archive files (off until `retention.keepMonths` is set). */
  readonly retention: Retention;
  private readonly storageWatch: StorageWatch;
  private readonly pipeline: Pipeline;
  private readonly prepares: PreparePool;
  private readonly ingester: Ingest;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private started = false;
  private log: (line: string) => void;

  private constructor(private opts: StationOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? (() => {});
    this.dataDir = opts.dataDir;
    const opened = openStoreSafely(opts.dataDir, { now: this.clock.now(), log: this.log, lockWaitMs: opts.lockWaitMs });
    this.store = opened.store;
    this.recovery = opened.recovery;
    this.readOnly = opened.readOnly;
    this.openCheck = opened.check;
    this.startedAt = this.clock.now();
    this.storageWatch = new StorageWatch(this.clock, this.dataDir, this.log, () =>
      this.events.emit({ type: 'station', now: this.clock.now(), status: this.status() }),
    );
    // A read-only data folder: the wall says so from the start, and nothing tries to write.
    if (this.readOnly) this.storageWatch.health = { ok: false, error: this.readOnly, since: this.startedAt };
    this.backups = new Backups(this.store, opts.dataDir, this.clock, { ...opts.backups, log: this.log });
    if (!this.readOnly && opts.demo && this.store.sources.list().length === 0 && this.store.topics.list().length === 0) {
      setUpDemo(this.store, this.clock.now(), opts.demoSpeed ?? 1);
      this.log('demo station set up: topics, light rules and replay sources from resources/demo');
    }
    if (!this.readOnly && !this.store.boards.getDefault()) {
      this.store.boards.add({ name: '戰情室 War room', panels: DEFAULT_PANELS }, this.clock.now(), true);
      // The demo's festival board comes second, after the war room.
      addDemoBoards(this.store, this.clock.now());
    }
    this.tokens = new TokenRegistry(this.store.settings, this.clock);
    this.load = new LoadMeter(() => this.store.sources.storedEver());
    // A wall gone dark (or back) changes the status every screen shows (the admin's header counts them).
    this.screens = new Screens(
      Date.now,
      () => this.events.emit({ type: 'station', now: this.clock.now(), status: this.status() }),
      opts.darkScreenAfterMs,
      (id, at) => this.tokens.seen(id, at),
    );
    if (!this.readOnly) {
      try {
        finishRetags(this.store);
      } catch (e) {
        this.log(`a re-tag cut off by the last stop could not be finished (re-tag the topic again): ${(e as Error).message}`);
      }
    }
    this.retention = new Retention(this.store, this.clock, this.log, () =>
      this.events.emit({ type: 'station', now: this.clock.now(), status: this.status() }),
    );
    this.topics = new Topics(this.store, this.clock, this.events, (topics) => {
      this.pipeline.setTopics(topics);
      this.prepares.setTopics(topics);
      this.lights.evaluate();
    });
    // Corrections teach the analyzer; a model trained before the restart keeps scoring.
    const learned = this.store.settings.get<LearnedModel | null>(LEARNED_MODEL_KEY, null);
    this.pipeline = new Pipeline(this.topics.active(), createAnalyzer({ learned }));
    this.prepares = new PreparePool(
      { topics: this.topics.active(), learned },
      (job) => prepareOn(this.pipeline, job),
      this.log,
      opts.prepareWorker,
      opts.analysisThreads,
    );
    this.lights = new Lights(this.store, this.clock, this.events, this.storageWatch, () => this.topics.active());
    this.ingester = new Ingest(this.store, this.clock, this.events, this.pipeline, this.storageWatch, () => this.lights.soon(), this.prepares);
    this.sources = new SourceRunner(
      {
        store: this.store,
        clock: this.clock,
        events: this.events,
        log: this.log,
        ingest: (id, items, poll) => this.ingester.ingest(id, items, poll),
        ingestBulk: (id, items) => this.ingester.ingestBulk(id, items),
        // Enough slices in flight to keep every analysis thread busy while one is written.
        bulkInFlight: this.prepares.size + 1,
      },
      { scheduler: opts.scheduler, pollTimeoutMs: opts.pollTimeoutMs },
    );
  }

  static open(opts: StationOptions): Station {
    return new Station(opts);
  }

  /** Score later mentions with a newly learned model (after retraining on corrections). */
  setLearned(learned: LearnedModel | null): void {
    this.pipeline.setAnalyzer(createAnalyzer({ learned }));
    this.prepares.setLearned(learned);
  }

  get demo(): boolean {
    return this.store.settings.get('demo', false);
  }

  /** Red when the store cannot be written (disk full, I/O error) or is damaged; the wall shows it. */
  get storage(): StorageHealth {
    return this.damage ?? this.storageWatch.health;
  }

  /** The whole-file check skipped at open, run read-only in a worker; damage is told, not repaired. */
  checkInBackground(): Promise<BackgroundCheck> {
    this.backgroundCheck ??= quickCheckInWorker(this.store.file).then((r) => {
      if (this.closed) return r;
      if ('damaged' in r) {
        this.damage = {
          ok: false,
          error:
            `the station file is damaged (${r.damaged}). Restart the station: at start the damaged file is set aside ` +
            'and the newest good backup restored (mentions stored after it are lost).',
          since: this.clock.now(),
        };
        this.log(`storage: ${this.damage.error}`);
        try {
          this.events.emit({ type: 'station', now: this.clock.now(), status: this.status() });
        } catch {
          // the status itself may not be readable from a damaged file; the wall asks again
        }
      } else if ('error' in r) {
        this.log(`the background check of the station file did not run: ${r.error}`);
      }
      return r;
    });
    return this.backgroundCheck;
  }

  /** Start polling and watching, evaluating lights, backups and the heartbeat. */
  start(): void {
    // Once: a second start would run a second poll loop and leave timers behind at the close.
    if (this.started || this.closed) return;
    this.started = true;
    this.load.start();
    this.sources.start();
    if (!this.readOnly) this.backups.start();
    if (!this.readOnly) this.retention.start();
    if (this.openCheck === 'deferred') {
      const t = setTimeout(() => void this.checkInBackground(), this.opts.backgroundCheckDelayMs ?? 30_000);
      t.unref();
      this.timers.push(t);
    }
    // The search prefilter's table, built a step per turn once the start's own work is done.
    const warm = setTimeout(() => void warmPrefilter(), 10_000);
    warm.unref();
    this.timers.push(warm);
    this.lights.start(this.opts.lightsEveryMs ?? 15_000);
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
    for (const t of this.timers) clearTimeout(t);
    this.load.stop();
    this.screens.stop();
    // The walls still connected were on until now: kept with their tokens before the store closes.
    const at = Date.now();
    for (const id of this.screens.openTokens()) this.tokens.seen(id, at);
    this.tokens.flushSeen();
    this.lights.stop();
    await this.sources.stop();
    await this.retention.stop();
    await this.prepares.close();
    this.ingester.stop();
    await this.backups.stop();
    this.store.close();
    // Closed cleanly: the next open may skip the whole-file check. Not when it is damaged (the
    // next open checks and restores) nor for a read-only copy.
    if (!this.readOnly && !this.damage) {
      try {
        recordCleanClose(this.dataDir);
      } catch (e) {
        this.log(`could not note the clean close (the next start checks the whole file): ${(e as Error).message}`);
      }
    }
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
      darkScreens: this.darkScreens(),
    };
  }

  /** Live app-made wall and public tokens whose screens have all been closed for a while (a revoked one no longer counts). */
  private darkScreens(): number {
    const dark = this.screens.dark();
    if (dark.length === 0) return 0;
    const live = new Set(this.tokens.list().filter((t) => t.revokedAt === null && t.role !== 'admin').map((t) => t.id));
    return dark.filter((id) => live.has(id)).length;
  }

  /**
   * Store a batch from a source: analyze, then insert mentions, rollups and (when given) the
   * source's new poll state in one transaction, then tell the stream.
   */
  ingest(sourceId: number, items: IncomingItem[], poll?: PollState & { nextCheckAt: number }): IngestResult {
    return this.ingester.ingest(sourceId, items, poll);
  }

  /**
   * A bulk batch (a file's slice): analysed on the analysis thread while the batches before it
   * are written; batches are written in the order given. Keep a few in flight to overlap them.
   */
  ingestBulk(sourceId: number, items: IncomingItem[]): Promise<IngestResult> {
    return this.ingester.ingestBulk(sourceId, items);
  }

  /** The analysis threads, the batches they did, and those done here (one failed or there is none). */
  get bulkAnalysis(): { threaded: boolean; threads: number; worker: number; local: number } {
    return { threaded: this.prepares.threaded, threads: this.prepares.size, ...this.prepares.done };
  }

  /** What the pipeline would store for these items, storing nothing (sources.test). */
  preview(sourceId: number, sourceName: string, items: IncomingItem[]): NewMention[] {
    return this.ingester.preview(sourceId, sourceName, items);
  }

  /** A push from another system (`POST /ingest/…`), handed to the source that receives it. */
  async receivePush(req: PushRequest): Promise<PushAnswer> {
    return receivePush(this.sources, this.store, this.clock, req);
  }
}
