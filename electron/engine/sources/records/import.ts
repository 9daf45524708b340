// One file of records into a station: read once (by content hash per source), decode, map,
// store in slices with progress, and write the refused rows to a sidecar
// `<file>.errors.jsonl` ({line, reason} per line) while the good rows are kept. Used by the
// watched folder and by `fenghuo import`.
//
// The file is streamed twice — once for its hash and encoding (text.ts), once to read it — so
// memory does not grow with its size; rows are stored SLICE at a time with the event loop free
// between slices, and refused rows go to the sidecar as they are found.
import fs from 'node:fs';
import path from 'node:path';
import type { FieldMapping } from '../../../../shared/source-configs';
import type { ImportProgress } from '../../../../shared/types';
import { BULK_SLICE, ingestInSlices, Pacer, SLICE, SliceSizer } from '../slices';
import { ImportRate } from './import-rate';
import { formatOf, mapGaugeRows, mapMentions, readRecordStream, resolveMapping, type FileRecord, type GaugeRow, type PresetName } from './records';
import { inspectTextFile, type TextFileInfo } from './text';
import type { IncomingItem, IngestResult, RecordSink } from '../types';

export interface ImportOptions {
  contents: 'mentions' | 'gauges';
  preset: PresetName;
  map?: FieldMapping | undefined;
  dateFormat?: string | undefined;
  zone?: string | undefined;
  /**
   * Asked between batches: true stops the import there (the station is stopping). What was
   * stored stays; the file is not marked as read, so the next start reads it again and the
   * rows already stored are recognised as duplicates.
   */
  stopped?: () => boolean;
}

/** Thrown between batches when `ImportOptions.stopped` says so. */
class ImportStopped extends Error {}

export const SIDECAR_SUFFIX = '.errors.jsonl';

export function sidecarPath(file: string): string {
  return file + SIDECAR_SUFFIX;
}

/** Files a folder source reads: known formats, not our own sidecars, not hidden or temporary. */
export function isImportable(file: string): boolean {
  const base = path.basename(file);
  if (base.startsWith('.') || base.startsWith('~$') || base.endsWith(SIDECAR_SUFFIX)) return false;
  return formatOf(file) !== null;
}

