// `fenghuo import <file>`: a CSV/TSV, JSON or JSONL export into a station's data directory,
// read as a watched folder would read it (same presets, same once-per-file rule, refused rows
// in <file>.errors.jsonl), with progress on stderr — a bar with the rate and the time left on a
// terminal, a line each tenth of the file otherwise — and the summary on stdout. When a
// station is serving that folder (its <data>/serving.json), the file is handed to it
// (sources.importFile) and it does the reading; otherwise the folder is opened here, waiting
// its turn if another program holds the file.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { roundTimeLeft, spanParts } from '../../shared/import-pace';
import { IMPORT_PRESETS } from '../../shared/source-configs';
import type { ImportProgress } from '../../shared/types';
import { importIntoStation, type ImportRequest } from '../engine/api/sources';
import { formatOf, type PresetName } from '../engine/sources/records/records';
import { Station } from '../engine/station';
import { SERVING_FILE, type Serving } from '../server/serve';
import { dataDirOf } from './data-dir';

export const IMPORT_USAGE = `fenghuo import <file> [--data DIR] [--source NAME] [--preset P] [--gauges]
  file            a .csv, .tsv, .json (array) or .jsonl/.ndjson export
  --data DIR      station data directory (default ~/.fenghuo/station)
  --source NAME   the source the mentions belong to (default "import"; made if missing)
  --preset P      column layout: ${IMPORT_PRESETS.join(', ')} (see docs/import-presets.md)
  --gauges        the file holds gauge readings (gauge, at, value[, unit, capacity])`;

export interface ImportIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

const num = (n: number) => n.toLocaleString('en');

const UNIT = { hour: 'h', minute: 'min', second: 's' } as const;

/** A length of time as people say it: "45 s", "4 min 12 s", "1 h 20 min". */
export function span(seconds: number): string {
  return spanParts(seconds).map(([n, unit]) => `${n} ${UNIT[unit]}`).join(' ');
}

/** Time left, no more precise than it can be: "about 40 s left", "about 3 min left". */
export function timeLeft(seconds: number): string {
  return `about ${span(roundTimeLeft(seconds))} left`;
}

/** The terminal's progress line: bar, percent, rows, the recent rate and the time left. */
export function progressBar(p: ImportProgress): string {
  const frac = p.bytesTotal ? p.bytesDone / p.bytesTotal : 1;
  const width = 30;
  const full = Math.round(frac * width);
  const pace = [p.rowsPerSec !== null ? `${num(p.rowsPerSec)} rows/s` : null, p.secondsLeft ? timeLeft(p.secondsLeft) : null].filter(Boolean);
  return `[${'#'.repeat(full)}${' '.repeat(width - full)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${num(p.rows)} rows, ${num(p.inserted)} new${pace.length ? ' · ' + pace.join(' · ') : ''}`;
}

/** How long the whole reading took: "1,234,567 rows in 4 min 12 s, 4,890/s". */
export function tookLine(p: ImportProgress): string {
  return `${num(p.rows)} rows in ${span(p.elapsedMs / 1000)}${p.rowsPerSec !== null ? `, ${num(p.rowsPerSec)}/s` : ''}`;
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
  const dataDir = dataDirOf(values.data);
  const req: ImportRequest = {
    path: abs,
    source: values.source,
    preset: values.preset as PresetName | undefined,
    gauges: values.gauges,
  };
  const summary = (result: ImportProgress, source: string, contents: 'mentions' | 'gauges'): number => {
    if (result.state === 'skipped') {
      io.out.write(`${path.basename(abs)}: already imported into "${source}" (${result.message}); nothing stored\n`);
      return 0;
    }
    if (result.state === 'failed') {
      io.err.write(`import: ${result.message}\n`);
      return 1;
    }
    const what = contents === 'gauges' ? 'readings' : 'new mentions';
    io.out.write(
      `${path.basename(abs)} → "${source}": ${result.rows} rows, ${result.inserted} ${what}, ${result.duplicates} duplicates, ${result.errors} refused` +
        (result.errors ? ` (see ${path.basename(abs)}.errors.jsonl)` : '') +
        (result.clipped ? `, ${result.clipped} clipped` : '') +
        `; ${tookLine(result)}\n`,
    );
    return 0;
  };

  // A station serving this folder takes the file itself: its walls see the rows come in, and
  // the two never write the file at once.
  const serving = servingStation(dataDir);
  if (serving) {
    io.out.write(`${path.basename(abs)}: the station at ${serving.url} (pid ${serving.pid}) serves ${dataDir}; handing the file to it …\n`);
    const answer = await handOver(serving, req).catch((e: Error) => ({ status: 0, body: { error: { message: e.message } } }));
    if (answer.status === 200) {
      const result = answer.body as ImportProgress;
      return summary(result, req.source, req.gauges ? 'gauges' : 'mentions');
    }
    if (answer.status !== 0) {
      io.err.write(`import: the station refused the file: ${(answer.body as { error?: { message?: string } }).error?.message ?? answer.status}\n`);
      return 1;
    }
    io.out.write(`${path.basename(abs)}: the station did not answer (${(answer.body as { error: { message: string } }).error.message}); importing here, taking turns at the file\n`);
  }

  const station = Station.open({ dataDir });
  try {
    const tty = Boolean(io.err.isTTY);
    let lastLine = -1;
    let drawn = 0;
    const { result, source, contents } = await importIntoStation(station, req, (p) => {
      if (p.state !== 'reading') return;
      if (tty) {
        // A redraw a few times a second is enough to read; more only costs the terminal.
        if (performance.now() - drawn < 200) return;
        drawn = performance.now();
        io.err.write(`\r${progressBar(p)}\x1b[K`);
      } else {
        const tenth = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 10) : 10;
        const pace = p.rowsPerSec !== null ? `, ${num(p.rowsPerSec)} rows/s${p.secondsLeft ? `, ${timeLeft(p.secondsLeft)}` : ''}` : '';
        if (tenth !== lastLine) io.err.write(`${path.basename(abs)}: ${tenth * 10}% (${p.rows} rows, ${p.inserted} new${pace})\n`);
        lastLine = tenth;
      }
    });
    if (tty && result.state !== 'skipped') io.err.write(`\r${progressBar({ ...result, bytesDone: result.bytesTotal, rowsPerSec: null })}\x1b[K\n`);
    return summary(result, source, contents);
  } finally {
    await station.close();
  }
}

/** The station serving `dataDir`, from its serving.json, when its process is alive. */
function servingStation(dataDir: string): Serving | null {
  let serving: Serving;
  try {
    serving = JSON.parse(fs.readFileSync(path.join(dataDir, SERVING_FILE), 'utf8')) as Serving;
  } catch {
    return null;
  }
  if (!Number.isInteger(serving.pid) || typeof serving.url !== 'string' || typeof serving.token !== 'string') return null;
  try {
    process.kill(serving.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return null; // left by a station that died
  }
  return serving;
}

/** POST sources.importFile to the station, with no time limit (a big file takes minutes). */
function handOver(serving: Serving, req: ImportRequest): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify(req);
  const url = new URL('/api/sources.importFile', serving.url);
  return new Promise((resolve, reject) => {
    const r = http.request(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${serving.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}
