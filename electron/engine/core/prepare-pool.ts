// Analysis on other cores for bulk ingest (a file import, a folder's file): the items of the
// next slices are analysed in worker threads (core/prepare-worker.ts) while this thread writes
// the slice before them. Analysis is a little more than half of a mention's CPU and the write
// the rest, so one analysis thread nearly doubles a big import on a machine with a free core,
// and with more cores a second takes the analysis where it outweighs the write (one per core
// beside this thread's, at most MAX_THREADS). Live polls and pushes stay on the
// station's thread (small batches, a mention on the wall at once).
//
// Each thread (a lane) is started at its first bulk batch and stopped after a quiet minute. It
// gets the station's topics and learned model before any batch that needs them (messages are
// handled in order). If one cannot start or dies, its batches and every later one of that lane
// are analysed here, by the station's own pipeline: the same rows, only slower.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Topic } from '../../../shared/types';
import type { LearnedModel } from '../analysis/learn';
import type { Pipeline } from '../pipeline';
import type { NewMention } from '../store';
import type { IncomingItem } from '../sources/types';

export interface PrepareJob {
  sourceId: number;
  sourceName: string;
  items: IncomingItem[];
  now: number;
}

/** A batch analysed here: its rows, and how many texts were cut to the stored limit. */
export interface PreparedRows {
  rows: NewMention[];
  clipped: number;
}

/** A job through a pipeline: on the analysis thread, or here when there is none. */
export function prepareOn(pipeline: Pipeline, job: PrepareJob): PreparedRows {
  const stats = { clipped: 0 };
  return { rows: pipeline.prepare(job.sourceId, job.sourceName, job.items, job.now, stats), clipped: stats.clipped };
}

/** The item's own strings a row carries, sent back only when analysis changed them. */
const KEPT = ['guid', 'url', 'title', 'text', 'html', 'author'] as const;

/**
 * A row as the analysis thread sends it: `i`, the index of its item in the job, what analysis
 * computed, and of the item's own fields only those it changed (HTML made text, clipped,
 * repaired). The station's thread still holds the job's items: copying every text back and
 * forth as JSON was ~13 µs a mention of the two threads' time (the analysis is ~20).
 */
export type SlimRow = { i: number } & Omit<NewMention, 'sourceId' | 'fetchedAt' | (typeof KEPT)[number] | 'tags'> &
  Partial<Pick<NewMention, (typeof KEPT)[number] | 'tags'>>;

/** On the analysis thread: a job's rows as SlimRows. */
export function slimRows(job: PrepareJob, pipeline: Pipeline): { rows: SlimRow[]; clipped: number } {
  const stats = { clipped: 0, from: [] as number[] };
  const rows = pipeline.prepare(job.sourceId, job.sourceName, job.items, job.now, stats);
  const out = rows.map((r, k) => {
    const i = stats.from[k]!;
    const it = job.items[i]!;
    const slim: SlimRow = {
      i, contentHash: r.contentHash, lang: r.lang, publishedAt: r.publishedAt, sentiment: r.sentiment,
      label: r.label, emotions: r.emotions, reach: r.reach, topicIds: r.topicIds,
    };
    for (const f of KEPT) if (r[f] !== (it[f] ?? null)) (slim as Record<string, unknown>)[f] = r[f];
    const tags = it.tags ?? [];
    if (r.tags.length !== tags.length || r.tags.some((t, j) => t !== tags[j])) slim.tags = r.tags;
    return slim;
  });
  return { rows: out, clipped: stats.clipped };
}

/** On the station's thread: SlimRows back into the rows prepareOn would have given for the job. */
export function fullRows(job: PrepareJob, slim: SlimRow[]): NewMention[] {
  return slim.map((s) => {
    const it = job.items[s.i]!;
    return {
      sourceId: job.sourceId,
      guid: s.guid ?? it.guid,
      contentHash: s.contentHash,
      url: s.url !== undefined ? s.url : (it.url ?? null),
      title: s.title !== undefined ? s.title : (it.title ?? null),
      text: s.text ?? it.text!,
      html: s.html !== undefined ? s.html : (it.html ?? null),
      author: s.author !== undefined ? s.author : (it.author ?? null),
      lang: s.lang,
      publishedAt: s.publishedAt,
      fetchedAt: job.now,
      sentiment: s.sentiment,
      label: s.label,
      emotions: s.emotions,
      reach: s.reach,
      tags: s.tags ?? [...(it.tags ?? [])],
      topicIds: s.topicIds,
    };
  });
}

