// `fenghuo import <file>`: a CSV/TSV, JSON or JSONL export into a station's data directory,
// read as a watched folder would read it (same presets, same once-per-file rule, refused rows
// in <file>.errors.jsonl), with a progress bar on a terminal and plain lines otherwise.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_PRESETS, type FieldMapping } from '../../shared/source-configs';
import { folderConfig } from '../../shared/source-configs';
import type { ImportProgress } from '../../shared/types';
import { importFile } from '../engine/sources/records/import';
import { formatOf, type PresetName } from '../engine/sources/records/records';
import { Station } from '../engine/station';

export const IMPORT_USAGE = `fenghuo import <file> [--data DIR] [--source NAME] [--preset P] [--gauges]
  file            a .csv, .tsv, .json (array) or .jsonl/.ndjson export
  --data DIR      station data directory (default ~/.fenghuo/station)
  --source NAME   the source the mentions belong to (default "import"; made if missing)
  --preset P      column layout: ${IMPORT_PRESETS.join(', ')} (see docs/import-presets.md)
  --gauges        the file holds gauge readings (gauge, at, value[, unit, capacity])`;

export interface ImportIo {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream;
}

function bar(p: ImportProgress): string {
  const frac = p.bytesTotal ? p.bytesDone / p.bytesTotal : 1;
  const width = 30;
  const full = Math.round(frac * width);
  return `[${'#'.repeat(full)}${' '.repeat(width - full)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${p.rows} rows, ${p.inserted} new`;
}

export async function runImport(argv: string[], io: ImportIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      source: { type: 'string', default: 'import' },
      preset: { type: 'string' },
      gauges: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err.write(`usage: ${IMPORT_USAGE}\n`);
    return 2;
  }
  const abs = path.resolve(file);
  if (!formatOf(abs)) {
    io.err.write(`import: ${file}: not a .csv, .tsv, .json, .jsonl or .ndjson file\n`);
    return 2;
  }
  if (values.preset && !(IMPORT_PRESETS as readonly string[]).includes(values.preset)) {
    io.err.write(`import: --preset must be one of ${IMPORT_PRESETS.join(', ')}\n`);
    return 2;
  }
  const dataDir = path.resolve(values.data ?? path.join(os.homedir(), '.fenghuo', 'station'));
  const station = Station.open({ dataDir });
  try {
    let source = station.store.sources.byName(values.source);
    if (!source) {
      // A disabled folder source records where imports came from; it watches nothing.
      const config = folderConfig.parse({
        path: path.dirname(abs),
        preset: values.preset ?? 'generic',
        contents: values.gauges ? 'gauges' : 'mentions',
      });
      const id = station.store.sources.add({ name: values.source, kind: 'folder', config, enabled: false, intervalSec: 300 }, station.clock.now());
      source = station.store.sources.get(id)!;
    }
    const own = source.kind === 'folder' ? folderConfig.safeParse(source.config) : null;
    const cfg = own?.success ? own.data : null;
    const tty = Boolean(io.out.isTTY);
    let lastLine = -1;
    const result = await importFile(
      station.sources.portFor(source),
      abs,
      {
        contents: values.gauges ? 'gauges' : (cfg?.contents ?? 'mentions'),
        preset: (values.preset ?? cfg?.preset ?? 'generic') as PresetName,
        map: cfg?.map as FieldMapping | undefined,
        dateFormat: cfg?.dateFormat,
        zone: cfg?.zone,
      },
      (p) => {
        if (p.state !== 'reading') return;
        if (tty) io.out.write(`\r${bar(p)}`);
        else {
          const tenth = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 10) : 10;
          if (tenth !== lastLine) io.out.write(`${path.basename(abs)}: ${tenth * 10}% (${p.rows} rows, ${p.inserted} new)\n`);
          lastLine = tenth;
        }
      },
    );
    if (tty) io.out.write(`\r${bar({ ...result, bytesDone: result.bytesTotal })}\n`);
    if (result.state === 'skipped') {
      io.out.write(`${path.basename(abs)}: already imported into "${source.name}" (${result.message}); nothing stored\n`);
      return 0;
    }
    if (result.state === 'failed') {
      io.err.write(`import: ${result.message}\n`);
      return 1;
    }
    const what = values.gauges || cfg?.contents === 'gauges' ? 'readings' : 'new mentions';
    io.out.write(
      `${path.basename(abs)} → "${source.name}": ${result.rows} rows, ${result.inserted} ${what}, ${result.duplicates} duplicates, ${result.errors} refused` +
        (result.errors ? ` (see ${path.basename(abs)}.errors.jsonl)` : '') +
        '\n',
    );
    return 0;
  } finally {
    await station.close();
  }
}
