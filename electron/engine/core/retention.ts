// Retention: with `retention.keepMonths` set (off by default), calendar months (UTC, as the
// rollups count minutes) that ended more than keepMonths months before the current month's
// start move from the station file into monthly archive files (store/retention.ts says how,
// and why a crash at any point loses nothing). Runs at start, every hour, and on demand; one
// run at a time. Rollups stay in the station file, so boards and lights do not change.
import type { RetentionProgress } from '../../../shared/api/station';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { withLogBytes } from '../store/compact';
import { archiveMonth, monthsBefore, reconcile } from '../store/retention';

export const KEEP_MONTHS_KEY = 'retention.keepMonths';
const EVERY_MS = 3600_000;

export interface RetentionRun {
  at: number;
  /** Months moved in this run, and how many mentions each. */
  moved: { month: string; mentions: number }[];
  error: string | null;
}

/** The first instant kept live: the start of the month keepMonths months before now's month (UTC). */
export function retentionCutoff(now: number, keepMonths: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - keepMonths, 1);
}

export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionRun> | null = null;
  last: RetentionRun | null = null;
  /** While a run is going on: the month being moved and how far (the station room shows it). */
  progress: RetentionProgress | null = null;

  constructor(
    private store: Store,
    private clock: Clock,
    private log: (line: string) => void,
    /** Called after a run that moved something (the station tells its status). */
    private onMoved: () => void,
  ) {}

  /** Months of mentions kept in the station file (besides the current one), or null: keep everything. */
  get keepMonths(): number | null {
    return this.store.settings.get<number | null>(KEEP_MONTHS_KEY, null);
  }

  set keepMonths(n: number | null) {
    this.store.settings.set(KEEP_MONTHS_KEY, n);
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** A run now (after `delayMs`), then every hour. */
  start(delayMs = 10_000): void {
    const run = () => void this.runNow();
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, EVERY_MS);
      this.timer.unref?.();
    }, delayMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Finish any move a crash cut off, then move every month before the cut-off. With retention
   * off only the repair runs (an archive already written is never brought back by itself).
   */
  runNow(): Promise<RetentionRun> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<RetentionRun> {
    const at = this.clock.now();
    const moved: RetentionRun['moved'] = [];
    let error: string | null = null;
    try {
      reconcile(this.store, at);
      const keep = this.keepMonths;
      // Months recorded but not yet emptied (a crash mid-delete) finish even with retention off.
      const pending = this.store.archives.list().map((a) => a.month);
      const due = keep == null ? [] : monthsBefore(this.store, retentionCutoff(at, keep));
      const months = [...new Set([...pending, ...due])].sort().filter((m) => due.includes(m) || this.hasRowsInArchivedRange(m));
      for (const [k, month] of months.entries()) {
        const n = await archiveMonth(this.store, month, this.clock.now(), (step, done, total) => {
          this.progress = { month, index: k + 1, months: months.length, step, done, total };
        });
        if (n > 0) {
          moved.push({ month, mentions: n });
          this.log(`retention: ${n} mentions of ${month} moved to archives/mentions-${month}.db`);
        }
      }
    } catch (e) {
      error = (e as Error).message;
      this.log(`retention: ${error}`);
    }
    this.progress = null;
    this.last = { at, moved, error };
    if (moved.length) this.onMoved();
    return this.last;
  }

  private hasRowsInArchivedRange(month: string): boolean {
    const a = this.store.archives.list().find((x) => x.month === month);
    if (!a) return false;
    return !!this.store.db
      .prepare(`SELECT 1 FROM mentions WHERE published_at >= ? AND published_at < ? AND id <= ? LIMIT 1`)
      .get(a.fromAt, a.toAt, a.upto);
  }

  /** The live file's size (with its WAL) and the archives: what the station's storage view shows. */
  storage(): { liveBytes: number; freeBytes: number; archives: { month: string; mentions: number; bytes: number }[] } {
    const pageSize = this.store.db.pragma('page_size', { simple: true }) as number;
    const free = this.store.db.pragma('freelist_count', { simple: true }) as number;
    return {
      liveBytes: withLogBytes(this.store.file),
      freeBytes: pageSize * free,
      archives: this.store.archives.list().map((a) => ({ month: a.month, mentions: a.rows, bytes: a.bytes })),
    };
  }
}