/**
 * A batch analysed, its rows read when they are about to be written: the worker's arrive as
 * JSON bytes (moved, not copied) and become objects only then, so they die young on the
 * station's thread instead of piling up in its old generation while the batch before them is
 * written (the main heap then grew to 135 MB in one run of four, and the import past 300 MB).
 */
export interface Prepared {
  rows(): NewMention[];
  clipped: number;
}

export type PrepareRequest =
  | { t: 'config'; topics: Topic[]; learned?: LearnedModel | null }
  | ({ t: 'prepare'; id: number } & PrepareJob);
export type PrepareReply = { id: number; json: Uint8Array; clipped: number } | { id: number; error: string };

const decoder = new TextDecoder();

/** A worker with nothing to do for this long is stopped (its heap and models freed). */
const IDLE_MS = 60_000;

/** The worker entry next to this file: the TypeScript source when run from the sources. */
const SOURCE_ENTRY = new URL('./prepare-worker.ts', import.meta.url);

interface Pending {
  job: PrepareJob;
  resolve: (p: Prepared) => void;
  reject: (e: Error) => void;
}

/**
 * Analysis threads beside the station's. Each holds its own lexicon and models and a heap:
 * ~45 MB more at the peak of an import per thread (a 200,000-row CSV: 240, 282, 333 MB with 1,
 * 2, 3). A CSV import is mostly bound by the station's thread (reading the file and writing
 * the rows: ~45 µs a row against ~24 of analysis), so a second thread pays off only where the
 * analysis is the larger part (long texts, rows that come already read), and a third hardly.
 */
const MAX_THREADS = 2;

/** One analysis thread per core beside the station thread's, at least one, at most MAX_THREADS. */
export function analysisThreads(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(MAX_THREADS, cores - 1));
}

type PoolConfig = { topics: Topic[]; learned: LearnedModel | null };

/**
 * The analysis threads: a batch goes to the lane with the fewest batches waiting, among those
 * whose thread still runs (each lane answers in the order asked; the caller writes batches in
 * the order it handed them in). Only when every thread failed is a batch analysed here.
 */
export class PreparePool {
  private readonly lanes: PrepareLane[];

  /**
   * `entry`: the worker's file (the desktop build passes its bundled copy); by default the
   * source next to this file, and without either the pool analyses on this thread.
   * `threads`: how many analysis threads (default analysisThreads()).
   */
  constructor(
    config: PoolConfig,
    local: (job: PrepareJob) => PreparedRows,
    log: (line: string) => void,
    entry: string | null = defaultEntry(),
    threads = analysisThreads(),
  ) {
    this.lanes = Array.from({ length: Math.max(1, Math.floor(threads)) }, () => new PrepareLane(config, local, log, entry));
  }

  /** How many analysis threads batches are spread over. */
  get size(): number {
    return this.lanes.length;
  }

  /**
   * Counts the topics' changes: a batch asked before the last change was matched against
   * topics that are no more (the thread had it first), and its links must be made again.
   */
  get topicsVersion(): number {
    return this.version;
  }
  private version = 0;

  setTopics(topics: Topic[]): void {
    this.version++;
    for (const l of this.lanes) l.setTopics(topics);
  }

  setLearned(learned: LearnedModel | null): void {
    for (const l of this.lanes) l.setLearned(learned);
  }

  prepare(job: PrepareJob): Promise<Prepared> {
    let lane: PrepareLane | null = null;
    for (const l of this.lanes) if (l.threaded && (!lane || l.waiting < lane.waiting)) lane = l;
    return (lane ?? this.lanes[0]!).prepare(job);
  }

  /** Whether batches go to worker threads (false once every lane failed, or without an entry). */
  get threaded(): boolean {
    return this.lanes.some((l) => l.threaded);
  }

  /** Batches analysed by the threads and here (after a failure), for the bench and tests. */
  get done(): { worker: number; local: number } {
    return this.lanes.reduce((d, l) => ({ worker: d.worker + l.done.worker, local: d.local + l.done.local }), { worker: 0, local: 0 });
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.close()));
  }
}

/** One analysis thread, and what it has been asked. */
class PrepareLane {
  private worker: Worker | null = null;
  private broken: string | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private closed = false;
  readonly done = { worker: 0, local: 0 };

