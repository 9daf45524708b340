// What this screen tells the station of itself on its event stream, once it is connected and
// every 30 s after (the station room lists it beside the screen): the view and the board it
// shows, whether it is drawing — the frames it drew in a second sampled just before — its size,
// its page's memory and its language. A wall that froze, hid or leaks says so from across town.
import type { ScreenReport } from '../../../shared/api/station';

export const REPORT_EVERY_MS = 30_000;

/** The board the wall shows, by name (the wall view sets it while it is mounted). */
export const showing: { board: string | null } = { board: null };

/** Frames drawn over about `ms`: null when the page is hidden (a browser then draws nothing). */
export function sampleFps(ms = 1000): Promise<number | null> {
  if (document.visibilityState !== 'visible') return Promise.resolve(null);
  return new Promise((resolve) => {
    let frames = 0;
    let first = 0;
    let done = false;
    const finish = (value: number | null) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    const step = (t: number) => {
      if (done) return;
      if (frames === 0) first = t;
      frames++;
      if (t - first >= ms) finish(Math.round(((frames - 1) * 1000) / (t - first)));
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    // A page that draws nothing at all (frozen, or hidden meanwhile) still answers: 0 frames.
    setTimeout(() => finish(frames <= 1 ? 0 : Math.round(((frames - 1) * 1000) / Math.max(1, performance.now() - first))), ms * 3);
  });
}

export async function buildReport(view: string, lang: string): Promise<ScreenReport & { type: 'report' }> {
  const fps = await sampleFps();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  const ratio = window.devicePixelRatio || 1;
  return {
    type: 'report',
    view: view.slice(0, 40),
    board: view === 'wall' && showing.board ? showing.board.slice(0, 200) : null,
    fps,
    visible: document.visibilityState === 'visible',
    heapMb: memory ? Math.round((memory.usedJSHeapSize / 1024 / 1024) * 10) / 10 : null,
    width: Math.round(window.innerWidth * ratio),
    height: Math.round(window.innerHeight * ratio),
    lang: lang.slice(0, 20),
  };
}
