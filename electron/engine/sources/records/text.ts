// Which encoding a file of records is in, and its text in chunks. UTF-8 unless the file says
// otherwise: a byte-order mark decides; a file that is UTF-8 but for a few bad bytes (one
// stray 0xFF, a file cut inside a character) stays UTF-8 and is marked damaged, so the rows
// holding those bytes are refused by line instead of the whole file turning into mojibake;
// another encoding (Big5 and GB18030 exports of older Chinese tools, windows-1252, Shift_JIS …)
// only when the whole file reads as that encoding without a single undecodable byte.
// Chinese encodings are told apart by which decoding reads as the commoner characters;
// others are named by chardet.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface TextFileInfo {
  /** An iconv-lite name ('utf-8', 'utf-16le', 'big5hkscs', 'gb18030', 'windows-1252', …). */
  encoding: string;
  /** UTF-8 with bytes that are not: each shows as U+FFFD and its row is refused. */
  damaged: boolean;
  /** Invalid UTF-8 sequences found (0 unless damaged). */
  invalidSequences: number;
  size: number;
  sha256: string;
}

const CHUNK = 1024 * 1024;
/** Text is handed on in small chunks: parsing one holds the event loop for a few ms only. */
const READ_CHUNK = 64 * 1024;
const SAMPLE = 256 * 1024;
/** A file is UTF-8 with damage when its valid multi-byte characters outnumber its bad sequences this many times over. */
const UTF8_MAJORITY = 4;

// Frequent characters of running Chinese text in each script. Bytes of one encoding decoded
// as the other come out as valid but rare characters, so the right decoding scores higher.
const COMMON =
  '的一是不了在人有我他這个們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應向頭文體政美相見被利什二等產或新己制身果加西月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根干造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害這个们来为国说时会对过发后里么经动现没还样实从与机关点业将两间问头体产见话员几气题总数报结务离东车亚读费达应该认识优观么网这说个们对时过会为发现国经';
const commonSet = new Set([...COMMON]);

function chineseScore(text: string): number {
  let s = 0;
  for (const ch of text) {
    if (commonSet.has(ch)) s += 1;
    else if (ch === '\uFFFD') s -= 5;
    else if (ch >= '\uE000' && ch <= '\uF8FF') s -= 3; // private use: a wrong guess
  }
  return s;
}

function bomOf(head: Uint8Array): { encoding: string; skip: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** Counts over bytes read as UTF-8, fed chunk by chunk. */
class Utf8Tally {
  private decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Lead bytes of multi-byte characters (valid or not). */
  leads = 0;
  /** U+FFFD in the decoded text, and EF BF BD in the bytes (a real U+FFFD in the file). */
  private replacements = 0;
  private realReplacements = 0;
  add(chunk: Uint8Array, last = false): void {
    for (let i = 0; i < chunk.length; i++) if (chunk[i]! >= 0xc0) this.leads++;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = buf.indexOf(REAL_FFFD); at !== -1; at = buf.indexOf(REAL_FFFD, at + 3)) this.realReplacements++;
    this.count(this.decoder.decode(chunk, { stream: !last }));
  }
  end(): void {
    this.count(this.decoder.decode());
  }
  private count(text: string): void {
    for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) this.replacements++;
  }
  get invalid(): number {
    return Math.max(0, this.replacements - this.realReplacements);
  }
  /** Mostly UTF-8: a few bad sequences among many good multi-byte characters. */
  get mostlyUtf8(): boolean {
    const valid = this.leads - this.invalid;
    return valid >= UTF8_MAJORITY * this.invalid && valid > 0;
  }
}
const REAL_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

/** Legacy encodings worth trying for these bytes, likeliest first. */
function candidates(sample: Buffer): string[] {
  const out: string[] = [];
  const big5 = chineseScore(iconv.decode(sample, 'big5hkscs'));
  const gb = chineseScore(iconv.decode(sample, 'gb18030'));
  if (big5 > 0 || gb > 0) out.push(...(big5 > gb ? ['big5hkscs', 'gb18030'] : ['gb18030', 'big5hkscs']));
  for (const m of chardet.analyse(sample)) {
    const name = m.name.toLowerCase();
    if (/^(utf|ascii)/.test(name) || !iconv.encodingExists(name)) continue;
    // chardet names ISO-8859-1 where Windows tools write windows-1252, its superset.
    const enc = name === 'iso-8859-1' ? 'windows-1252' : name === 'big5' ? 'big5hkscs' : name;
    if (!out.includes(enc)) out.push(enc);
  }
  if (!out.includes('windows-1252')) out.push('windows-1252');
  return out;
}

