// Who is watching, and what it costs. The server tells `Screens` of every event stream it
// opens and closes (a wall browser, the desktop window, a public page) and of every event it
// sends one; `LoadMeter` reads the station process's CPU, memory, event-loop delay and the
// mentions it stores, every 5 s over the last minute. The station room shows both, so an
// operator with fifty walls sees which are connected, which went dark and when, and what they
// cost the station — what the walls bench measures from outside, from inside the app.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Role } from '../../shared/api';
import { DARK_AFTER_MS, type Screen, type ScreenReport, type StationLoad } from '../../shared/api/station';

/** What the server knows of a stream when it opens. */
export interface ScreenOpening {
  role: Role;
  /** The app-made token it came with; null for a token the station was started with. */
  tokenId: string | null;
  address: string | undefined;
  agent: string | undefined;
  /** Bytes sent and not yet read by the other end, read when the list is asked for. */
  behind: () => number;
}

/** The server's handle on one open stream. */
export interface OpenScreen {
  sent(): void;
  /** What the screen said of itself (already checked against the report's schema). */
  report(r: ScreenReport): void;
  close(): void;
}

interface Entry extends Omit<Screen, 'tokenName' | 'behindBytes'> {
  behind: () => number;
}

const AGENT_MAX = 300;

/** `::ffff:10.0.0.7` (an IPv4 peer on a dual-stack socket) reads as 10.0.0.7. */
export function plainAddress(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export class Screens {
  private entries = new Map<number, Entry>();
  /** Open streams per app-made token (a public page's token may hold thousands). */
  private perToken = new Map<string, number>();
  /** When each app-made token's last stream closed. */
  private seen = new Map<string, number>();
  private next = 1;
  /** Tokens whose screens have all been closed for DARK_AFTER_MS, and the timers deciding it. */
  private darkIds = new Set<string>();
  private darkTimers = new Map<string, NodeJS.Timeout>();
  /** Set by stop(): the streams the server closes while the station shuts start no dark timers. */
  private stopped = false;
  /** Wall-clock time the registry (the station) started: what "not seen since" means. */
  readonly startedAt: number;

  constructor(
    private now: () => number = Date.now,
    /** Told when a token goes dark or lights up again. */
    private onDark: () => void = () => {},
    private darkAfterMs = DARK_AFTER_MS,
    /** Told when a token's last open stream closes (not once stopped), to keep it across restarts. */
    private onSeen: (tokenId: string, at: number) => void = () => {},
  ) {
    this.startedAt = now();
  }

  private holds(tokenId: string): boolean {
    return (this.perToken.get(tokenId) ?? 0) > 0;
  }

  open(o: ScreenOpening): OpenScreen {
    const entry: Entry = {
      id: this.next++,
      role: o.role,
      tokenId: o.tokenId,
      address: plainAddress(o.address),
      agent: (o.agent ?? '').slice(0, AGENT_MAX),
      since: this.now(),
      events: 0,
      lastEventAt: null,
      report: null,
      reportAt: null,
      behind: o.behind,
    };
    this.entries.set(entry.id, entry);
    if (o.tokenId) {
      this.perToken.set(o.tokenId, (this.perToken.get(o.tokenId) ?? 0) + 1);
      clearTimeout(this.darkTimers.get(o.tokenId));
      this.darkTimers.delete(o.tokenId);
      if (this.darkIds.delete(o.tokenId)) this.onDark();
    }
    let open = true;
    return {
      sent: () => {
        entry.events++;
        entry.lastEventAt = this.now();
      },
      report: (r) => {
        entry.report = r;
        entry.reportAt = this.now();
      },
      close: () => {
        if (!open) return;
        open = false;
        this.entries.delete(entry.id);
        const id = entry.tokenId;
        if (!id) return;
        const left = (this.perToken.get(id) ?? 1) - 1;
        if (left > 0) this.perToken.set(id, left);
        else this.perToken.delete(id);
        const at = this.now();
        this.seen.set(id, at);
        if (this.stopped || this.holds(id)) return;
        this.onSeen(id, at);
        if (this.darkTimers.has(id)) return;
        const timer = setTimeout(() => {
          this.darkTimers.delete(id);
          if (this.holds(id)) return;
          this.darkIds.add(id);
          this.onDark();
        }, this.darkAfterMs);
        timer.unref();
        this.darkTimers.set(id, timer);
      },
    };
  }

  /**
   * The open streams with the names of the tokens they came with: walls and the app's windows
   * first, then public pages (a city's page may have thousands of visitors), each oldest first;
   * at most `limit`.
   */
  list(tokenName: (id: string) => string | null, limit = Infinity): Screen[] {
    const all = [...this.entries.values()];
    const ordered = [...all.filter((e) => e.role !== 'public'), ...all.filter((e) => e.role === 'public')];
    return ordered.slice(0, limit).map(({ behind, ...e }) => ({
      ...e,
      tokenName: e.tokenId ? tokenName(e.tokenId) : null,
      behindBytes: safe(behind),
    }));
  }

  /** How many streams are open, by role. */
  counts(): Record<Role, number> {
    const n: Record<Role, number> = { admin: 0, viewer: 0, public: 0 };
    for (const e of this.entries.values()) n[e.role]++;
    return n;
  }

  /** App-made tokens with at least one stream open. */
  openTokens(): string[] {
    return [...this.perToken.keys()];
  }

  /** App-made tokens whose screens have all been closed for DARK_AFTER_MS or more. */
  dark(): string[] {
    return [...this.darkIds];
  }

  /** The station is closing: no more decisions. */
  stop(): void {
    this.stopped = true;
    for (const t of this.darkTimers.values()) clearTimeout(t);
    this.darkTimers.clear();
  }

  /** App-made tokens with no stream open now that had one since the start: when it closed. */
  lastSeen(): { tokenId: string; at: number }[] {
    return [...this.seen].filter(([id]) => !this.holds(id)).map(([tokenId, at]) => ({ tokenId, at }));
  }
}

function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return 0;
  }
}

