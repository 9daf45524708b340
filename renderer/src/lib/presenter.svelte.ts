// Presenter mode: the board's own "now" and window, apart from the live station. Frozen
// means `at` is set: every time panel shows the window ending at `at` and ignores live
// events; scrubbing moves `at`; replay moves it forward at 1×–600× until it meets the
// present and the board is live again. Lights keep the colours they had when frozen.
import { clock, stationNow } from '../state/station.svelte';

export const REPLAY_SPEEDS = [1, 10, 60, 300, 600] as const;

export const presenter = $state({
  /** The board's "now" when frozen or looking back; null: live. */
  at: null as number | null,
  /** One window for every time panel, minutes; null: each panel's own. */
  windowMin: null as number | null,
  playing: false,
  speed: 60 as number,
  /** Bumped when annotations change, so charts reload them. */
  annotationsEpoch: 0,
});

export function isFrozen(): boolean {
  return presenter.at != null;
}

/** The end of every time panel's window. */
export function boardNow(): number {
  return presenter.at ?? stationNow();
}

/** The board's "now" as the screen shows it: the frozen moment, or the station's clock ticking each second (reactive). */
export function boardClock(): number {
  return presenter.at ?? clock.now;
}

/** The `to` of a window that must follow presenter mode ({} while live: the station's now). */
export function boardEnd(): { to?: number } {
  return presenter.at == null ? {} : { to: Math.round(presenter.at) };
}

export function boardWindow(panelWindowMin: number): number {
  return presenter.windowMin ?? panelWindowMin;
}

export function freeze(): void {
  if (presenter.at == null) presenter.at = stationNow();
}

export function goLive(): void {
  presenter.at = null;
  presenter.playing = false;
}

export function toggleFreeze(): void {
  if (isFrozen()) goLive();
  else freeze();
}

/** Moves the board's now (clamped to the present; reaching it goes live when replaying). */
export function scrubTo(at: number): void {
  const now = stationNow();
  if (at >= now) {
    if (presenter.playing) goLive();
    else presenter.at = now;
    return;
  }
  presenter.at = Math.max(0, Math.round(at));
}

/**
 * Replay ticks: each tick moves the board forward by speed × elapsed. Returns the stop.
 * Ticks are twice a second, so 600× moves five minutes a tick and panels reload each time.
 */
export function startReplayClock(tickMs = 500): () => void {
  let last = performance.now();
  const timer = setInterval(() => {
    const t = performance.now();
    const elapsed = t - last;
    last = t;
    if (!presenter.playing || presenter.at == null) return;
    scrubTo(presenter.at + elapsed * presenter.speed);
  }, tickMs);
  return () => clearInterval(timer);
}
