// CSV/TSV as exported by spreadsheets and listening tools: RFC 4180 quoting ("" inside quotes,
// separators and line breaks inside quoted fields), CRLF or LF, a byte-order mark, and text
// that is not UTF-8 (Big5 or GB18030 exports from older Chinese tools), told apart by which
// decoding reads as the commoner characters. Pure functions over bytes and strings.
import iconv from 'iconv-lite';

export interface DecodedFile {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5' | 'gb18030' | 'windows-1252';
}

// Frequent characters of running Chinese text in each script. Bytes of one encoding decoded
// as the other come out as valid but rare characters, so the right decoding scores higher.
const COMMON =
  '的一是不了在人有我他這个們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應向頭文體政美相見被利什二等產或新己制身果加西月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根干造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害這个们来为国说时会对过发后里么经动现没还样实从与机关点业将两间问头体产见话员几气题总数报结务离东车亚读费达应该认识优观么网这说个们对时过会为发现国经'
const commonSet = new Set([...COMMON]);

function score(text: string): number {
  let s = 0;
  for (const ch of text) {
    if (commonSet.has(ch)) s += 1;
    else if (ch === '\uFFFD') s -= 5;
    else if (ch >= '\uE000' && ch <= '\uF8FF') s -= 3; // private use: a wrong guess
  }
  return s;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes of a text file → text: BOM, else UTF-8 when valid, else Big5 or GB18030 by score. */
export function decodeTextFile(bytes: Uint8Array): DecodedFile {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const buf = Buffer.from(bytes);
  // Only the first part is scored: enough text to decide, cheap on a big file.
  const sample = buf.subarray(0, 256 * 1024);
  const big5 = score(iconv.decode(sample, 'big5hkscs'));
  const gb = score(iconv.decode(sample, 'gb18030'));
  if (big5 <= 0 && gb <= 0) return { text: iconv.decode(buf, 'windows-1252'), encoding: 'windows-1252' };
  return big5 > gb
    ? { text: iconv.decode(buf, 'big5hkscs'), encoding: 'big5' }
    : { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
}

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span several). */
  line: number;
  /** Character offset of the record's start, for progress. */
  offset: number;
  fields: string[];
  /** Set when the record could not be read (an unterminated quote). */
  error?: string;
}

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

/**
 * Every record of a CSV text. A quote opens a quoted field only at the start of a field;
 * elsewhere it is kept as a character (lenient, as spreadsheets are). A BOM is dropped.
 */
export function parseCsv(input: string, delimiter: string = sniffDelimiter(input)): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let startOffset = 0;
  let i = 0;
  let fieldStart = true;
  let any = false;
  const n = text.length;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !any)) out.push({ line: startLine, offset: startOffset, fields });
    fields = [];
    field = '';
    fieldStart = true;
    any = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (fieldStart && c === '"') {
      // Quoted field: up to the closing quote; "" is a quote; anything else is literal.
      any = true;
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i]!;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (d === '\n') line++;
        else if (d === '\r' && text[i + 1] !== '\n') line++;
        field += d;
        i++;
      }
      if (!closed) {
        fields.push(field);
        out.push({ line: startLine, offset: startOffset, fields, error: 'a quoted field is never closed' });
        return out;
      }
      fieldStart = false;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      any = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
      startOffset = i;
      continue;
    }
    field += c;
    fieldStart = false;
    any = true;
    i++;
  }
  if (field !== '' || fields.length > 0 || any) endRecord();
  return out;
}
