// The scheduler: each source on its own interval with jitter, measured on the monotonic clock;
// the next check moves forward before the fetch; failures back off exponentially up to a cap
// and pause the source (visibly) after too many in a row; bounded concurrency overall and per
// host. Persisted next_check_at (wall time) is for display and for restarts.
import type { Clock } from '../clock';

export interface ScheduledSource {
  id: number;
  enabled: boolean;
  paused: boolean;
  intervalSec: number;
  host: string | null;
  /** Wall time of the next check as stored, or null. */
  nextCheckAt: number | null;
}

export interface SchedulerOptions {
  concurrency?: number;
  perHost?: number;
  /** 0..1: an interval is stretched or shrunk by up to this fraction. */
  jitter?: number;
  random?: () => number;
}

export const MAX_BACKOFF_MS = 6 * 3600_000;
export const PAUSE_AFTER_FAILURES = 10;

/** Delay before the next poll after `failures` consecutive failures (0 = success). */
export function nextDelayMs(
  intervalSec: number,
  failures: number,
  opts: { jitter: number; random: () => number; retryAfterMs?: number | null | undefined },
): number {
  const base = intervalSec * 1000;
  const backoff = failures === 0 ? base : Math.min(base * 2 ** failures, Math.max(MAX_BACKOFF_MS, base));
  const jittered = backoff * (1 + opts.jitter * (2 * opts.random() - 1));
  return Math.max(jittered, opts.retryAfterMs ?? 0, 250);
}

type Run = (id: number) => Promise<{ delayMs: number | null }>;

export class Scheduler {
  private due = new Map<number, number>();
  private running = new Set<number>();
  private hostsBusy = new Map<string, number>();
  private meta = new Map<number, ScheduledSource>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  readonly concurrency: number;
  readonly perHost: number;

  constructor(
    private clock: Clock,
    private run: Run,
    opts: SchedulerOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 4;
    this.perHost = opts.perHost ?? 1;
  }

  /** (Re)load what to schedule; keeps in-flight polls. Wall times become monotonic deadlines. */
  load(sources: ScheduledSource[]): void {
    const now = this.clock.now();
    const mono = this.clock.mono();
    const keep = new Set<number>();
    for (const s of sources) {
      keep.add(s.id);
      this.meta.set(s.id, s);
      if (!s.enabled || s.paused) {
        this.due.delete(s.id);
        continue;
      }
      if (this.due.has(s.id)) continue;
      // A stored time far in the future (clock was ahead) never waits more than one interval.
      const wait = s.nextCheckAt === null ? 0 : Math.min(Math.max(0, s.nextCheckAt - now), s.intervalSec * 1000);
      this.due.set(s.id, mono + wait);
    }
    for (const id of [...this.meta.keys()]) {
      if (!keep.has(id)) {
        this.meta.delete(id);
        this.due.delete(id);
      }
    }
  }

  start(): void {
    this.stopped = false;
    this.loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Poll this source as soon as a slot is free. */
  pollNow(id: number): void {
    this.due.set(id, this.clock.mono());
    this.kick();
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Start every due poll that fits the limits. Returns how many started. */
  tick(): number {
    const mono = this.clock.mono();
    let started = 0;
    const ready = [...this.due.entries()].filter(([, at]) => at <= mono).sort((a, b) => a[1] - b[1]);
    for (const [id] of ready) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(id)) continue;
      const s = this.meta.get(id);
      if (!s) continue;
      if (s.host && (this.hostsBusy.get(s.host) ?? 0) >= this.perHost) continue;
      this.due.delete(id);
      this.running.add(id);
      if (s.host) this.hostsBusy.set(s.host, (this.hostsBusy.get(s.host) ?? 0) + 1);
      started++;
      void this.run(id)
        .catch(() => ({ delayMs: s.intervalSec * 1000 }))
        .then((r) => {
          this.running.delete(id);
          if (s.host) this.hostsBusy.set(s.host, (this.hostsBusy.get(s.host) ?? 1) - 1);
          if (r.delayMs !== null && this.meta.has(id) && !this.due.has(id)) {
            this.due.set(id, this.clock.mono() + r.delayMs);
          }
          this.kick();
        });
    }
    return started;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.loop();
  }

  private loop(): void {
    if (this.stopped) return;
    this.tick();
    let next = Infinity;
    for (const at of this.due.values()) next = Math.min(next, at);
    const wait = Number.isFinite(next) ? Math.min(Math.max(next - this.clock.mono(), 50), 1000) : 1000;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.loop();
    }, wait);
    this.timer.unref?.();
  }
}
