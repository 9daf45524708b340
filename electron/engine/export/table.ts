// Tables to files for analysts: CSV (UTF-8 with a BOM so Excel reads Chinese right, formula
// injection defused) and a minimal XLSX (Office Open XML: one sheet, inline strings, a
// deflated zip written here with node:zlib — no dependency for five small XML parts).
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Cell = string | number | null;

/** Cells starting with = + - @ (or tab/CR) are formulas to a spreadsheet: prefix a quote. */
function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

/**
 * Lets the station's other work through (a wall's events, ingest): a long table is written a
 * chunk of rows at a time with a pause between, and its compression runs off the thread.
 */
export type Pace = () => Promise<void>;
/** Rows written between two pauses. */
const CHUNK = 500;

/** `line` over rows, a chunk at a time with `pace` between chunks, the chunks' lines joined by `sep`. */
async function pacedJoin(rows: Cell[][], line: (r: Cell[], i: number) => string, sep: string, pace: Pace): Promise<string[]> {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    await pace();
    parts.push(rows.slice(i, i + CHUNK).map((r, k) => line(r, i + k)).join(sep));
  }
  return parts;
}

function csvCell(v: Cell): string {
  if (v == null) return '';
  if (typeof v === 'number') return String(v);
  const s = defuse(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (r: Cell[]) => r.map(csvCell).join(',');
const csvFile = (lines: string[]) => Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');

export function toCsv(header: string[], rows: Cell[][]): Buffer {
  return csvFile([header, ...rows].map(csvLine));
}

/** toCsv's bytes, written a chunk at a time. */
export async function toCsvPaced(header: string[], rows: Cell[][], pace: Pace): Promise<Buffer> {
  return csvFile([csvLine(header), ...(await pacedJoin(rows, csvLine, '\r\n', pace))]);
}

const xmlEscape = (s: string) =>
  s
    // XML 1.0 forbids most control characters; drop them rather than write a broken file.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One row of the sheet; `ri` 0 is the header (bold). */
function rowXml(r: Cell[], ri: number): string {
  const out: string[] = [`<row r="${ri + 1}">`];
  r.forEach((v, ci) => {
    if (v == null || v === '') return;
    const ref = colName(ci) + (ri + 1);
    if (typeof v === 'number') out.push(`<c r="${ref}"><v>${v}</v></c>`);
    // Excel caps a cell at 32,767 characters.
    else out.push(`<c r="${ref}" t="inlineStr"${ri === 0 ? ' s="1"' : ''}><is><t xml:space="preserve">${xmlEscape(v.slice(0, 32_767))}</t></is></c>`);
  });
  out.push('</row>');
  return out.join('');
}

const sheetXml = (rowsXml: string[]) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  rowsXml.join('') +
  '</sheetData></worksheet>';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of buf[from, to), continuing from `c` (start: 0xffffffff; finish: c ^ 0xffffffff). */
function crcOf(buf: Buffer, c = 0xffffffff, from = 0, to = buf.length): number {
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}
const crc32 = (buf: Buffer) => (crcOf(buf) ^ 0xffffffff) >>> 0;

/** crc32 a megabyte at a time, with `pace` between. */
async function crc32Paced(buf: Buffer, pace: Pace): Promise<number> {
  let c = 0xffffffff;
  for (let at = 0; at < buf.length; at += 1 << 20) {
    await pace();
    c = crcOf(buf, c, at, Math.min(buf.length, at + (1 << 20)));
  }
  return (c ^ 0xffffffff) >>> 0;
}

const deflateRaw = promisify(zlib.deflateRaw);

type ZipEntry = { name: string; data: Buffer };
type Packed = { name: string; data: Buffer; packed: Buffer; crc: number };

/** A zip of deflated entries (no zip64: fine below 4 GiB). */
export function zip(files: ZipEntry[]): Buffer {
  return zipOf(files.map((f) => ({ ...f, packed: zlib.deflateRawSync(f.data), crc: crc32(f.data) })));
}

/** zip's bytes, each entry deflated on libuv's threads and its CRC taken a megabyte at a time. */
async function zipPaced(files: ZipEntry[], pace: Pace): Promise<Buffer> {
  const packed: Packed[] = [];
  for (const f of files) packed.push({ ...f, packed: await deflateRaw(f.data), crc: await crc32Paced(f.data, pace) });
  return zipOf(packed);
}

function zipOf(files: Packed[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const { packed, crc } = f;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time/date: 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export function toXlsx(sheetName: string, header: string[], rows: Cell[][]): Buffer {
  return zip(xlsxParts(sheetName, sheetXml([header, ...rows].map(rowXml))));
}

/** toXlsx's bytes, the sheet written a chunk of rows at a time and compressed off the thread. */
export async function toXlsxPaced(sheetName: string, header: string[], rows: Cell[][], pace: Pace): Promise<Buffer> {
  const body = await pacedJoin(rows, (r, i) => rowXml(r, i + 1), '', pace);
  return zipPaced(xlsxParts(sheetName, sheetXml([rowXml(header, 0), ...body])), pace);
}

/** The parts of a one-sheet workbook around its sheet's XML. */
function xlsxParts(sheetName: string, sheet: string): ZipEntry[] {
  const x = (s: string) => Buffer.from(s, 'utf8');
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  return [
    {
      name: '[Content_Types].xml',
      data: x(
        `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: x(
        `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: x(
        `${decl}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
          `<sheets><sheet name="${xmlEscape(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x(
        `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/styles.xml',
      data: x(
        `${decl}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
          '</styleSheet>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: x(sheet) },
  ];
}
