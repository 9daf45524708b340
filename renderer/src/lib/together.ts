// A board's answers applied together. Its panels ask on the same live event; their answers
// come back a few milliseconds apart and, applied as each arrives, made the wall restyle and
// its charts start their update animations once per panel, spread over most of every second
// (issue 16: a 4K wall's frames). Gathered, they are applied in one animation frame once no
// load is in flight, or at the latest `maxWaitMs` after the first answer waiting, so one slow
// panel does not hold the others back for long.

export interface Gather {
  /** A load has started; call what it returns once it has settled, after `apply`. */
  begin(): () => void;
  /** Run `fn` with the other answers waiting (in the order they came). */
  apply(fn: () => void): void;
}

export interface GatherClock {
  /** Run on the next animation frame (a page that cannot draw one runs it as soon as it can). */
  frame(cb: () => void): void;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Thrown again outside the frame, where the page's error reporting sees it. */
const rethrow = (err: unknown) =>
  queueMicrotask(() => {
    throw err;
  });

export function createGather(clock: GatherClock, maxWaitMs = 200, onError: (err: unknown) => void = rethrow): Gather {
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  let deadline: unknown = null;
  let framed = false;

  const flush = () => {
    framed = false;
    if (deadline !== null) clock.clearTimeout(deadline);
    deadline = null;
    const fns = waiting;
    waiting = [];
    for (const fn of fns) {
      try {
        fn();
      } catch (err) {
        // One panel's failure must not keep the others' answers off the wall.
        onError(err);
      }
    }
  };
  const toFrame = () => {
    if (framed) return;
    framed = true;
    clock.frame(flush);
  };

  return {
    begin() {
      inFlight++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight--;
        if (inFlight === 0 && waiting.length > 0) toFrame();
      };
    },
    apply(fn) {
      waiting.push(fn);
      if (inFlight === 0) toFrame();
      else if (deadline === null && !framed) deadline = clock.setTimeout(toFrame, maxWaitMs);
    },
  };
}

/** The page's own clock: an animation frame while the page is shown, a task while it is hidden. */
export const pageClock: GatherClock = {
  frame(cb) {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
      requestAnimationFrame(() => cb());
    } else setTimeout(cb, 0);
  },
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Every feed on the page gathers here. */
export const together: Gather = createGather(pageClock);
