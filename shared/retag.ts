// A topic's stored history re-tagged the way every screen and the command line do it: newest
// stretch first, so the wall shows the recent stretch right away, then further back, each
// stretch ending where the one before began (nothing is read twice). Engine-free: the caller
// hands in how to ask the station (`topics.retag`).

/** The stretches, in days back from now; 0 is all the rest. */
export const RETAG_STRETCHES = [1, 7, 30, 365, 0] as const;

export interface RetagAnswer {
  tagged: number;
  scanned: number;
  /** Where the stretch began: the next one ends there. */
  from: number;
}

/**
 * Re-tags topic `id` stretch by stretch through `retag`; `onStretch` hears each one as it starts
 * (`step` of `of`, its days) and `onDone` as it ends. Returns the sums: mentions the topic holds,
 * mentions read.
 */
export async function retagInStretches(
  id: number,
  retag: (params: { id: number; days?: number; before?: number }) => Promise<RetagAnswer>,
  hear: { onStretch?: (step: number, of: number, days: number) => void; onDone?: (step: number, days: number, answer: RetagAnswer) => void } = {},
): Promise<{ tagged: number; scanned: number }> {
  let tagged = 0;
  let scanned = 0;
  let before: number | undefined;
  for (const [i, days] of RETAG_STRETCHES.entries()) {
    hear.onStretch?.(i, RETAG_STRETCHES.length, days);
    const r = await retag({ id, ...(days ? { days } : {}), ...(before != null ? { before } : {}) });
    tagged += r.tagged;
    scanned += r.scanned;
    before = r.from;
    hear.onDone?.(i, days, r);
  }
  return { tagged, scanned };
}
