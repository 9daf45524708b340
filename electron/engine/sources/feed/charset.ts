// Bytes → text for feeds. Which encoding wins, in this order:
//
//   1. a byte-order mark (UTF-8, UTF-16 LE/BE) — it cannot be wrong about itself;
//   2. the bytes are valid UTF-8 and contain non-ASCII — UTF-8, whatever is declared: text in
//      a legacy encoding (Big5, GBK, Latin-1) is practically never valid UTF-8 by chance;
//   3. the XML declaration's encoding;
//   4. the HTTP Content-Type charset;
//   5. UTF-8 when valid, else windows-1252 (the historical default; every byte decodes).
//
// The document's own declaration beats the server's header (3 before 4) on purpose, against
// RFC 3023/7303: servers stamp a default charset on everything they serve (Apache's
// ISO-8859-1, "charset=utf-8" on Big5 files), while the declaration was written with the
// bytes. Step 2 catches the reverse mistake, a UTF-8 file left with an old declaration.
//
// Labels follow the WHATWG Encoding Standard's choices where it widens a legacy label:
// GB2312/GBK → GB18030, Big5 → Big5-HKSCS, ISO-8859-1/ASCII → windows-1252,
// Shift_JIS → windows-31J. An encoding we cannot decode is a FeedError('charset').

import iconv from 'iconv-lite';

/** Thrown as FeedError('charset') by the feed parser. */
export class CharsetError extends Error {}

const WIDER: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'csgb2312': 'gb18030',
  big5: 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  shift_jis: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
  'x-sjis': 'cp932',
  'windows-31j': 'cp932',
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
};

const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

export function normalizeCharset(label: string): string {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (UTF8.has(l)) return 'utf-8';
  return WIDER[l] ?? l;
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2] ?? null;
}

function xmlDeclEncoding(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every ASCII-compatible encoding; look at the head only.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8Verdict(bytes: Uint8Array): 'ascii' | 'utf-8' | 'invalid' {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return 'ascii';
  try {
    strictUtf8.decode(bytes);
    return 'utf-8';
  } catch {
    return 'invalid';
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: true });
}

export interface DecodedText {
  text: string;
  /** The encoding used, as we name it (e.g. "utf-8", "big5hkscs", "gb18030"). */
  charset: string;
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  // 1. Byte-order marks, and UTF-16 without one but starting with "<?" (XML spec, appendix F).
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: decodeWith(bytes.subarray(3), 'utf-8'), charset: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeWith(bytes.subarray(2), 'utf-16le'), charset: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeWith(bytes.subarray(2), 'utf-16be'), charset: 'utf-16be' };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { text: decodeWith(bytes, 'utf-16le'), charset: 'utf-16le' };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { text: decodeWith(bytes, 'utf-16be'), charset: 'utf-16be' };

  const declared = [xmlDeclEncoding(bytes), charsetFromContentType(contentType)]
    .filter((l): l is string => l !== null)
    .map(normalizeCharset)
    // "UTF-16" declared on bytes without a BOM that are ASCII-compatible is a lie we can see.
    .filter((c) => !c.startsWith('utf-16') && !c.startsWith('utf16'));
  const verdict = utf8Verdict(bytes);

  // 2. Valid UTF-8 with real multi-byte text.
  if (verdict === 'utf-8') {
    return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8' };
  }
  // 3–4. The declarations, document first; UTF-8 claims on invalid bytes are skipped.
  for (const c of declared) {
    if (c === 'utf-8') {
      if (verdict === 'ascii') return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8' };
      continue; // claimed UTF-8, but the bytes are not
    }
    if (!iconv.encodingExists(c)) {
      if (verdict === 'ascii') return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8' };
      throw new CharsetError(`the feed declares an encoding we cannot decode: "${c}"`);
    }
    return { text: decodeWith(bytes, c), charset: c };
  }
  // 5. Nothing usable declared.
  if (verdict !== 'invalid') return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8' };
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252' };
}
