// The page's one beat. Every blink on a wall — a red lamp, the red header, the alarm box's
// glow, the live dot — shows and hides on it: the page's root carries `data-beat` ('on' for
// BEAT_MS, then 'off' as long) and `data-slow-beat` (half as fast), and the CSS shows or
// hides on them. A CSS animation, stepped or not, made the browser restyle its element on every
// frame as long as it ran: a 4K wall in crisis restyled ~620 elements a second, in every one of
// its 60 frames, for a look that changed twice a second. Changed here, only the blinking
// elements are restyled, twice a beat, and every red thing on the wall blinks together, like
// one beacon. A screen that asks for reduced motion gets no beat ('still' on both): every blink
// holds its resting look (a lamp's plain face, the alarm box's glow, the live dot lit).

import { pageTurns, TICK_MS } from './turns';

/** On the page's ticks (lib/turns.ts): the panels' changes and their animations land between. */
export const BEAT_MS = TICK_MS;

export interface BeatHost {
  root: { dataset: DOMStringMap };
  /** Whether the screen asks for reduced motion now, and a way to hear it change. */
  reducedMotion(): boolean;
  onMotionChange(cb: () => void): () => void;
  setInterval(cb: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Starts the beat on `host`; returns the stop. */
export function startBeat(host: BeatHost): () => void {
  let n = 0;
  let timer: unknown = null;
  const show = () => {
    const still = host.reducedMotion();
    const beat = still ? 'still' : n % 2 === 0 ? 'off' : 'on';
    const slow = still ? 'still' : Math.floor(n / 2) % 2 === 0 ? 'on' : 'off';
    const ds = host.root.dataset;
    // Set only when it changes: an unchanged attribute written again still restyles.
    if (ds.beat !== beat) ds.beat = beat;
    if (ds.slowBeat !== slow) ds.slowBeat = slow;
  };
  const arm = () => {
    if (timer !== null) host.clearInterval(timer);
    timer = null;
    n = 0;
    show();
    if (!host.reducedMotion()) {
      timer = host.setInterval(() => {
        n++;
        show();
      }, BEAT_MS);
    }
  };
  arm();
  const stopListening = host.onMotionChange(arm);
  return () => {
    stopListening();
    if (timer !== null) host.clearInterval(timer);
    timer = null;
  };
}

/** The page's own host: its root element and the screen's motion setting. */
export function pageBeatHost(): BeatHost {
  const query = window.matchMedia('(prefers-reduced-motion: reduce)');
  return {
    root: document.documentElement,
    reducedMotion: () => query.matches,
    onMotionChange(cb) {
      query.addEventListener('change', cb);
      return () => query.removeEventListener('change', cb);
    },
    setInterval: (cb) => pageTurns.ticks(cb),
    clearInterval: (stop) => (stop as () => void)(),
  };
}
