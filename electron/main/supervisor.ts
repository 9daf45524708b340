// Keeps the station engine alive: restarts it with growing delays when it dies, kills and
// restarts it when its heartbeat stops, and never gives up — a wall nobody stands at must come
// back on its own once whatever broke the engine (a full disk, a locked file) is fixed.
// Pure of Electron: the process comes from an injected `spawn` and time from a `Clock`, so
// the same class is driven by utilityProcess in the app and by child_process.fork in tests.
import { backoffDelay } from './backoff';

export type KillSignal = 'SIGTERM' | 'SIGKILL';

/** The little the supervisor needs from a running engine process. */
export interface EngineChild {
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has ended, however it ended. */
  onExit(listener: (code: number | null) => void): void;
  kill(signal: KillSignal): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RestartPolicy {
  firstDelayMs: number;
  /** The longest wait between two tries, however many failures came before. */
  maxDelayMs: number;
  /** An engine that served this long before it died starts the failure count over. */
  healthyAfterMs: number;
  /** Silence after `ready` longer than this means the engine is hung. */
  heartbeatTimeoutMs: number;
  /**
   * Silence before `ready`: opening a big station can run migrations that block the event
   * loop (better-sqlite3 is synchronous), so start-up gets more room than a heartbeat.
   */
  startTimeoutMs: number;
  /** How long a stop waits for a clean exit before SIGKILL. */
  stopGraceMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  healthyAfterMs: 10 * 60_000,
  heartbeatTimeoutMs: 20_000,
  startTimeoutMs: 120_000,
  stopGraceMs: 5_000,
};

/** The wait before the next start after `failures` failures in a row: 1 s, 2 s, 4 s … 5 min. */
export function restartDelay(failures: number, policy: RestartPolicy): number {
  return backoffDelay(failures, policy.firstDelayMs, policy.maxDelayMs);
}

export type EngineMessage =
  | { type: 'ready'; url: string; port: number }
  | { type: 'fatal'; message: string }
  | { type: 'heartbeat'; at: number };

/** Messages cross a process boundary: anything not in the protocol is ignored. */
export function parseEngineMessage(message: unknown): EngineMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready' && typeof m.url === 'string' && Number.isInteger(m.port)) {
    return { type: 'ready', url: m.url, port: m.port as number };
  }
  if (m.type === 'fatal') return { type: 'fatal', message: String(m.message ?? 'unknown error') };
  if (m.type === 'heartbeat') return { type: 'heartbeat', at: typeof m.at === 'number' ? m.at : 0 };
  return null;
}

export type SupervisorEvent =
  | { type: 'spawned'; attempt: number }
  | { type: 'ready'; url: string; port: number }
  | { type: 'fatal'; message: string }
  | { type: 'hung'; silentMs: number }
  | { type: 'exited'; code: number | null }
  /** Failures in a row so far, and the error of the last one: what the walls tell the room. */
  | { type: 'restarting'; delayMs: number; retryAt: number; failures: number; lastError: string };

export type SupervisorState = 'idle' | 'starting' | 'running' | 'waiting' | 'stopping' | 'stopped';

export interface SupervisorOptions {
  spawn: () => EngineChild;
  onEvent: (event: SupervisorEvent) => void;
  clock?: Clock;
  policy?: Partial<RestartPolicy>;
}

export class EngineSupervisor {
  private readonly clock: Clock;
  private readonly policy: RestartPolicy;
  private child: EngineChild | null = null;
  private failures = 0;
  /** When the current engine said ready (null: not yet). */
  private readyAt: number | null = null;
  private attempt = 0;
  private watchdog: unknown = null;
  private restartTimer: unknown = null;
  private killTimer: unknown = null;
  private lastBeatAt = 0;
  private lastError: string | null = null;
  private stopping: Promise<void> | null = null;
  private stopped: (() => void) | null = null;
  state: SupervisorState = 'idle';

