// Files of records (CSV, TSV, JSON arrays, JSONL/NDJSON) → items or gauge readings, each bad
// record named by its line and the reason. Shared by watched folders and `fenghuo import`.
// Files are read as a stream (readRecordStream), so memory does not grow with their size;
// readRecords reads a text already in memory (previews).
// The column presets are layouts we define ourselves (docs/import-presets.md): a generic
// export, a "newsroom" English layout and a "zh-monitor" Chinese layout.
import path from 'node:path';
import type { FieldMapping } from '../../../../shared/source-configs';
import { readingProblem } from '../../../../shared/gauges';
import { CsvReader, parseCsv, sniffDelimiter, type CsvRecord } from './csv';
import { readTextChunks, type TextFileInfo } from './text';
import { mapRecord, parseDate, type DateSpec } from './mapping';
import type { IncomingItem } from '../types';

export type FileFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

export function formatOf(file: string): FileFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return null;
}

export interface FileRecord {
  line: number;
  /** Fraction of the file read once this record is done, 0..1. */
  at: number;
  value?: Record<string, unknown>;
  error?: string;
}

/** Rows holding bytes that were not UTF-8 in an otherwise UTF-8 file. */
export const DAMAGED_ROW = 'bytes that are not UTF-8 in this row (shown as \uFFFD): fix them and import the file again';

/** CSV records → file records against the header (the first good record). */
class CsvRows {
  private header: string[] | null = null;
  constructor(private readonly damaged: boolean) {}
  take(rows: CsvRecord[], at: (r: CsvRecord) => number): FileRecord[] {
    const out: FileRecord[] = [];
    for (const r of rows) {
      if (!this.header) {
        if (r.error) out.push({ line: r.line, at: at(r), error: `the header: ${r.error}` });
        else this.header = r.fields.map((h) => h.replace(/^\uFEFF/, '').trim());
        continue;
      }
      out.push(this.row(r, this.header, at(r)));
    }
    return out;
  }
  private row(r: CsvRecord, header: string[], at: number): FileRecord {
    if (r.error) return { line: r.line, at, error: r.error };
    const extra = r.fields.slice(header.length).some((f) => f.trim() !== '');
    if (extra || r.fields.length < header.length) {
      return { line: r.line, at, error: `${r.fields.length} fields where the header has ${header.length}` };
    }
    if (this.damaged && r.fields.some((f) => f.includes('\uFFFD'))) return { line: r.line, at, error: DAMAGED_ROW };
    const value: Record<string, unknown> = {};
    header.forEach((h, i) => (value[h] = r.fields[i]));
    return { line: r.line, at, value };
  }
}

/** One JSON Lines line → a file record. */
function jsonLine(raw: string, line: number, at: number, damaged: boolean): FileRecord | null {
  const s = raw.replace(/^\uFEFF/, '').trim();
  if (!s) return null;
  if (damaged && s.includes('\uFFFD')) return { line, at, error: DAMAGED_ROW };
  try {
    const v: unknown = JSON.parse(s);
    if (v && typeof v === 'object' && !Array.isArray(v)) return { line, at, value: v as Record<string, unknown> };
    return { line, at, error: 'not a JSON object' };
  } catch (e) {
    return { line, at, error: `not valid JSON (${(e as Error).message})` };
  }
}

/** A JSON (not JSON Lines) file is parsed whole; past this size it must come as JSON Lines. */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The records of a file, read as a stream in the encoding `info` names, in batches (one
 * batch per chunk read). `at` is the share of the file's bytes read.
 */