/** Decoding the bytes with `encoding` meets no undecodable byte. */
function readsCleanly(chunks: Iterable<Uint8Array>, encoding: string): boolean {
  const decoder = iconv.getDecoder(encoding);
  for (const c of chunks) if (decoder.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)).includes('\uFFFD')) return false;
  return !(decoder.end() ?? '').includes('\uFFFD');
}

/** Read the whole file once (streaming): its hash, size and encoding. */
export async function inspectTextFile(file: string): Promise<TextFileInfo> {
  const hash = createHash('sha256');
  const tally = new Utf8Tally();
  let size = 0;
  let sample: Buffer | null = null;
  let bom: ReturnType<typeof bomOf> = null;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (size === 0) bom = bomOf(chunk);
    if (!sample) sample = chunk.subarray(0, SAMPLE);
    size += chunk.length;
    if (!bom || bom.encoding === 'utf-8') tally.add(chunk);
  }
  tally.end();
  const sha256 = hash.digest('hex');
  const base = { size, sha256 };
  if (bom) return { ...base, encoding: bom.encoding, damaged: bom.encoding === 'utf-8' && tally.invalid > 0, invalidSequences: bom.encoding === 'utf-8' ? tally.invalid : 0 };
  if (tally.invalid === 0 || tally.mostlyUtf8) return { ...base, encoding: 'utf-8', damaged: tally.invalid > 0, invalidSequences: tally.invalid };
  for (const enc of candidates(sample!)) {
    if (readsCleanly(await fileChunks(file), enc)) return { ...base, encoding: enc, damaged: false, invalidSequences: 0 };
  }
  return { ...base, encoding: 'utf-8', damaged: true, invalidSequences: tally.invalid };
}

/** The file's chunks, read lazily (a generator that reads synchronously, chunk by chunk). */
async function fileChunks(file: string): Promise<Iterable<Uint8Array>> {
  const fd = await fs.promises.open(file, 'r');
  return {
    *[Symbol.iterator]() {
      const buf = Buffer.allocUnsafe(CHUNK);
      try {
        for (;;) {
          const n = fs.readSync(fd.fd, buf, 0, CHUNK, null);
          if (n === 0) return;
          yield buf.subarray(0, n);
        }
      } finally {
        void fd.close();
      }
    },
  };
}

/** The text of a file in the encoding `inspectTextFile` chose, chunk by chunk, with the bytes read so far. */
export async function* readTextChunks(file: string, info: Pick<TextFileInfo, 'encoding'>): AsyncGenerator<{ text: string; bytesRead: number }> {
  const utf = info.encoding === 'utf-8' || info.encoding === 'utf-16le' || info.encoding === 'utf-16be';
  // TextDecoder drops a byte-order mark itself; iconv-lite's decoders are told to.
  const decoder = utf ? new TextDecoder(info.encoding) : null;
  const legacy = utf ? null : iconv.getDecoder(info.encoding, { stripBOM: true });
  let bytesRead = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const text = decoder ? decoder.decode(chunk, { stream: true }) : legacy!.write(chunk);
    if (text) yield { text, bytesRead };
  }
  const tail = decoder ? decoder.decode() : (legacy!.end() ?? '');
  if (tail) yield { text: tail, bytesRead };
}

/** Bytes already in memory → text, by the same rules (previews of a dropped file). */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: string; damaged: boolean } {
  const bom = bomOf(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes), encoding: bom.encoding, damaged: false };
  const tally = new Utf8Tally();
  tally.add(bytes, true);
  if (tally.invalid === 0 || tally.mostlyUtf8) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', damaged: tally.invalid > 0 };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const enc of candidates(buf.subarray(0, SAMPLE))) {
    if (readsCleanly([buf], enc)) return { text: iconv.decode(buf, enc), encoding: enc, damaged: false };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', damaged: true };
}
