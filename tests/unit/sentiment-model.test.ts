import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel, encodeModel, loadModel } from '../../electron/engine/analysis/model';
import { DENSE_FEATURES, N_DENSE } from '../../electron/engine/analysis/features';
import { createAnalyzer, shippedModelPath } from '../../electron/engine/analysis/sentiment';

const dir = mkdtempSync(join(tmpdir(), 'fh-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped sentiment models', () => {
  it('load and check out: one per language family, within the 30 MB budget', () => {
    let total = 0;
    for (const family of ['zh', 'en'] as const) {
      const bytes = readFileSync(shippedModelPath(family));
      total += bytes.length;
      const m = loadModel(shippedModelPath(family));
      expect(m.family).toBe(family);
      expect(m.polarity.w.length).toBe(1 << m.bits);
      expect(m.subjectivity.dense).toHaveLength(N_DENSE);
    }
    expect(total).toBeLessThanOrEqual(30 * 1024 * 1024);
  });

  it('a corrupt, truncated or foreign weights file is refused with a message naming the file and the fault', () => {
    const good = readFileSync(shippedModelPath('en'));

    const flipped = Buffer.from(good);
    flipped[flipped.length - 1000]! ^= 0x5a;
    const corrupt = join(dir, 'corrupt.fhsm');
    writeFileSync(corrupt, flipped);
    expect(() => loadModel(corrupt)).toThrow(/corrupt\.fhsm: weights checksum mismatch/);

    const truncated = join(dir, 'truncated.fhsm');
    writeFileSync(truncated, good.subarray(0, good.length - 4096));
    expect(() => loadModel(truncated)).toThrow(/truncated\.fhsm: weights are \d+ bytes, expected \d+/);

    const foreign = join(dir, 'foreign.fhsm');
    writeFileSync(foreign, Buffer.from('PK\u0003\u0004 not a model at all'));
    expect(() => loadModel(foreign)).toThrow(/foreign\.fhsm: not a Fenghuo sentiment model/);

    expect(() => loadModel(join(dir, 'missing.fhsm'))).toThrow(/missing\.fhsm: cannot read \(ENOENT\)/);
  });

  it('a model written for other features is refused rather than scoring nonsense', () => {
    const size = 1 << 10;
    const header = {
      family: 'zh' as const,
      bits: 10,
      dense: [...DENSE_FEATURES].slice(1),
      models: [
        { name: 'polarity' as const, bias: 0, scale: 1, dense: new Array(N_DENSE).fill(0) },
        { name: 'subjectivity' as const, bias: 0, scale: 1, dense: new Array(N_DENSE).fill(0) },
      ],
      calibration: { a: 1, b: 0 },
    };
    const bytes = encodeModel(header, [new Int16Array(size), new Int16Array(size)]);
    expect(() => decodeModel(bytes, 'old.fhsm')).toThrow(/old\.fhsm: dense features .* do not match/);
    const ok = encodeModel({ ...header, dense: [...DENSE_FEATURES] }, [new Int16Array(size), new Int16Array(size)]);
    expect(decodeModel(ok, 'ok.fhsm').bits).toBe(10);
  });

  it('the analyzer scores with the shipped model by default, and with the lexicon alone when told to', () => {
    const text = '請問哪裡可以辦理退款';
    const learned = createAnalyzer().analyze(text);
    const lexiconOnly = createAnalyzer({ models: null }).analyze(text);
    expect(learned.label).toBe('neutral');
    expect(lexiconOnly.label).toBe('negative'); // what the word list alone made of it (issue 14)
  });
});