export async function* readRecordStream(file: string, format: FileFormat, info: TextFileInfo): AsyncGenerator<FileRecord[]> {
  const size = Math.max(1, info.size);
  if (format === 'json') {
    if (info.size > MAX_JSON_FILE_BYTES) {
      yield [{ line: 1, at: 1, error: `a JSON file over ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB is not read whole: export it as JSON Lines (.jsonl)` }];
      return;
    }
    let text = '';
    for await (const c of readTextChunks(file, info)) text += c.text;
    yield readRecords(text, 'json', info.damaged);
    return;
  }
  if (format === 'jsonl') {
    let carry = '';
    let line = 0;
    for await (const { text, bytesRead } of readTextChunks(file, info)) {
      const lines = (carry + text).split('\n');
      carry = lines.pop()!;
      const out: FileRecord[] = [];
      for (const raw of lines) {
        const r = jsonLine(raw, ++line, bytesRead / size, info.damaged);
        if (r) out.push(r);
      }
      yield out;
    }
    const last = jsonLine(carry, ++line, 1, info.damaged);
    if (last) yield [last];
    return;
  }
  let reader: CsvReader | null = null;
  const rows = new CsvRows(info.damaged);
  let bytes = 0;
  // A record's share of the file: its UTF-8 offset against the file's bytes is close enough.
  const at = (r: CsvRecord) => Math.min(1, r.offset / size);
  for await (const { text, bytesRead } of readTextChunks(file, info)) {
    reader ??= new CsvReader(format === 'tsv' ? '\t' : sniffDelimiter(text));
    bytes = bytesRead;
    yield rows.take(reader.write(text), (r) => Math.min(at(r), bytes / size));
  }
  if (reader) yield rows.take(reader.end(), () => 1);
}

/** The records of a file's text, in order; bad ones carry an error instead of a value. */
export function readRecords(text: string, format: FileFormat, damaged = false): FileRecord[] {
  const len = Math.max(1, text.length);
  if (format === 'csv' || format === 'tsv') {
    const rows = parseCsv(text, format === 'tsv' ? '\t' : sniffDelimiter(text));
    return new CsvRows(damaged).take(rows, (r) => Math.min(1, r.offset / len));
  }
  if (format === 'jsonl') {
    const out: FileRecord[] = [];
    let offset = 0;
    text.split('\n').forEach((raw, i) => {
      offset += raw.length + 1;
      const r = jsonLine(raw, i + 1, offset / len, damaged);
      if (r) out.push(r);
    });
    return out;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return [{ line: 1, at: 1, error: `the file is not valid JSON (${(e as Error).message})` }];
  }
  // An array, or an object holding one array (an export's `items`, `data`, `mentions`).
  let arr: unknown = doc;
  if (!Array.isArray(doc) && doc && typeof doc === 'object') {
    arr = Object.values(doc as Record<string, unknown>).find(Array.isArray);
  }
  if (!Array.isArray(arr)) return [{ line: 1, at: 1, error: 'the JSON is neither an array nor an object holding one' }];
  return arr.map((v: unknown, i) => {
    // A JSON array has no useful line numbers; the record's index (1-based) stands in.
    const at = (i + 1) / arr.length;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { line: i + 1, at, error: 'not a JSON object' };
    if (damaged && JSON.stringify(v).includes('\uFFFD')) return { line: i + 1, at, error: DAMAGED_ROW };
    return { line: i + 1, at, value: v as Record<string, unknown> };
  });
}

type Candidates = { [K in keyof FieldMapping]-?: string[] };

interface Preset {
  fields: Candidates;
  dates: DateSpec;
}

export const PRESETS: Record<'generic' | 'newsroom' | 'zh-monitor', Preset> = {
  generic: {
    fields: {
      guid: ['id', 'guid', 'mention id', 'post id'],
      title: ['title', 'headline', 'subject'],
      text: ['text', 'content', 'body', 'message', 'snippet'],
      html: ['html'],
      url: ['url', 'link', 'permalink'],
      author: ['author', 'user', 'username', 'screen name', 'account'],
      publishedAt: ['publishedat', 'published_at', 'published', 'date', 'time', 'created_at', 'timestamp'],
      reach: ['reach', 'followers', 'audience', 'impressions'],
      tags: ['tags', 'hashtags', 'keywords'],
      lang: ['lang', 'language'],
    },
    dates: { format: 'iso', zone: 'Z' },
  },
  newsroom: {
    fields: {
      guid: ['Item ID'],
      title: ['Headline'],
      text: ['Body'],
      html: [],
      url: ['Link'],
      author: ['Byline'],
      publishedAt: ['Published (UTC)'],
      reach: ['Audience'],
      tags: ['Keywords'],
      lang: ['Language'],
    },
    dates: { format: 'YYYY-MM-DD HH:mm:ss', zone: 'Z' },
  },
  'zh-monitor': {
    fields: {
      guid: ['序號'],
      title: ['標題'],
      text: ['內文'],
      html: [],
      url: ['網址'],
      author: ['作者'],
      publishedAt: ['發布時間'],
      reach: ['粉絲數'],
      tags: ['標籤'],
      lang: ['語言'],
    },
    dates: { format: 'YYYY/MM/DD HH:mm', zone: '+08:00' },
  },
};

