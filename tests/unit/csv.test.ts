// CSV as spreadsheets and listening tools write it, and text that is not UTF-8.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsv, sniffDelimiter } from '../../electron/engine/sources/records/csv';
import { decodeTextFile } from '../../electron/engine/sources/records/text';

describe('the CSV reader', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks inside, and knows where each record starts', () => {
    const text = 'id,text,author\r\n1,"Hello, world",ann\r\n2,"She said ""no""\nand left",bob\r\n3,plain,cy\r\n';
    const rows = parseCsv(text);
    expect(rows.map((r) => r.fields)).toEqual([
      ['id', 'text', 'author'],
      ['1', 'Hello, world', 'ann'],
      ['2', 'She said "no"\nand left', 'bob'],
      ['3', 'plain', 'cy'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('drops a byte-order mark and blank lines, keeps empty fields, and reads a last line without a newline', () => {
    const rows = parseCsv('\uFEFFa,b,c\n\n1,,3\n,,\nx,y,z');
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['', '', ''],
      ['x', 'y', 'z'],
    ]);
  });

  it('says which record has a quote that is never closed, and reads every record after it', () => {
    const rows = parseCsv('a,b\n1,ok\n2,"broken\n3,never');
    expect(rows[1]!.fields).toEqual(['1', 'ok']);
    expect(rows[2]).toMatchObject({ line: 3, error: 'a quoted field is never closed' });
    expect(rows[3]).toMatchObject({ line: 4, fields: ['3', 'never'] });
  });

  it('does not let an unclosed quote swallow the rows after it, even when they hold quotes', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => (i === 9 ? `${i},"unclosed` : `${i},"row ${i}"`));
    const rows = parseCsv(`id,text\n${lines.join('\n')}\n`);
    expect(rows.filter((r) => r.error)).toEqual([expect.objectContaining({ line: 11, error: 'a quoted field is never closed' })]);
    const good = rows.filter((r) => !r.error).slice(1);
    expect(good).toHaveLength(999);
    expect(good[9]).toMatchObject({ line: 12, fields: ['10', 'row 10'] });
    expect(good.at(-1)).toMatchObject({ line: 1001, fields: ['999', 'row 999'] });
  });

  it('reads a line that is only odd (a quote inside a field, text after a closing quote) as it stands', () => {
    const rows = parseCsv('id,text\n1,ab"c\n2,"x"y,z\n3,say "hi" now\n');
    expect(rows.map((r) => [r.line, r.fields, r.error])).toEqual([
      [1, ['id', 'text'], undefined],
      [2, ['1', 'ab"c'], undefined],
      [3, ['2', '"x"y', 'z'], undefined],
      [4, ['3', 'say "hi" now'], undefined],
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'id,text\r\n1,"multi\r\nline, with ""quotes"""\r\n\r\n2,"never closed\r\n3,三\r\n4,"四"\r\n';
    const whole = parseCsv(text);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
    expect(whole[2]!.error).toBe('a quoted field is never closed');
    for (const step of [1, 2, 3, 5, 8]) {
      const reader = new CsvReader(',');
      const rows = [];
      for (let i = 0; i < text.length; i += step) rows.push(...reader.write(text.slice(i, i + step)));
      rows.push(...reader.end());
      expect(rows.map((r) => [r.line, r.fields, r.error])).toEqual(whole.map((r) => [r.line, r.fields, r.error]));
    }
  });


  it('finds the separator: tab, semicolon or comma', () => {
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(sniffDelimiter('"x;y",b\n')).toBe(',');
    expect(parseCsv('標題\t內文\n颱風\t停班停課').map((r) => r.fields)).toEqual([
      ['標題', '內文'],
      ['颱風', '停班停課'],
    ]);
  });
});

describe('decoding an export that is not UTF-8', () => {
  const zhHant = '編號,標題,內文\n1,颱風來了,今天下午台北市宣布停班停課，請大家注意安全，不要出門。\n';
  const zhHans = '编号,标题,内容\n1,台风来了,今天下午上海市宣布停课，请大家注意安全，不要出门，我们一起关注天气的变化。\n';

  it('reads a Big5 file as Traditional Chinese', () => {
    const d = decodeTextFile(iconv.encode(zhHant, 'big5'));
    expect(d.encoding).toBe('big5hkscs');
    expect(d.text).toBe(zhHant);
  });

  it('reads a GB18030 file as Simplified Chinese', () => {
    const d = decodeTextFile(iconv.encode(zhHans, 'gb18030'));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(zhHans);
  });

  it('prefers a byte-order mark, then valid UTF-8', () => {
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zhHant)])).text).toBe(zhHant);
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(zhHans, 'utf-16le')])).text).toBe(zhHans);
    expect(decodeTextFile(Buffer.from(zhHant)).encoding).toBe('utf-8');
  });

  it('reads a UTF-8 file with one bad byte as UTF-8, marked damaged, not as windows-1252', () => {
    const d = decodeTextFile(Buffer.concat([Buffer.from('id,text\ns1,極光電信 斷訊\ns3,bad '), Buffer.from([0xff]), Buffer.from('\n')]));
    expect(d).toMatchObject({ encoding: 'utf-8', damaged: true });
    expect(d.text).toContain('極光電信 斷訊');
    expect(d.text).toContain('bad \uFFFD');
  });

  it('reads a UTF-8 file cut inside a character as UTF-8', () => {
    const whole = Buffer.from(zhHant.repeat(20));
    const d = decodeTextFile(whole.subarray(0, whole.length - 2));
    expect(d).toMatchObject({ encoding: 'utf-8', damaged: true });
    expect(d.text.startsWith(zhHant)).toBe(true);
  });

  it('reads a Western export as windows-1252 only when the whole file reads as it', () => {
    const latin = 'id,text\n1,Café crème brûlée — naïve façade\n';
    expect(decodeTextFile(iconv.encode(latin, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: latin, damaged: false });
  });

});
