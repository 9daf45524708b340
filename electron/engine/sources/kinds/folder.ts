// Watched folder: CSV/TSV, JSON and JSONL/NDJSON files dropped in a folder are read once each
// (by content hash), after they stop growing (chokidar's awaitWriteFinish), one at a time,
// with progress on the event stream. Not polled: the station starts and stops the watcher.
import fs from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { folderConfig } from '../../../../shared/source-configs';
import { publicSource } from '../../store/sources';
import { importFile, isImportable } from '../records/import';
import { defineSource } from '../types';

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

export const folderSource = defineSource({
  kind: 'folder',
  schema: folderConfig,
  host: () => null,
  watch({ source, config, station }, emit) {
    const dir = path.resolve(config.path);
    const queue: string[] = [];
    let running: Promise<void> | null = null;
    let stopped = false;

    const fail = (message: string): void => {
      const now = station.clock.now();
      station.store.sources.recordFailure(source.id, message, now, null, null);
      const s = station.store.sources.get(source.id);
      if (s) emit({ type: 'source', now, source: publicSource(s) });
    };

    const drain = async (): Promise<void> => {
      while (queue.length && !stopped) {
        const file = queue.shift()!;
        try {
          const r = await importFile(
            station,
            source,
            file,
            {
              contents: config.contents,
              preset: config.preset,
              map: config.map,
              dateFormat: config.dateFormat,
              zone: config.zone,
            },
            (progress) => emit({ type: 'import', now: station.clock.now(), progress }),
          );
          if (stopped) return;
          if (r.state === 'done') {
            const s = station.store.sources.get(source.id);
            if (s) {
              station.store.sources.recordSuccess(source.id, s.poll, station.clock.now(), null, r.inserted);
              emit({ type: 'source', now: station.clock.now(), source: publicSource(station.store.sources.get(source.id)!) });
            }
          }
        } catch (e) {
          if (stopped) return;
          fail(`${path.basename(file)}: ${(e as Error).message}`);
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

    if (!fs.existsSync(dir)) fail(`folder ${dir} does not exist`);
    const watcher = watch(dir, {
      depth: 0,
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: WRITE_SETTLE_MS, pollInterval: 100 },
    });
    watcher.on('ready', () => (ready = true));
    watcher.on('add', found);
    watcher.on('change', found);
    watcher.on('error', (e) => fail(`watching ${dir}: ${(e as Error).message}`));

    return async () => {
      stopped = true;
      await watcher.close();
      await running;
    };
  },
});
