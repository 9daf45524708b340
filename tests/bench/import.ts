// Import bench: a CSV export of --import-rows rows (mixed 繁中/简中/English posts from the demo
// corpus, the columns a monitoring export has) written once into --import-dir and reused, then
// imported through the path a folder source and `fenghuo import` take (importIntoStation →
// importFile: hash, decode, map, analyse, store in slices). Figures: rows/s overall and per
// tenth of the file (does it slow as the store grows?), CPU, peak memory, the station file's
// bytes per row; beside it, in the same run, the same rows read and mapped alone and inserted
// raw into a bare table, so the ratio to the physical limit is visible.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { importIntoStation } from '../../electron/engine/api/sources';
import { loadCorpus } from '../../electron/engine/sources/kinds/replay';
import { mapMentions, readRecordStream, resolveMapping, type FileRecord } from '../../electron/engine/sources/records/records';
import { inspectTextFile } from '../../electron/engine/sources/records/text';
import type { IncomingItem } from '../../electron/engine/sources/types';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';
import { round1 } from './figures';

const COLUMNS = ['id', 'title', 'text', 'url', 'author', 'published_at', 'reach', 'tags', 'lang'];
/** The export ends here and spans a year, so the file is the same bytes on every run. */
const END = Date.UTC(2026, 10, 30);
const YEAR_MS = 365 * 86_400_000;

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The export's file for `rows` rows in `dir`: written when missing or not whole, else reused. */
export async function exportFile(dir: string, rows: number, log: (s: string) => void): Promise<{ file: string; reused: boolean }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `export-${rows}.csv`);
  const done = `${file}.size`;
  const expected = fs.existsSync(done) ? Number(fs.readFileSync(done, 'utf8')) : -1;
  if (fs.existsSync(file) && fs.statSync(file).size === expected) return { file, reused: true };
  log(`bench import: writing ${rows.toLocaleString('en')} rows to ${file} …\n`);
  const corpus = loadCorpus('demo').items;
  const part = `${file}.part`;
  const out = fs.createWriteStream(part);
  out.write(COLUMNS.join(',') + '\n');
  for (let i = 0; i < rows; i++) {
    const c = corpus[i % corpus.length]!;
    const at = new Date(END - YEAR_MS + Math.floor((i / rows) * YEAR_MS)).toISOString();
    const line = [
      `exp-${i}`,
      csvCell(c.title ?? ''),
      csvCell(`${c.text} #${i}`),
      c.url ? `${c.url}?r=${i}` : '',
      csvCell(c.author ?? ''),
      at,
      String(c.reach ?? 0),
      csvCell((c.text.match(/#[^\s#，。]+/g) ?? []).join(';')),
      c.lang ?? '',
    ].join(',');
    if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  fs.renameSync(part, file);
  fs.writeFileSync(done, String(fs.statSync(file).size));
  return { file, reused: false };
}

const cpuSec = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const vmHwmMb = (): number => {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? round1(Number(m[1]) / 1024) : NaN;
};

/** The same rows read and mapped alone (timed), then into a bare table (timed apart). */
async function readAndRawInsert(file: string, dir: string): Promise<Record<'readPerSec' | 'readPerCpuSec' | 'rawInsertPerSec' | 'rawInsertPerCpuSec' | 'rows', number>> {
  const info = await inspectTextFile(file);
  const raw = new Database(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, guid TEXT, title TEXT, text TEXT, url TEXT, author TEXT, published_at INT, reach INT, tags TEXT, lang TEXT)');
  const ins = raw.prepare('INSERT INTO m (guid, title, text, url, author, published_at, reach, tags, lang) VALUES (?,?,?,?,?,?,?,?,?)');
  const tx = raw.transaction((items: IncomingItem[]) => {
    for (const r of items) ins.run(r.guid, r.title, r.text, r.url, r.author, r.publishedAt, r.reach, JSON.stringify(r.tags ?? []), r.lang);
  });
  let mapping: ReturnType<typeof resolveMapping> | null = null;
  let readMs = 0;
  let insertMs = 0;
  let readCpu = 0;
  let insertCpu = 0;
  let rows = 0;
  let t = performance.now();
  let c = cpuSec();
  for await (const records of readRecordStream(file, 'csv', info) as AsyncGenerator<FileRecord[]>) {
    mapping ??= resolveMapping(records, 'generic', undefined, {});
    const items = mapMentions(records, mapping.map, mapping.dates).flatMap((m) => (m.value ? [m.value] : []));
    readMs += performance.now() - t;
    readCpu += cpuSec() - c;
    (t = performance.now()), (c = cpuSec());
    tx(items);
    rows += items.length;
    insertMs += performance.now() - t;
    insertCpu += cpuSec() - c;
    (t = performance.now()), (c = cpuSec());
  }
  raw.close();
  return {
    rows,
    readPerSec: Math.round((rows / readMs) * 1000),
    readPerCpuSec: Math.round(rows / readCpu),
    rawInsertPerSec: Math.round((rows / insertMs) * 1000),
    rawInsertPerCpuSec: Math.round(rows / insertCpu),
  };
}

export async function benchImport(opts: { rows: number; dir?: string; log?: (s: string) => void }): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s));
  const dir = path.resolve(opts.dir ?? path.join(os.tmpdir(), 'fh-bench-import'));
  const t0 = performance.now();
  const { file, reused } = await exportFile(dir, opts.rows, log);
  const writeSeconds = round1((performance.now() - t0) / 1000);
  const bytes = fs.statSync(file).size;
  const work = fs.mkdtempSync(path.join(dir, 'run-'));
  try {
    const st = Station.open({ dataDir: path.join(work, 'station') });
    const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../resources/demo/station.json'), 'utf8')) as {
      topics: { name: string; query: string; color: string }[];
    };
    for (const topic of spec.topics) await callApi(st, 'topics.save', { topic }, 'admin');

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const tenths: { pct: number; rows: number; seconds: number; rowsPerSec: number }[] = [];
    let last = { at: performance.now(), rows: 0, tenth: 0 };
    let lastLog = performance.now();
    const start = performance.now();
    const cpu0 = cpuSec();
    const { result } = await importIntoStation(st, { path: file, source: 'bench import', gauges: false }, (p) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const now = performance.now();
      const tenth = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 10) : 0;
      if (tenth > last.tenth) {
        const s = (now - last.at) / 1000;
        tenths.push({ pct: tenth * 10, rows: p.rows, seconds: round1(s), rowsPerSec: Math.round((p.rows - last.rows) / s) });
        last = { at: now, rows: p.rows, tenth };
      }
      if (now - lastLog > 30_000) {
        lastLog = now;
        const s = (now - start) / 1000;
        log(`bench import: ${p.rows.toLocaleString('en')} rows in ${Math.round(s)} s (${Math.round(p.rows / s)}/s), ${Math.round((p.bytesDone / (p.bytesTotal || 1)) * 100)}%\n`);
      }
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = cpuSec() - cpu0;
    clearInterval(sampler);
    const hwm = vmHwmMb();
    const mentions = st.store.mentions.count();
    await st.close();
    const dbFiles = fs.readdirSync(path.join(work, 'station')).filter((f) => f.startsWith('station.db'));
    const dbBytes = dbFiles.reduce((n, f) => n + fs.statSync(path.join(work, 'station', f)).size, 0);

    log('bench import: the same rows read alone and inserted raw …\n');
    const limit = await readAndRawInsert(file, work);
    const rowsPerSec = Math.round(result.rows / seconds);
    const rowsPerCpuSec = Math.round(result.rows / cpu);
    return {
      rows: result.rows,
      stored: mentions,
      inserted: result.inserted,
      duplicates: result.duplicates,
      refused: result.errors,
      file: { path: file, mb: round1(bytes / 1024 / 1024), bytesPerRow: Math.round(bytes / opts.rows), reused, writeSeconds: reused ? null : writeSeconds },
      seconds: round1(seconds),
      rowsPerSec,
      rowsPerCpuSec,
      byTenthOfFile: tenths,
      peakRssMb: round1(peakRss / 1024 / 1024),
      vmHwmMb: hwm,
      memoryLimitMb: 300,
      stationFile: { mb: round1(dbBytes / 1024 / 1024), bytesPerRow: Math.round(dbBytes / Math.max(1, mentions)) },
      readAndMapAlonePerSec: limit.readPerSec,
      readAndMapAlonePerCpuSec: limit.readPerCpuSec,
      rawInsertPerSec: limit.rawInsertPerSec,
      rawInsertPerCpuSec: limit.rawInsertPerCpuSec,
      ratioToRaw: Math.round((rowsPerSec / limit.rawInsertPerSec) * 1000) / 1000,
      ratioToRawCpu: Math.round((rowsPerCpuSec / limit.rawInsertPerCpuSec) * 1000) / 1000,
      ratioLimit: 0.25,
      note: 'import = importIntoStation (what `fenghuo import` and a folder source run): hash, decode, CSV, map, analyse, dedupe, insert + topic links + rollups in slices; raw = the same mapped rows into a bare table, 1 transaction per read chunk, same run, after the import (wall-clock ratios move with the load on the machine between the two; the CPU ratio does not)',
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