export type PresetName = keyof typeof PRESETS;

/**
 * The concrete mapping for these records: the preset's candidates matched against the
 * columns present (case and spacing ignored), then the operator's own `map` on top.
 */
export function resolveMapping(
  records: FileRecord[],
  preset: PresetName,
  own: FieldMapping | undefined,
  dates: Partial<DateSpec>,
): { map: FieldMapping; dates: DateSpec } {
  const keys = new Set<string>();
  for (const r of records.slice(0, 50)) if (r.value) for (const k of Object.keys(r.value)) keys.add(k);
  const byNorm = new Map<string, string>();
  for (const k of keys) byNorm.set(k.trim().toLowerCase().replace(/\s+/g, ' '), k);
  const p = PRESETS[preset];
  const map: FieldMapping = {};
  for (const [field, candidates] of Object.entries(p.fields) as [keyof FieldMapping, string[]][]) {
    for (const c of candidates) {
      const k = byNorm.get(c.toLowerCase());
      if (k !== undefined) {
        map[field] = k;
        break;
      }
    }
  }
  Object.assign(map, own ?? {});
  return { map, dates: { format: dates.format ?? p.dates.format, zone: dates.zone ?? p.dates.zone } };
}

export type Mapped<T> = { line: number; at: number; value?: T; error?: string };

/** Records → items; errors keep their line. */
export function mapMentions(records: FileRecord[], map: FieldMapping, dates: DateSpec): Mapped<IncomingItem>[] {
  if (!map.text && !map.html && !map.title) {
    const err = 'no column for text, html or title: choose a preset that fits or give a mapping';
    return records.map((r) => ({ line: r.line, at: r.at, error: r.error ?? err }));
  }
  return records.map((r) => {
    if (!r.value) return { line: r.line, at: r.at, error: r.error ?? 'unreadable' };
    const m = mapRecord(r.value, map, dates);
    return 'item' in m ? { line: r.line, at: r.at, value: m.item } : { line: r.line, at: r.at, error: m.error };
  });
}

export interface GaugeRow {
  gauge: string;
  at: number;
  value: number;
  unit?: string | undefined;
  capacity?: number | undefined;
}

/** Records of gauge readings: columns gauge (or name), at (or time/date), value, and optional unit, capacity. */
export function mapGaugeRows(records: FileRecord[], dates: DateSpec, now: number): Mapped<GaugeRow>[] {
  const pick = (v: Record<string, unknown>, names: string[]): unknown => {
    for (const [k, x] of Object.entries(v)) if (names.includes(k.trim().toLowerCase())) return x;
    return undefined;
  };
  return records.map((r) => {
    const base = { line: r.line, at: r.at };
    if (!r.value) return { ...base, error: r.error ?? 'unreadable' };
    const gauge = pick(r.value, ['gauge', 'name']);
    if (typeof gauge !== 'string' || !gauge.trim()) return { ...base, error: 'no gauge name (column "gauge")' };
    const rawValue = pick(r.value, ['value', 'count', 'reading']);
    const value = typeof rawValue === 'number' ? rawValue : typeof rawValue === 'string' && rawValue.trim() ? Number(rawValue) : NaN;
    if (!Number.isFinite(value)) return { ...base, error: `value "${String(rawValue ?? '')}" is not a number` };
    const rawAt = pick(r.value, ['at', 'time', 'date', 'timestamp']);
    const at = rawAt === undefined || rawAt === '' ? now : parseDate(rawAt, dates);
    if (at === null) return { ...base, error: `time "${String(rawAt)}" does not read as ${dates.format}` };
    const problem = readingProblem({ at, value }, now);
    if (problem) return { ...base, error: problem };
    const rawCap = pick(r.value, ['capacity']);
    const capacity = rawCap === undefined || rawCap === '' ? undefined : Number(rawCap);
    if (capacity !== undefined && !(capacity > 0)) return { ...base, error: `capacity "${String(rawCap)}" must be a positive number` };
    const unit = pick(r.value, ['unit']);
    return { ...base, value: { gauge: gauge.trim(), at, value, unit: typeof unit === 'string' && unit ? unit : undefined, capacity } };
  });
}
