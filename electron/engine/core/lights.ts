// The lights' timers: every light re-evaluated on an interval (so silence turns gray), soon
// after new mentions (debounced), and at once after a rule, topic or correction changed.
// Each run emits `lights`, and an `alert` per light that changed colour.
import type { Topic } from '../../../shared/types';
import { runLights, type LightsRun } from '../alerts/lights';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store';
import type { StorageWatch } from './storage';

/** New mentions wait this long for more before the lights run. */
const DEBOUNCE_MS = 500;

export class Lights {
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private store: Store,
    private clock: Clock,
    private events: EventHub,
    private storage: StorageWatch,
    private topics: () => Topic[],
  ) {}

  start(everyMs: number): void {
    this.evaluate();
    this.timer = setInterval(() => this.evaluateSafely(), everyMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
  }

  /** Run soon: new mentions arrived (several batches in a row make one run). */
  soon(): void {
    if (this.pending || this.stopped) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      if (!this.stopped) this.evaluateSafely();
    }, DEBOUNCE_MS);
  }

  /** From timers: a full disk must turn the station light red, not end the process. */
  private evaluateSafely(): void {
    try {
      this.evaluate();
    } catch (e) {
      if (!this.storage.failed(e)) throw e;
    }
  }

  /** Evaluate every light now; emits a `lights` event and an `alert` per change. */
  evaluate(): LightsRun {
    const run = runLights(this.store, this.topics(), this.clock.now());
    const now = this.clock.now();
    this.events.emit({ type: 'lights', now, lights: run.lights, changed: run.changed });
    for (const id of run.alerts) {
      const alert = this.store.lights.alert(id);
      if (alert) this.events.emit({ type: 'alert', now, alert });
    }
    return run;
  }

  /** An operator acknowledged: the wall's unacknowledged counts change, the colours do not. */
  acknowledged(): void {
    this.events.emit({ type: 'lights', now: this.clock.now(), lights: this.store.lights.states(), changed: [] });
  }
}
