// CSV/TSV as exported by spreadsheets and listening tools, read by csv-parse's streaming
// parser: RFC 4180 quoting ("" inside quotes, separators and line breaks inside quoted
// fields), CRLF, LF or CR, a byte-order mark.
//
// A broken record does not end the file, nor does it swallow the rows after it. Quotes are
// read strictly, so a quote that is never closed shows up at the next quote that cannot close
// it (or at the end of the file, or once the record passes MAX_RECORD_BYTES); the record's
// first line is then reported with the reason and reading starts again on the line after it,
// so every later row is still read. A line that is only odd (a quote inside an unquoted field,
// `ab"c`, or text after a closing quote) is read leniently on its own, as spreadsheets do.
// Only the bytes since the last good record are kept for a restart, so memory stays bounded
// whatever the file's size.
import { parse, type CsvError, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span several). */
  line: number;
  /** Byte offset (in UTF-8) just past the record, for progress. */
  offset: number;
  fields: string[];
  /** Set when the record could not be read (an unterminated quote). */
  error?: string;
}

/** A quoted field may hold long texts, but a record this long is a quote that never closed. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** Which separator a file uses: tab, semicolon or comma, by the first line outside quotes. */
export function sniffDelimiter(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === '\t' || c === ';')) counts[c]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[',']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

function reasonOf(e: CsvError | Error): string {
  const code = (e as CsvError).code;
  // A quote that cannot close (or open) a field, on a line that is not a record by itself: a
  // quote opened on this line and never closed.
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'INVALID_OPENING_QUOTE') {
    return 'a quoted field is never closed';
  }
  if (code === 'CSV_MAX_RECORD_SIZE') return `a quoted field is never closed (the record ran past ${MAX_RECORD_BYTES / 1024 / 1024} MiB)`;
  return e.message;
}

interface ParsedRow {
  record: string[];
  info: { bytes: number };
}

/**
 * Records of a CSV text fed in chunks: `write` returns the records completed so far, `end`
 * the rest. Records come out in file order, good and broken alike.
 */
export class CsvReader {
  private parser!: Parser;
  /** Bytes fed to the current parser and not yet part of a finished record. */
  private pending: Buffer[] = [];
  /** Offset, in the current parser's input, of pending[0]'s first byte. */
  private pendingStart = 0;
  /** Offset, in the current parser's input, just past the last finished record. */
  private lastEnd = 0;
  /** Absolute offset of the current parser's input, and the line at lastEnd. */
  private base = 0;
  private lineAtLastEnd = 1;
  /** A carriage return at the end of a chunk waits to see whether a line feed follows. */
  private carry = '';
  private bom = true;

  constructor(private readonly delimiter: string) {
    this.start();
  }

  private start(): void {
    this.parser = parse({
      delimiter: this.delimiter,
      relax_quotes: false,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: this.bom,
      info: true,
      max_record_size: MAX_RECORD_BYTES,
      record_delimiter: '\n',
    });
    // Errors are read from `parser.errored` right after each call; the event only must not go unhandled.
    this.parser.on('error', () => {});
    this.bom = false;
  }

  write(chunk: string): CsvRecord[] {
    let text = this.carry + chunk;
    this.carry = '';
    if (text.endsWith('\r')) {
      this.carry = '\r';
      text = text.slice(0, -1);
    }
    return this.feed(text, false);
  }

  end(): CsvRecord[] {
    const out = this.feed(this.carry, true);
    this.carry = '';
    return out;
  }

  /** Line endings become \n (CRLF, LF and CR alike, inside quoted fields too), so a restart never guesses them. */
  private feed(text: string, ending: boolean): CsvRecord[] {
    if (text) {
      const buf = Buffer.from(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, 'utf8');
      this.pending.push(buf);
      this.parser.write(buf);
    }
    if (ending) this.parser.end();
    return this.drain(ending);
  }

  private drain(ending: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (;;) {
      let row: ParsedRow | null;
      while ((row = this.parser.read() as ParsedRow | null) !== null) {
        const { startLine } = this.consume(row.info.bytes);
        out.push({ line: startLine, offset: this.base + row.info.bytes, fields: row.record });
      }
      const err = this.parser.errored;
      if (!err) return out;
      out.push(this.restartAfterBrokenLine(err, ending));
    }
  }

  /** The bytes [lastEnd, end) as one buffer (they are all still pending). */
  private slice(end: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    return all.subarray(this.lastEnd - this.pendingStart, end - this.pendingStart);
  }

  /** A record ended at `end`: where it started, and forget its bytes (counted in place, never copied). */
  private consume(end: number): { startLine: number } {
    let startLine = this.lineAtLastEnd;
    let leading = true;
    let lines = 0;
    let at = this.pendingStart;
    for (const buf of this.pending) {
      const from = Math.max(0, this.lastEnd - at);
      const to = Math.min(buf.length, end - at);
      at += buf.length;
      if (to <= from) continue;
      const part = buf.subarray(from, to);
      // Blank lines before the record are skipped by the parser but still count.
      for (let i = 0; leading && i < part.length; i++) {
        if (part[i] === 10) startLine++;
        else leading = false;
      }
      lines += countLines(part);
    }
    this.lineAtLastEnd += lines;
    this.lastEnd = end;
    this.dropConsumed();
    return { startLine };
  }

  private dropConsumed(): void {
    while (this.pending.length && this.pendingStart + this.pending[0]!.length <= this.lastEnd) {
      this.pendingStart += this.pending.shift()!.length;
    }
  }

  /**
   * The parser stopped inside a record: report that record's first line, then parse again
   * from the line after it with a fresh parser, fed what was already read.
   */
  /** One line read leniently, when it is a whole record by itself (else null). */
  private lenientLine(line: Buffer): string[] | null {
    try {
      const rows = parseSync(line, { delimiter: this.delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      return rows.length === 1 ? rows[0]! : null;
    } catch {
      return null;
    }
  }

  private restartAfterBrokenLine(err: Error, ending: boolean): CsvRecord {
    const rest = this.slice(this.pendingStart + this.pending.reduce((n, b) => n + b.length, 0));
    let i = 0;
    let line = this.lineAtLastEnd;
    while (i < rest.length && rest[i] === 10) {
      line++;
      i++;
    }
    const lf = rest.indexOf(10, i);
    const after = lf === -1 ? rest.length : lf + 1;
    const offset = this.base + this.lastEnd + after;
    const lenient = this.lenientLine(rest.subarray(i, after));
    const broken: CsvRecord = lenient ? { line, offset, fields: lenient } : { line, offset, fields: [], error: reasonOf(err) };
    const remaining = Buffer.from(rest.subarray(after));
    this.base += this.lastEnd + after;
    this.lineAtLastEnd = line + (lf === -1 ? 0 : 1);
    this.pending = [];
    this.pendingStart = 0;
    this.lastEnd = 0;
    this.start();
    if (remaining.length) {
      this.pending.push(remaining);
      this.parser.write(remaining);
    }
    if (ending) this.parser.end();
    return broken;
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) n++;
  return n;
}

/** Every record of a CSV text in memory (previews, tests); a broken record is reported and skipped. */
export function parseCsv(input: string, delimiter: string = sniffDelimiter(input)): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  return [...reader.write(input), ...reader.end()];
}
