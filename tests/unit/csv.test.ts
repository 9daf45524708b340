// CSV as spreadsheets and listening tools write it, and text that is not UTF-8.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeTextFile, parseCsv, sniffDelimiter } from '../../electron/engine/sources/records/csv';

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

  it('says which record has a quote that is never closed, keeping the records before it', () => {
    const rows = parseCsv('a,b\n1,ok\n2,"broken\n3,never');
    expect(rows[1]!.fields).toEqual(['1', 'ok']);
    expect(rows[2]).toMatchObject({ line: 3, error: 'a quoted field is never closed' });
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
    expect(d.encoding).toBe('big5');
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
});
