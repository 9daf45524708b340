// One file of records into a station: read once (by content hash per source), decode, map,
// store in batches with progress, and write the refused rows to a sidecar
// `<file>.errors.jsonl` ({line, reason} per line) while the good rows are kept. Used by the
// watched folder and by `fenghuo import`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FieldMapping } from '../../../../shared/source-configs';
import type { ImportProgress } from '../../../../shared/types';
import { decodeTextFile } from './csv';
import { formatOf, mapGaugeRows, mapMentions, readRecords, resolveMapping, type GaugeRow, type PresetName } from './records';
import type { IncomingItem, RecordSink } from '../types';

export interface ImportOptions {
  contents: 'mentions' | 'gauges';
  preset: PresetName;
  map?: FieldMapping | undefined;
  dateFormat?: string | undefined;
  zone?: string | undefined;
}

export const SIDECAR_SUFFIX = '.errors.jsonl';
const BATCH = 1000;

export function sidecarPath(file: string): string {
  return file + SIDECAR_SUFFIX;
}

/** Files a folder source reads: known formats, not our own sidecars, not hidden or temporary. */
export function isImportable(file: string): boolean {
  const base = path.basename(file);
  if (base.startsWith('.') || base.startsWith('~$') || base.endsWith(SIDECAR_SUFFIX)) return false;
  return formatOf(file) !== null;
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
    message: null,
  };
  if (!format) return { ...p, state: 'failed', message: `${path.basename(file)}: not a CSV, TSV, JSON or JSONL file` };
  const bytes = await fs.promises.readFile(file);
  p.bytesTotal = bytes.length;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const before = sink.files.seen(hash);
  if (before) {
    const done = { ...p, state: 'skipped' as const, bytesDone: bytes.length, message: `already read as ${path.basename(before.file)}` };
    onProgress(done);
    return done;
  }
  onProgress({ ...p });
  const records = readRecords(decodeTextFile(bytes).text, format);
  const now = sink.clock.now();
  const dates = { format: opts.dateFormat, zone: opts.zone };
  const bad: { line: number; reason: string }[] = [];

  if (opts.contents === 'gauges') {
    const rows = mapGaugeRows(records, { format: opts.dateFormat ?? 'iso', zone: opts.zone ?? 'Z' }, now);
    const byGauge = new Map<string, { line: number; row: GaugeRow }[]>();
    for (const r of rows) {
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
    p.rows = records.length;
  } else {
    const { map, dates: spec } = resolveMapping(records, opts.preset, opts.map, dates);
    const mapped = mapMentions(records, map, spec);
    let batch: IncomingItem[] = [];
    const flush = (at: number): void => {
      if (batch.length) {
        const r = sink.ingest(batch);
        p.inserted += r.inserted;
        p.duplicates += r.duplicates;
        batch = [];
      }
      p.bytesDone = Math.round(at * bytes.length);
      onProgress({ ...p });
    };
    for (const m of mapped) {
      p.rows++;
      if (m.value) batch.push(m.value);
      else bad.push({ line: m.line, reason: m.error ?? 'unreadable' });
      if (batch.length >= BATCH) {
        flush(m.at);
        // Let the event loop breathe between batches of a big file.
        await new Promise((r) => setImmediate(r));
      }
    }
    flush(1);
  }
  p.errors = bad.length;
  p.bytesDone = bytes.length;
  const sidecar = sidecarPath(file);
  if (bad.length) {
    bad.sort((a, b) => a.line - b.line);
    await fs.promises.writeFile(sidecar, bad.map((b) => JSON.stringify(b)).join('\n') + '\n');
  } else {
    await fs.promises.rm(sidecar, { force: true });
  }
  sink.files.record(hash, {
    file,
    bytes: bytes.length,
    rows: p.rows,
    inserted: p.inserted,
    errors: p.errors,
    at: sink.clock.now(),
  });
  const done: ImportProgress = {
    ...p,
    state: 'done',
    message: bad.length ? `${bad.length} row(s) refused; see ${path.basename(sidecar)}` : null,
  };
  onProgress(done);
  return done;
}
