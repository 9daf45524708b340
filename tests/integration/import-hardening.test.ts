// Imports that never garble or drop rows in silence, through `fenghuo import` into a real
// station file. A UTF-8 export with one stray byte stays UTF-8: its good rows read right, the
// row with the bad byte is refused by line, and the corrected file brings that row in. A CSV
// with an unclosed quote on one row loses that row only, named with its line, not the 990
// rows after it. A file cut off inside a character keeps every complete row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../../electron/cli/import';
import { Station } from '../../electron/engine/station';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-imp-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

async function fenghuoImport(file: string, dataDir: string): Promise<{ code: number; out: string }> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  const code = await runImport([file, '--data', dataDir], { out, err: out });
  return { code, out: text };
}

function stored(dataDir: string): Map<string, { text: string; lang: string }> {
  const st = Station.open({ dataDir });
  try {
    const rows = st.store.db.prepare('SELECT guid, text, lang FROM mentions').all() as { guid: string; text: string; lang: string }[];
    return new Map(rows.map((r) => [r.guid, { text: r.text, lang: r.lang }]));
  } finally {
    void st.close();
  }
}

const sidecar = (file: string) =>
  fs
    .readFileSync(`${file}.errors.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { line: number; reason: string });

describe('fenghuo import', () => {
  it('reads a UTF-8 export with one bad byte as UTF-8, refuses that row by line, and takes it once corrected', async () => {
    const dir = tmp();
    const data = path.join(dir, 'station');
    const file = path.join(dir, 'f.csv');
    // printf 'id,text\ns1,極光電信 斷訊\ns2,門市很親切\ns3,bad \xff\n'
    fs.writeFileSync(file, Buffer.concat([Buffer.from('id,text\ns1,極光電信 斷訊\ns2,門市很親切\ns3,bad '), Buffer.from([0xff]), Buffer.from('\n')]));
    const first = await fenghuoImport(file, data);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/3 rows, 2 new mentions, 0 duplicates, 1 refused/);
    expect(sidecar(file)).toEqual([{ line: 4, reason: expect.stringMatching(/not UTF-8/) }]);
    const rows = stored(data);
    expect(rows.get('s1')).toMatchObject({ text: '極光電信 斷訊', lang: expect.stringMatching(/^zh/) });
    expect(rows.has('s3')).toBe(false);

    fs.writeFileSync(file, 'id,text\ns1,極光電信 斷訊\ns2,門市很親切\ns3,bad byte fixed\n');
    const second = await fenghuoImport(file, data);
    expect(second.out).toMatch(/3 rows, 1 new mentions, 2 duplicates, 0 refused/);
    expect(stored(data).get('s3')!.text).toBe('bad byte fixed');
    expect(fs.existsSync(`${file}.errors.jsonl`)).toBe(false);
  });

  it('loses only the row with an unclosed quote, named by line, and reads the 990 after it', async () => {
    const dir = tmp();
    const data = path.join(dir, 'station');
    const file = path.join(dir, 'quotes.csv');
    const rows = Array.from({ length: 1000 }, (_, i) => (i === 9 ? `r${i},"颱風 停班 第 ${i} 則` : `r${i},"颱風 停班, 第 ${i} 則"`));
    fs.writeFileSync(file, `id,text\n${rows.join('\n')}\n`);
    const r = await fenghuoImport(file, data);
    expect(r.out).toMatch(/1000 rows, 999 new mentions, 0 duplicates, 1 refused/);
    expect(sidecar(file)).toEqual([{ line: 11, reason: 'a quoted field is never closed' }]);
    const got = stored(data);
    expect(got.size).toBe(999);
    expect(got.get('r10')!.text).toBe('颱風 停班, 第 10 則');
    expect(got.get('r999')!.text).toBe('颱風 停班, 第 999 則');
  });

  it('keeps every complete row of a file cut off inside a character', async () => {
    const dir = tmp();
    const data = path.join(dir, 'station');
    const file = path.join(dir, 'cut.jsonl');
    const whole = Buffer.from(Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: `c${i}`, text: `極光電信 第 ${i} 則` })).join('\n'));
    fs.writeFileSync(file, whole.subarray(0, whole.length - 4)); // inside the last 則
    const r = await fenghuoImport(file, data);
    expect(r.out).toMatch(/500 rows, 499 new mentions, 0 duplicates, 1 refused/);
    const got = stored(data);
    expect(got.get('c498')).toMatchObject({ text: '極光電信 第 498 則', lang: expect.stringMatching(/^zh/) });
    expect(sidecar(file)).toEqual([{ line: 500, reason: expect.stringMatching(/JSON|UTF-8/) }]);
  });
});
