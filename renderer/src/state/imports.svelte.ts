// Files being read from watched folders (the `import` events): the latest progress of each
// file, newest first, so the Sources view can show what a folder source is doing right now.
import type { ImportProgress } from '../../../shared/types';

/** Finished files stay listed this long, so the operator sees how it went. */
const KEEP_DONE_MS = 10 * 60_000;

export interface FileImport extends ImportProgress {
  /** Station time of the last progress report. */
  at: number;
}

export const imports = $state({ list: [] as FileImport[] });

export function trackImport(progress: ImportProgress, at: number): void {
  const rest = imports.list.filter(
    (x) => !(x.sourceId === progress.sourceId && x.file === progress.file) && (x.state === 'reading' || at - x.at < KEEP_DONE_MS),
  );
  imports.list = [{ ...progress, at }, ...rest];
}

/** The files of one source, newest first. */
export function importsOf(sourceId: number): FileImport[] {
  return imports.list.filter((x) => x.sourceId === sourceId);
}