  constructor(private readonly options: SupervisorOptions) {
    this.clock = options.clock ?? systemClock;
    this.policy = { ...defaultRestartPolicy, ...options.policy };
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.launch();
  }

  /** Ends the engine for good: SIGTERM, then SIGKILL after the grace period. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.clearTimer('restartTimer');
    this.clearTimer('watchdog');
    const child = this.child;
    if (!child) {
      this.state = 'stopped';
      return Promise.resolve();
    }
    this.state = 'stopping';
    this.stopping = new Promise((resolve) => {
      this.stopped = resolve;
      child.kill('SIGTERM');
      this.killTimer = this.clock.setTimeout(() => child.kill('SIGKILL'), this.policy.stopGraceMs);
    });
    return this.stopping;
  }

  private launch(): void {
    this.attempt += 1;
    this.state = 'starting';
    this.lastError = null;
    this.readyAt = null;
    let child: EngineChild;
    try {
      child = this.options.spawn();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.crashed();
      return;
    }
    this.child = child;
    this.lastBeatAt = this.clock.now();
    this.armWatchdog(this.policy.startTimeoutMs);
    child.onMessage((raw) => {
      if (this.child === child) this.handleMessage(parseEngineMessage(raw));
    });
    child.onExit((code) => {
      if (this.child === child) this.handleExit(code);
    });
    this.emit({ type: 'spawned', attempt: this.attempt });
  }

  private handleMessage(message: EngineMessage | null): void {
    if (!message || this.state === 'stopping') return;
    this.lastBeatAt = this.clock.now();
    switch (message.type) {
      case 'ready':
        this.state = 'running';
        this.readyAt = this.clock.now();
        this.armWatchdog(this.policy.heartbeatTimeoutMs);
        this.emit(message);
        break;
      case 'heartbeat':
        this.armWatchdog(this.state === 'running' ? this.policy.heartbeatTimeoutMs : this.policy.startTimeoutMs);
        break;
      case 'fatal':
        // The engine exits on its own after a fatal; its exit drives the restart.
        this.lastError = message.message;
        this.emit(message);
        break;
    }
  }

  private handleExit(code: number | null): void {
    this.child = null;
    this.clearTimer('watchdog');
    this.clearTimer('killTimer');
    this.emit({ type: 'exited', code });
    if (this.state === 'stopping') {
      this.state = 'stopped';
      this.stopped?.();
      this.stopped = null;
      return;
    }
    if (!this.lastError) this.lastError = code === null ? 'engine was killed' : `engine exited with code ${code}`;
    this.crashed();
  }

  private crashed(): void {
    const now = this.clock.now();
    if (this.readyAt !== null && now - this.readyAt >= this.policy.healthyAfterMs) this.failures = 0;
    this.failures += 1;
    const delayMs = restartDelay(this.failures, this.policy);
    this.state = 'waiting';
    this.emit({
      type: 'restarting',
      delayMs,
      retryAt: now + delayMs,
      failures: this.failures,
      lastError: this.lastError ?? 'engine stopped',
    });
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      this.launch();
    }, delayMs);
  }

  private armWatchdog(ms: number): void {
    this.clearTimer('watchdog');
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      const child = this.child;
      if (!child) return;
      const silentMs = this.clock.now() - this.lastBeatAt;
      this.lastError = `engine stopped answering (no heartbeat for ${Math.round(silentMs / 1000)} s)`;
      this.emit({ type: 'hung', silentMs });
      // A hung event loop cannot run a SIGTERM handler; only SIGKILL ends it.
      child.kill('SIGKILL');
    }, ms);
  }

  private clearTimer(name: 'watchdog' | 'restartTimer' | 'killTimer'): void {
    if (this[name] !== null) this.clock.clearTimeout(this[name]);
    this[name] = null;
  }

  private emit(event: SupervisorEvent): void {
    this.options.onEvent(event);
  }
}