/** Refused rows, written to the sidecar as they come (the file is made only when there is one). */
class Sidecar {
  private fh: fs.promises.FileHandle | null = null;
  count = 0;
  constructor(readonly file: string) {}
  async add(rows: { line: number; reason: string }[]): Promise<void> {
    if (!rows.length) return;
    this.fh ??= await fs.promises.open(this.file, 'w');
    this.count += rows.length;
    await this.fh.write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  async close(): Promise<void> {
    if (this.fh) await this.fh.close();
    else await fs.promises.rm(this.file, { force: true });
  }
}

/**
 * Slices handed to the analysis thread before the oldest must have been written: 2 keeps one
 * thread busy while this thread writes (3 and slices of 1,000 were no faster on 2 cores and took
 * 120 MB more); a station with more analysis threads asks for one more each (sink.bulkInFlight).
 */
const IN_FLIGHT = 2;

/** Bulk slices in flight, oldest first; the first failure is kept and thrown at the next look. */
class InFlight {
  private jobs: Promise<void>[] = [];
  failed: Error | null = null;
  add(job: Promise<void>): void {
    // Caught at once (a rejection nobody awaits yet would be unhandled), thrown by keep().
    this.jobs.push(job.catch((e: Error) => void (this.failed ??= e)));
  }
  /** Wait until at most `n` are in flight; throw the first failure. */
  async keep(n: number): Promise<void> {
    while (this.jobs.length > n) await this.jobs.shift();
    if (this.failed) throw this.failed;
  }
  /** Wait for every one, failed or not (nothing may still write once the import returns). */
  async settle(): Promise<void> {
    while (this.jobs.length) await this.jobs.shift();
  }
}

export async function importFile(
  sink: RecordSink,
  file: string,
  opts: ImportOptions,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportProgress> {
  const format = formatOf(file);
  const p: ImportProgress = {
    sourceId: sink.sourceId,
    file,
    state: 'reading',
    bytesDone: 0,
    bytesTotal: 0,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    errors: 0,
    clipped: 0,
    startedAt: null,
    elapsedMs: 0,
    rowsPerSec: null,
    secondsLeft: null,
    message: null,
  };
  if (!format) return { ...p, state: 'failed', message: `${path.basename(file)}: not a CSV, TSV, JSON or JSONL file` };
  let info: TextFileInfo;
  try {
    info = await inspectTextFile(file);
  } catch (e) {
    return { ...p, state: 'failed', message: `${path.basename(file)}: ${(e as Error).message}` };
  }
  p.bytesTotal = info.size;
  const before = sink.files.seen(info.sha256);
  if (before) {
    const done = { ...p, state: 'skipped' as const, bytesDone: info.size, message: `already read as ${path.basename(before.file)}` };
    onProgress(done);
    return done;
  }
  const now = sink.clock.now();
  p.startedAt = now;
  const rate = new ImportRate(sink.clock, info.size);
  onProgress({ ...p });
  const sidecar = new Sidecar(sidecarPath(file));
  const pacer = new Pacer();
  const bulk = new InFlight();
  // `rows`: the rows read up to the slice just stored (reading runs ahead of the analysis thread).
  const progress = (at: number, rows = p.rows) => {
    p.bytesDone = Math.round(at * info.size);
    Object.assign(p, rate.at(rows, p.bytesDone));
    onProgress({ ...p, rows });
  };
  try {
    if (opts.contents === 'gauges') {
      const spec = { format: opts.dateFormat ?? 'iso', zone: opts.zone ?? 'Z' };
      for await (const records of readRecordStream(file, format, info)) {
        p.rows += records.length;
        const byGauge = new Map<string, { line: number; row: GaugeRow }[]>();
        const bad: { line: number; reason: string }[] = [];
        for (const r of mapGaugeRows(records, spec, now)) {
          if (!r.value) bad.push({ line: r.line, reason: r.error ?? 'unreadable' });
          else byGauge.set(r.value.gauge, [...(byGauge.get(r.value.gauge) ?? []), { line: r.line, row: r.value }]);
        }
        for (const [name, list] of byGauge) {
          const unit = list.find((x) => x.row.unit)?.row.unit;
          const capacity = list.find((x) => x.row.capacity)?.row.capacity;
          try {
            sink.recordGauge(name, { unit, capacity }, list.map((x) => x.row));
            p.inserted += list.length;
          } catch (e) {
            for (const x of list) bad.push({ line: x.line, reason: (e as Error).message });
          }
        }
        await sidecar.add(bad.sort((a, b) => a.line - b.line));
        if (records.length) progress(records.at(-1)!.at);
        await pacer.pace();
        if (opts.stopped?.()) throw new ImportStopped();
      }
    } else {
      const dates = { format: opts.dateFormat, zone: opts.zone };
      let mapping: ReturnType<typeof resolveMapping> | null = null;
      let slice: IncomingItem[] = [];
      let lastAt = 0;
      const sizer = new SliceSizer();
      // A file goes to the analysis thread BULK_SLICE rows at a time, else SLICE.
      const sliceOf = sink.ingestBulk ? BULK_SLICE : SLICE;
      const tally = (r: IngestResult, at: number, rows: number) => {
        p.inserted += r.inserted;
        p.duplicates += r.duplicates;
        p.clipped = (p.clipped ?? 0) + (r.clipped ?? 0);
        progress(at, rows);
      };
      const store = async () => {
        if (!slice.length) return;
        const items = slice;
        const at = lastAt;
        const rows = p.rows;
        slice = [];
        if (bulk.failed) throw bulk.failed;
        if (sink.ingestBulk) {
          // The analysis thread takes this slice while the ones before it are written.
          bulk.add(sink.ingestBulk(items).then((r) => tally(r, at, rows)));
          await bulk.keep((sink.bulkInFlight ?? IN_FLIGHT) - 1);
        } else tally(await ingestInSlices((batch) => sink.ingest(batch), items, sizer), at, rows);
      };
      const waiting: FileRecord[] = [];
      for await (const records of readRecordStream(file, format, info)) {
        // The columns are matched once, on the first rows that have values.
        if (!mapping) {
          waiting.push(...records);
          if (waiting.filter((r) => r.value).length < 50 && waiting.length < 5000) continue;
          mapping = resolveMapping(waiting, opts.preset, opts.map, dates);
        }
        const batch = waiting.length ? waiting.splice(0) : records;
        const bad: { line: number; reason: string }[] = [];
        for (const m of mapMentions(batch, mapping.map, mapping.dates)) {
          p.rows++;
          lastAt = m.at;
          if (m.value) slice.push(m.value);
          else bad.push({ line: m.line, reason: m.error ?? 'unreadable' });
          if (slice.length >= sliceOf) await store();
          if (opts.stopped?.()) throw new ImportStopped();
        }
        await sidecar.add(bad);
      }
      if (!mapping && waiting.length) {
        mapping = resolveMapping(waiting, opts.preset, opts.map, dates);
        const bad: { line: number; reason: string }[] = [];
        for (const m of mapMentions(waiting, mapping.map, mapping.dates)) {
          p.rows++;
          lastAt = m.at;
          if (m.value) slice.push(m.value);
          else bad.push({ line: m.line, reason: m.error ?? 'unreadable' });
          if (slice.length >= sliceOf) await store();
        }
        await sidecar.add(bad);
      }
      await store();
      await bulk.keep(0);
    }
  } catch (e) {
    await bulk.settle();
    if (!(e instanceof ImportStopped)) throw e;
    const stopped: ImportProgress = { ...p, ...rate.done(p.rows), secondsLeft: null, state: 'failed', message: `${path.basename(file)}: stopped with the station after ${p.rows} row(s); read again at the next start` };
    return stopped;
  } finally {
    await sidecar.close();
  }
  p.errors = sidecar.count;
  p.bytesDone = info.size;
  sink.files.record(info.sha256, {
    file,
    bytes: info.size,
    rows: p.rows,
    inserted: p.inserted,
    errors: p.errors,
    at: sink.clock.now(),
  });
  const notes = [
    p.errors ? `${p.errors} row(s) refused; see ${path.basename(sidecar.file)}` : null,
    info.damaged ? `the file is UTF-8 but for ${info.invalidSequences} bad byte sequence(s): the rows holding them are refused` : null,
    p.clipped ? `${p.clipped} text(s) longer than the stored limit were cut` : null,
  ].filter(Boolean);
  const done: ImportProgress = { ...p, ...rate.done(p.rows), state: 'done', message: notes.length ? notes.join('; ') : null };
  onProgress(done);
  return done;
}
