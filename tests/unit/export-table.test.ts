// Exports of up to 100,000 rows are written a chunk at a time with pauses between (the
// station's walls are served meanwhile) and the XLSX compressed off the thread: the files must
// be byte for byte what the one-go writers make.
import { describe, expect, it } from 'vitest';
import { toCsv, toCsvPaced, toXlsx, toXlsxPaced, type Cell } from '../../electron/engine/export/table';
import { rng } from '../helpers/rng';

const HEADER = ['id', 'text', 'score', 'url'];

function rows(n: number): Cell[][] {
  const r = rng(7);
  const texts = ['捷運延誤, "很慢"', '=1+2 formula', 'line\r\nbreak', 'ctrl\u0001char & <tag>', '', 'plain English'];
  // The first row's text is past a spreadsheet cell's 32,767 characters.
  return Array.from({ length: n }, (_, i) => [
    i,
    i === 0 ? 'x'.repeat(33_000) : texts[Math.floor(r() * texts.length)]!,
    Math.round(r() * 1000) / 1000,
    i % 3 ? null : `https://example.com/${i}`,
  ]);
}

describe('export tables written in chunks', () => {
  it('gives the same CSV and XLSX bytes as writing them in one go, pausing between chunks', async () => {
    for (const n of [0, 1, 499, 500, 1234]) {
      let pauses = 0;
      const pace = () => ((pauses++, Promise.resolve()));
      const data = rows(n);
      expect((await toCsvPaced(HEADER, data, pace)).equals(toCsv(HEADER, data)), `csv ${n}`).toBe(true);
      expect((await toXlsxPaced('mentions', HEADER, data, pace)).equals(toXlsx('mentions', HEADER, data)), `xlsx ${n}`).toBe(true);
      // A pause per 500 rows of each file, and per megabyte of the sheet's CRC.
      if (n === 1234) expect(pauses).toBeGreaterThanOrEqual(7);
    }
  });
});