/** One reading of the counters, every SAMPLE_MS. */
interface Sample {
  at: number;
  cpuUs: number;
  stored: number | null;
  /** The event loop's delay over the 5 s before this sample (ms). */
  p99: number | null;
  max: number | null;
}

export const SAMPLE_MS = 5_000;
const WINDOW_MS = 60_000;

/**
 * The event loop's delay is timed only while someone looks (a reading within the last two
 * minutes): its histogram wakes the loop every 10 ms, which an idle station on a laptop should
 * not pay for. The CPU and the stored count are read every 5 s regardless (nothing wakes for them
 * but that timer).
 */
const WATCH_MS = 120_000;

export class LoadMeter {
  private samples: Sample[] = [];
  private delay = monitorEventLoopDelay({ resolution: 10 });
  private timing = false;
  private watchedUntil = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = performance.now();

  /** `stored`: mentions stored so far (any monotonic count; null when it cannot be read). */
  constructor(private stored: () => number | null) {}

  start(): void {
    if (this.timer) return;
    this.samples.push(this.sample());
    this.timer = setInterval(() => {
      this.samples.push(this.sample());
      const from = performance.now() - WINDOW_MS - SAMPLE_MS;
      while (this.samples.length > 2 && this.samples[0]!.at < from) this.samples.shift();
      if (this.timing && performance.now() > this.watchedUntil) this.time(false);
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.time(false);
  }

  private time(on: boolean): void {
    if (on === this.timing) return;
    this.timing = on;
    if (on) this.delay.enable();
    else this.delay.disable();
    this.delay.reset();
  }

  private sample(): Sample {
    const c = process.cpuUsage();
    const s: Sample = { at: performance.now(), cpuUs: c.user + c.system, stored: this.count(), p99: null, max: null };
    if (this.timing && this.delay.count > 0) {
      s.p99 = this.delay.percentile(99) / 1e6;
      s.max = this.delay.max / 1e6;
    }
    this.delay.reset();
    return s;
  }

  private count(): number | null {
    try {
      return this.stored();
    } catch {
      return null;
    }
  }

  /** The load over the last minute: from the oldest sample within it to now. */
  read(): StationLoad {
    // Someone looks: time the loop's delay from now on (the first reading has none yet).
    this.watchedUntil = performance.now() + WATCH_MS;
    if (this.timer) this.time(true);
    // Read, not sampled: the delays of the current 5 s stay in the histogram for the next sample.
    const c = process.cpuUsage();
    const now = { at: performance.now(), cpuUs: c.user + c.system, stored: this.count() };
    const first = this.samples.find((s) => s.at >= now.at - WINDOW_MS) ?? this.samples[0];
    const span = first ? (now.at - first.at) / 1000 : 0;
    const within = this.samples.filter((s) => first && s.at > first.at);
    const p99s = within.map((s) => s.p99).filter((x): x is number => x !== null);
    const maxes = within.map((s) => s.max).filter((x): x is number => x !== null);
    if (this.timing && this.delay.count > 0) {
      p99s.push(this.delay.percentile(99) / 1e6);
      maxes.push(this.delay.max / 1e6);
    }
    const mem = process.memoryUsage();
    const stored = first && first.stored !== null && now.stored !== null ? Math.max(0, now.stored - first.stored) : null;
    return {
      windowSec: Math.round(span),
      cpu: first && span >= 1 ? (now.cpuUs - first.cpuUs) / 1e6 / span : null,
      cores: os.availableParallelism(),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      loopDelayP99Ms: p99s.length ? round1(Math.max(...p99s)) : null,
      loopDelayMaxMs: maxes.length ? round1(Math.max(...maxes)) : null,
      mentionsStored: stored,
      uptimeSec: Math.round((performance.now() - this.startedAt) / 1000),
    };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
