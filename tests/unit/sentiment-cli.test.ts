import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runClassify } from '../../electron/cli/classify';
import { runEval } from '../../electron/cli/eval';
import { useCleanups } from '../helpers/cleanups';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const { tmp } = useCleanups();
afterEach(() => {
  process.exitCode = 0;
});

describe('fenghuo classify', () => {
  it('adds lang, sentiment, emotions and matched topic names, keeping the input fields', async () => {
    const dir = tmp('fh-classify-');
    const topics = join(dir, 'topics.json');
    writeFileSync(topics, JSON.stringify([{ name: '外送', query: '外送 OR 外卖 OR delivery' }, { name: '台積電', query: '台積電' }]));
    const out = sink();
    const input = Readable.from(['{"id":"a","text":"外送等了一個小時，飯都涼了","extra":7}\n', '{"id":"b","text":"Great delivery, thanks!"}\n']);
    await runClassify(input, out.stream, { topicsFile: topics });
    const rows = out.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ id: 'a', extra: 7, lang: 'zh-Hant', sentiment: { label: 'negative' }, topics: ['外送'] });
    expect(rows[1]).toMatchObject({ id: 'b', lang: 'en', sentiment: { label: 'positive' }, topics: ['外送'] });
    expect(rows[0].emotions).toBeTypeOf('object');
  });

  it('reports a bad line by number, keeps going, and ends with a non-zero exit code', async () => {
    const out = sink();
    const input = Readable.from(['{"id":1,"text":"好吃"}\n', '{oops\n', '{"id":3,"text":"難吃"}\n']);
    await runClassify(input, out.stream, {});
    expect(out.text().trim().split('\n')).toHaveLength(2);
    expect(process.exitCode).toBe(1);
    expect(out.text()).not.toContain('"topics"');
  });
});

describe('fenghuo eval', () => {
  it('prints per language accuracy, macro-F1, pos/neg accuracy, polar texts scored 0 and the confusion matrix', async () => {
    const dir = tmp('fh-eval-');
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        { text: '超好吃，會再來', label: 1 },
        { text: '難吃又貴', label: 'negative' },
        { text: '明天下午三點開會', label: 0 },
        { text: 'Terrible service.', label: -1 },
        { text: 'Loved it!', label: 'positive' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    );
    const out = sink();
    const { perLang } = await runEval(file, out.stream);
    expect(perLang['zh-Hant']).toEqual({
      n: 3,
      accuracy: 1,
      macroF1: 1,
      posNegAccuracy: 1,
      polarZero: 0,
      // gold rows × predicted columns: negative, neutral, positive
      confusion: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    });
    expect(perLang.en).toMatchObject({ n: 2, accuracy: 1, posNegAccuracy: 1, polarZero: 0 });
    expect(out.text()).toContain('pos/neg');
    expect(out.text()).toContain('polar scored 0');
    expect(out.text()).toMatch(/zh-Hant: gold \(rows\) × predicted \(columns\)\n\s+negative\s+neutral\s+positive\nnegative\s+1\s+0\s+0/);
    const json = sink();
    await runEval(file, json.stream, { json: true });
    expect(JSON.parse(json.text()).perLang.en.n).toBe(2);
  });
});
