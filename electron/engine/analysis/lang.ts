// Language and script of a mention: zh-Hant / zh-Hans by characters written only in one
// script (table derived from opencc-js at build time, resources/lexicons/script-chars.json),
// English by Latin letters, 'other' for kana, hangul, Thai, Cyrillic, non-English Latin...

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../shared/types';
import { LEXICON_DIR } from './lexicon';

/** By UTF-16 code unit: HANT for characters written only in Traditional, HANS only in Simplified. */
const HANT = 1;
const HANS = 2;
let scripts: Uint8Array | null = null;

// A flat table rather than two sets: every Han character of every mention is looked up.
function scriptTable(): Uint8Array {
  if (scripts) return scripts;
  const raw = JSON.parse(readFileSync(join(LEXICON_DIR, 'script-chars.json'), 'utf8')) as { hant: string; hans: string };
  const table = new Uint8Array(0x10000);
  // Only BMP characters are ever looked up. A character in both lists counts as Traditional.
  for (const c of raw.hans) if (c.length === 1) table[c.charCodeAt(0)] = HANS;
  for (const c of raw.hant) if (c.length === 1) table[c.charCodeAt(0)] = HANT;
  scripts = table;
  return table;
}

// Function words that tell English from the other common Latin-script languages.
const EN_WORDS = new Set(
  'the and is are was were to of in it for this that with you not but i my be have has on at they we he she so just what very'.split(' '),
);
const OTHER_LATIN_WORDS = new Set(
  ('le la les des est et une un pas pour que qui dans je ce sont avec nous vous il elle ' + // fr
    'el los las es y por una con para muy pero como del al lo su yo ' + // es
    'der die das und ist nicht ich ein eine mit zu auf auch sich den dem wir sie ' + // de
    'di che non per della sono il una gli ho ma anche ' + // it
    'um uma com não para os ao mais ' + // pt
    'het een van en ik niet dat zijn op te ' + // nl
    'ya ni na wa kwa ' + // sw
    'yang dan di ini itu tidak dengan untuk dari ada saya' // id/ms
  ).split(' '),
);

export function detectLang(text: string): Lang {
  const script = scriptTable();
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let otherScript = 0;
  let latin = 0;
  let diacritic = 0;
  let hantN = 0;
  let hansN = 0;
  let bopomofo = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = text.codePointAt(i)!;
      i++;
      if (cp >= 0x20000 && cp <= 0x3ffff) han++;
      continue;
    }
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) latin++;
    else if (cp >= 0xff21 && cp <= 0xff5a && (cp <= 0xff3a || cp >= 0xff41)) latin++; // full-width
    else if (cp < 0x80) continue;
    else if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) {
      han++;
      const k = script[cp];
      if (k === HANT) hantN++;
      else if (k === HANS) hansN++;
    } else if (cp >= 0x3040 && cp <= 0x30ff) {
      // ー (0x30fc) and ・ show up in Chinese posts too; real Japanese has hiragana.
      if (cp !== 0x30fc && cp !== 0x30fb) kana++;
    } else if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) hangul++;
    else if (cp >= 0x3100 && cp <= 0x312f) bopomofo++;
    else if (cp >= 0xc0 && cp <= 0x24f) {
      latin++;
      if (cp !== 0xd7 && cp !== 0xf7) diacritic++;
    } else if (
      (cp >= 0x0370 && cp <= 0x03ff) || // Greek
      (cp >= 0x0400 && cp <= 0x04ff) || // Cyrillic
      (cp >= 0x0590 && cp <= 0x06ff) || // Hebrew, Arabic
      (cp >= 0x0900 && cp <= 0x0dff) || // Indic
      (cp >= 0x0e00 && cp <= 0x0eff) || // Thai, Lao
      (cp >= 0x1000 && cp <= 0x109f) // Myanmar
    ) {
      otherScript++;
    }
  }
  const cjk = han + kana + hangul;
  if (kana >= 2 && kana * 5 >= han) return 'other';
  if (hangul >= 2 && hangul >= han) return 'other';
  if (han > 0) {
    const latinWords = latin === 0 ? 0 : countWords(text);
    if (han >= latinWords && han + bopomofo >= otherScript) {
      if (hantN > hansN) return 'zh-Hant';
      if (hansN > hantN) return 'zh-Hans';
      // No script-specific character: bopomofo, 「」 quotes and PTT push lines are Taiwanese.
      return bopomofo > 0 || /[「」『』]|^(?:推|噓|→) /m.test(text) ? 'zh-Hant' : 'zh-Hans';
    }
  }
  if (otherScript > latin || cjk > latin) return 'other';
  if (latin < 2) return 'other';
  const words = text.toLowerCase().match(/[a-z\u00c0-\u024f']+/g) ?? [];
  let en = 0;
  let oth = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    else if (OTHER_LATIN_WORDS.has(w)) oth++;
  }
  if (oth > en && oth >= 2) return 'other';
  if (diacritic * 12 > latin && en < 2) return 'other';
  return 'en';
}

/** Runs of Latin letters (ASCII, accented, full-width), counted without cutting them out. */
function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0xff21 && c <= 0xff5a);
    if (letter && !inWord) n++;
    inWord = letter;
  }
  return n;
}
