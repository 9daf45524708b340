// Watched folder: CSV/TSV, JSON and JSONL/NDJSON files dropped in a folder are read once each
// (by content hash), after they stop growing (chokidar's awaitWriteFinish), one at a time,
// with progress on the event stream. Not polled: the runner starts and stops the watcher.
import fs from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { folderConfig } from '../../../../shared/source-configs';
import { decodeTextFile } from '../records/text';
import { importFile, isImportable } from '../records/import';
import { formatOf, mapMentions, readRecords, resolveMapping } from '../records/records';
import { defineSource, type IncomingItem } from '../types';

/** A file is complete once its size has not changed for this long. */
export const WRITE_SETTLE_MS = 700;

/** Resolves once the file's size and mtime have not changed for WRITE_SETTLE_MS. */
async function settled(file: string, stopped: () => boolean): Promise<void> {
  let last = '';
  let since = Date.now();
  while (!stopped()) {
    const st = await fs.promises.stat(file).catch(() => null);
    const sig = st ? `${st.size}:${st.mtimeMs}` : 'gone';
    if (sig !== last) {
      last = sig;
      since = Date.now();
    } else if (Date.now() - since >= WRITE_SETTLE_MS) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many items a preview (sources.test) reads before it stops. */
const PREVIEW_ITEMS = 20;

export const folderSource = defineSource({
  kind: 'folder',
  schema: folderConfig,
  host: () => null,
  watch({ config, port }) {
    const dir = path.resolve(config.path);
    const queue: string[] = [];
    let running: Promise<void> | null = null;
    let stopped = false;

    const drain = async (): Promise<void> => {
      while (queue.length && !stopped) {
        const file = queue.shift()!;
        try {
          const r = await importFile(
            port,
            file,
            {
              contents: config.contents,
              preset: config.preset,
              map: config.map,
              dateFormat: config.dateFormat,
              zone: config.zone,
              stopped: () => stopped,
            },
            (progress) => port.importing(progress),
          );
          if (stopped) return;
          if (r.state === 'done') port.succeeded();
        } catch (e) {
          if (stopped) return;
          port.failed(`${path.basename(file)}: ${(e as Error).message}`);
        }
      }
    };

    const enqueue = (file: string): void => {
      if (stopped || !isImportable(file) || queue.includes(file)) return;
      queue.push(file);
      running ??= drain().finally(() => (running = null));
    };
    // chokidar waits for writes to finish only after its first scan; a file found by that
    // scan may still be growing (the station started mid-copy), so it gets the same wait here.
    let ready = false;
    const settling = new Set<string>();
    const found = (file: string): void => {
      if (ready) return enqueue(file);
      if (settling.has(file) || !isImportable(file)) return;
      settling.add(file);
      void settled(file, () => stopped).then(() => {
        settling.delete(file);
        enqueue(file);
      });
    };

    if (!fs.existsSync(dir)) port.failed(`folder ${dir} does not exist`);
    const watcher = watch(dir, {
      depth: 0,
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: WRITE_SETTLE_MS, pollInterval: 100 },
    });
    watcher.on('ready', () => (ready = true));
    watcher.on('add', found);
    watcher.on('change', found);
    watcher.on('error', (e) => port.failed(`watching ${dir}: ${(e as Error).message}`));

    return async () => {
      stopped = true;
      await watcher.close();
      await running;
    };
  },
  /** The first files of the folder, read as they would be, stored nowhere. */
  async preview({ config }) {
    const dir = path.resolve(config.path);
    let names: string[];
    try {
      names = (await fs.promises.readdir(dir)).sort();
    } catch (e) {
      throw new Error(`folder ${dir}: ${(e as Error).message}`);
    }
    const items: IncomingItem[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      const format = formatOf(file);
      if (!isImportable(file) || !format) continue;
      const records = readRecords(decodeTextFile(await fs.promises.readFile(file)).text, format);
      const { map, dates } = resolveMapping(records, config.preset, config.map, { format: config.dateFormat, zone: config.zone });
      for (const m of mapMentions(records, map, dates)) if (m.value) items.push(m.value);
      if (items.length >= PREVIEW_ITEMS) break;
    }
    return items;
  },
});
