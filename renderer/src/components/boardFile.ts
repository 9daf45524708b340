// The board editor's JSON export and import.
import type { Board, Panel } from '../../../shared/types';
import { downloadBlob } from '../lib/download';

export function exportBoardJson(draft: Board): void {
  const body = JSON.stringify({ name: draft.name, panels: draft.panels }, null, 2);
  downloadBlob(`fenghuo-board-${draft.id}.json`, new Blob([body], { type: 'application/json' }));
}

/** A board file's name (null when it has none) and panels; throws when it is not one. */
export async function readBoardJson(file: File): Promise<{ name: string | null; panels: Panel[] }> {
  const data = JSON.parse(await file.text()) as { name?: unknown; panels?: unknown };
  if (!Array.isArray(data.panels)) throw new Error('"panels" must be a list');
  return { name: typeof data.name === 'string' ? data.name : null, panels: data.panels as Panel[] };
}
