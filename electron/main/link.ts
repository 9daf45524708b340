// What the windows know about the engine: where it listens and with which token, or that it
// is down and when it will be tried again. Every engine start gets a token never used before
// and any free port, and the old address is forgotten the moment the engine stops — so while
// an engine is away, no window keeps knocking on its port with the admin token (another local
// user could have bound that port meanwhile). Pure of Electron; fed the supervisor's events.
import { dataUrl, outagePage, type OutageText } from './outage';
import { stationUrl, type ScreenPlace } from './policy';
import type { SupervisorEvent } from './supervisor';

export type EngineView =
  /** The engine is listening: windows show the station. */
  | { kind: 'up'; port: number; token: string; origin: string }
  /** Not listening yet, or no more: windows show the outage page. */
  | {
      kind: 'down';
      since: number;
      /** Failures in a row, when the next try is, and why the last one ended. */
      failures: number;
      retryAt: number | null;
      lastError: string | null;
    };

export interface Launch {
  token: string;
  /** Always 0: the system picks a free port; a restart never asks for the old one. */
  port: 0;
}

export class EngineLink {
  private launchToken: string | null = null;
  private current: EngineView;

  constructor(
    private readonly newToken: () => string,
    private readonly now: () => number,
  ) {
    this.current = { kind: 'down', since: now(), failures: 0, retryAt: null, lastError: null };
  }

  get view(): EngineView {
    return this.current;
  }

  /** The station's origin while it is up: the only one IPC and navigation accept. */
  get origin(): string | null {
    return this.current.kind === 'up' ? this.current.origin : null;
  }

  /** What the next engine is started with. Called once per start, right before spawning it. */
  nextLaunch(): Launch {
    const token = this.newToken();
    this.launchToken = token;
    this.forget();
    return { token, port: 0 };
  }

  /** The page a window shows for a place while the engine is up; null while it is down. */
  url(place: ScreenPlace = {}): string | null {
    return this.current.kind === 'up' ? stationUrl(this.current.port, this.current.token, place) : null;
  }

  /** What a window at a place shows now: the station while the engine is up, else the outage page. */
  page(place: ScreenPlace, text: OutageText): string {
    return this.current.kind === 'up' ? stationUrl(this.current.port, this.current.token, place) : dataUrl(outagePage(this.current, text));
  }

  /** Follows the supervisor; true when what the windows should show has changed. */
  onEvent(event: SupervisorEvent): boolean {
    switch (event.type) {
      case 'ready': {
        if (this.launchToken === null) return false;
        const origin = `http://127.0.0.1:${event.port}`;
        this.current = { kind: 'up', port: event.port, token: this.launchToken, origin };
        return true;
      }
      case 'fatal':
        if (this.current.kind === 'down') this.current = { ...this.current, lastError: event.message };
        return false;
      case 'hung':
        this.forget();
        if (this.current.kind === 'down') {
          this.current = { ...this.current, lastError: `engine stopped answering (no heartbeat for ${Math.round(event.silentMs / 1000)} s)` };
        }
        return true;
      case 'exited':
        return this.forget();
      case 'restarting':
        this.forget();
        if (this.current.kind === 'down') {
          this.current = { ...this.current, failures: event.failures, retryAt: event.retryAt, lastError: event.lastError };
        }
        return true;
      case 'spawned':
        if (this.current.kind !== 'down') return false;
        // A first attempt is a new start (another station opened): earlier failures are not its own.
        if (event.attempt === 1) {
          this.current = { kind: 'down', since: this.now(), failures: 0, retryAt: null, lastError: null };
          return true;
        }
        // "Next try at …" becomes "trying now".
        if (this.current.retryAt === null) return false;
        this.current = { ...this.current, retryAt: null };
        return true;
    }
  }

  /** The address stops being the station's at once: windows must leave it. */
  private forget(): boolean {
    if (this.current.kind !== 'up') return false;
    this.current = { kind: 'down', since: this.now(), failures: 0, retryAt: null, lastError: null };
    return true;
  }
}
