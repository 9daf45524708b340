// Wall mode, for a screen nobody touches: the cursor hides after a few still seconds, the
// picture shifts a few pixels every few minutes against burn-in, boards turn in a playlist
// (?playlist=1,2&dwell=60). A light turning red is every screen's business
// (components/alerts/Takeover.svelte; ?takeover=1 makes it cover the wall). Call while the
// wall component initialises.
import { clock } from '../state/station.svelte';
import { isFrozen } from './presenter.svelte';
import { pixelShift, type Playlist } from './wall';

const IDLE_MS = 3000;

export interface WallModeOptions {
  playlist: Playlist | null;
  /** Turn to the next board of the playlist. */
  next(): void;
  /** The playlist holds still while this is true (the board editor is open). */
  holding(): boolean;
}

export function createWallMode(opts: WallModeOptions) {
  let idle = $state(false);
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

  return {
    get idle() {
      return idle;
    },
    get shift() {
      return shift;
    },
  };
}