  constructor(
    private config: PoolConfig,
    private local: (job: PrepareJob) => PreparedRows,
    private log: (line: string) => void,
    private entry: string | null,
  ) {}

  /** Batches asked and not answered yet. */
  get waiting(): number {
    return this.pending.size;
  }

  setTopics(topics: Topic[]): void {
    this.config = { ...this.config, topics };
    this.worker?.postMessage({ t: 'config', topics } satisfies PrepareRequest);
  }

  setLearned(learned: LearnedModel | null): void {
    this.config = { ...this.config, learned };
    this.worker?.postMessage({ t: 'config', topics: this.config.topics, learned } satisfies PrepareRequest);
  }

  /** Analyse a batch on the worker, in the order asked; here when there is no worker. */
  prepare(job: PrepareJob): Promise<Prepared> {
    const worker = this.start();
    if (!worker) return this.runLocal(job);
    if (this.idle) (clearTimeout(this.idle), (this.idle = null));
    const id = this.nextId++;
    return new Promise<Prepared>((resolve, reject) => {
      this.pending.set(id, { job, resolve, reject });
      worker.postMessage({ t: 'prepare', id, ...job } satisfies PrepareRequest);
    });
  }

  /** Whether batches go to a worker (false once it failed, or without an entry). */
  get threaded(): boolean {
    return this.entry !== null && this.broken === null && !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('the station is closing'));
    this.pending.clear();
    if (w) await w.terminate();
  }

  private runLocal(job: PrepareJob): Promise<Prepared> {
    try {
      this.done.local++;
      const { rows, clipped } = this.local(job);
      return Promise.resolve({ rows: () => rows, clipped });
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (!this.threaded || !this.entry) return null;
    try {
      const ts = this.entry.endsWith('.ts');
      const w = new Worker(this.entry, {
        // From the sources (`fenghuo serve`, tests) the worker reads TypeScript through tsx, as
        // the station's thread does; the desktop build passes plain JavaScript.
        execArgv: ts ? ['--import', tsxLoader()] : [],
        name: 'fenghuo-prepare',
        // The analysis makes many short-lived strings: with a worker's default young
        // generation a quarter of its time went to scavenges (39 → 34.6 µs a mention at 16 MB;
        // 27 at 48 MB, but a 1M-row import then peaked at 391 MB against the 300 MB allowed).
        // Its lasting data is the lexicon and models (~25 MB): 64 MB of old generation keeps
        // it from growing with garbage; past that it stops and this thread takes over.
        resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 },
      });
      w.unref();
      w.on('message', (r: PrepareReply) => this.reply(r));
      w.on('error', (e) => this.fail(w, `the analysis thread failed: ${e.message}`));
      w.on('exit', (code) => this.fail(w, `the analysis thread stopped (exit ${code})`));
      w.postMessage({ t: 'config', topics: this.config.topics, learned: this.config.learned } satisfies PrepareRequest);
      this.worker = w;
      return w;
    } catch (e) {
      this.broken = (e as Error).message;
      this.log(`analysis thread not started, analysing on the station's thread: ${this.broken}`);
      return null;
    }
  }

  private reply(r: PrepareReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if ('error' in r) p.reject(new Error(r.error));
    else {
      this.done.worker++;
      const json = r.json;
      p.resolve({ rows: () => fullRows(p.job, JSON.parse(decoder.decode(json)) as SlimRow[]), clipped: r.clipped });
    }
    if (this.pending.size === 0 && this.worker && !this.idle) {
      const w = this.worker;
      this.idle = setTimeout(() => {
        this.idle = null;
        if (this.worker !== w || this.pending.size) return;
        this.worker = null;
        void w.terminate();
      }, IDLE_MS);
      this.idle.unref();
    }
  }

  /** The worker died: what it had is analysed here, and so is everything after. */
  private fail(w: Worker, message: string): void {
    if (this.worker !== w) return; // stopped on purpose (idle, close)
    this.worker = null;
    this.broken = message;
    this.log(`${message}; analysing on the station's thread from now on`);
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) this.runLocal(p.job).then(p.resolve, p.reject);
  }
}

function defaultEntry(): string | null {
  if (SOURCE_ENTRY.protocol !== 'file:') return null;
  const file = fileURLToPath(SOURCE_ENTRY);
  return fs.existsSync(file) ? file : null;
}

function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}
