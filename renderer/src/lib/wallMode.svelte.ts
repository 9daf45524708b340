// Wall mode, for a screen nobody touches: the cursor hides after a few still seconds, the
// picture shifts a few pixels every few minutes against burn-in, boards turn in a playlist
// (?playlist=1,2&dwell=60), and with ?takeover=1 a light turning red takes over the screen
// for 30 s or until dismissed. Call while the wall component initialises.
import type { Alert } from '../../../shared/types';
import { clock } from '../state/station.svelte';
import { onAlert } from '../state/alerts.svelte';
import { isFrozen } from './presenter.svelte';
import { pixelShift, type Playlist } from './wall';

/** A takeover clears itself: a wall nobody touches must not stay covered. */
const TAKEOVER_MS = 30_000;
const IDLE_MS = 3000;

export interface WallModeOptions {
  playlist: Playlist | null;
  takeover: boolean;
  /** Turn to the next board of the playlist. */
  next(): void;
  /** The playlist holds still while this is true (the board editor is open). */
  holding(): boolean;
}

export function createWallMode(opts: WallModeOptions) {
  let idle = $state(false);
  let takeover = $state.raw<Alert | null>(null);
  const shift = $derived(pixelShift(clock.now));

  $effect(() => {
    let timer = setTimeout(() => (idle = true), IDLE_MS);
    const wake = () => {
      idle = false;
      clearTimeout(timer);
      timer = setTimeout(() => (idle = true), IDLE_MS);
    };
    window.addEventListener('mousemove', wake);
    window.addEventListener('pointerdown', wake);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('mousemove', wake);
      window.removeEventListener('pointerdown', wake);
    };
  });

  // The playlist turns the page every dwell; a frozen board stays put.
  $effect(() => {
    const playlist = opts.playlist;
    if (!playlist || playlist.boards.length < 2) return;
    const timer = setInterval(() => !isFrozen() && !opts.holding() && opts.next(), playlist.dwellSec * 1000);
    return () => clearInterval(timer);
  });

  $effect(() =>
    onAlert((a) => {
      if (opts.takeover && a.to === 'red' && !isFrozen()) takeover = a;
    }),
  );
  $effect(() => {
    if (!takeover) return;
    const timer = setTimeout(() => (takeover = null), TAKEOVER_MS);
    return () => clearTimeout(timer);
  });

  return {
    get idle() {
      return idle;
    },
    get shift() {
      return shift;
    },
    /** The red light covering the screen, if any. */
    get takeover() {
      return takeover;
    },
    dismiss(): void {
      takeover = null;
    },
  };
}
