// The shipped sentiment model: reading and checking its weights file, and scoring one text.
//
// One file per language family (resources/models/sentiment-zh.fhsm, sentiment-en.fhsm),
// written by scripts/train-sentiment.ts. Two logistic regressions share the hashed features
// of features.ts: `polarity` (positive vs negative, trained on polar texts only) and
// `subjectivity` (evaluative vs neutral: questions, notices, schedules, plain news). A text's
// score is (2·P(positive) − 1) · g(P(evaluative)), where g is a calibrated squash fitted on
// our dev split so that notices and questions land inside the neutral band.
//
// File layout (little-endian):
//   "FHSM" | u32 format version | u32 header length | header JSON (UTF-8) | pad to 4 |
//   Int16 weights of each model, 2^bits each, in header order.
// The header carries the payload's SHA-256, so a truncated or altered file is refused with
// a message naming the file and what is wrong, instead of scoring nonsense.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DENSE_FEATURES, N_DENSE, denseFeatures, distinctFeatures, featureCapacity, prepareForFeatures } from './features';
import type { Family, LexiconSignals } from './features';

export const MODEL_MAGIC = 'FHSM';
export const MODEL_FORMAT = 1;

export interface ModelHeader {
  family: Family;
  bits: number;
  dense: string[];
  models: { name: 'polarity' | 'subjectivity'; bias: number; scale: number; dense: number[] }[];
  /** g(q) = σ(a · logit(q) + b): the calibrated weight of a text's polarity by its subjectivity. */
  calibration: { a: number; b: number };
  sha256: string;
  trainedAt?: string;
}

export interface SentimentModel {
  family: Family;
  bits: number;
  polarity: { w: Int16Array; scale: number; bias: number; dense: Float32Array };
  subjectivity: { w: Int16Array; scale: number; bias: number; dense: Float32Array };
  calibration: { a: number; b: number };
}

export interface ModelScore {
  /** In (-1, 1): the model's polarity weighted by how evaluative the text is. */
  score: number;
  /** P(positive | evaluative). */
  pPositive: number;
  /** P(evaluative). */
  pEvaluative: number;
}

/** Serializes a model (used by the trainer; weights already quantized). */
export function encodeModel(header: Omit<ModelHeader, 'sha256'>, weights: Int16Array[]): Buffer {
  const payload = Buffer.concat(weights.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength)));
  const sha256 = createHash('sha256').update(payload).digest('hex');
  const json = Buffer.from(JSON.stringify({ ...header, sha256 }), 'utf8');
  const pad = (4 - ((12 + json.length) % 4)) % 4;
  const head = Buffer.alloc(12);
  head.write(MODEL_MAGIC, 0, 'latin1');
  head.writeUInt32LE(MODEL_FORMAT, 4);
  head.writeUInt32LE(json.length + pad, 8);
  return Buffer.concat([head, json, Buffer.alloc(pad, 0x20), payload]);
}

/** Parses and checks a model file's bytes; throws an Error naming `where` and the fault. */
export function decodeModel(bytes: Buffer, where: string): SentimentModel {
  const fail = (why: string): never => {
    throw new Error(`sentiment model ${where}: ${why}`);
  };
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MODEL_MAGIC) fail('not a Fenghuo sentiment model (bad magic bytes)');
  const version = bytes.readUInt32LE(4);
  if (version !== MODEL_FORMAT) fail(`format version ${version}, this build reads version ${MODEL_FORMAT}`);
  const headLen = bytes.readUInt32LE(8);
  if (12 + headLen > bytes.length) fail('truncated header');
  let header: ModelHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headLen)) as ModelHeader;
  } catch {
    return fail('header is not valid JSON');
  }
  if (header.family !== 'zh' && header.family !== 'en') fail(`unknown language family "${String(header.family)}"`);
  if (!Number.isInteger(header.bits) || header.bits < 10 || header.bits > 24) fail(`bad bucket bits ${String(header.bits)}`);
  if (!Array.isArray(header.dense) || header.dense.join(',') !== DENSE_FEATURES.join(',')) {
    fail(`dense features [${String(header.dense)}] do not match this build's [${DENSE_FEATURES.join(',')}]`);
  }
  const names = (header.models ?? []).map((m) => m.name).join(',');
  if (names !== 'polarity,subjectivity') fail(`expected models polarity,subjectivity, found "${names}"`);
  const size = 1 << header.bits;
  const start = 12 + headLen;
  const payload = bytes.subarray(start);
  if (payload.length !== size * 2 * 2) fail(`weights are ${payload.length} bytes, expected ${size * 4} (truncated or padded file)`);
  const sha = createHash('sha256').update(payload).digest('hex');
  if (sha !== header.sha256) fail('weights checksum mismatch (file corrupt or altered)');
  // Int16Array needs 2-byte alignment; a copy costs a few milliseconds once.
  const aligned = payload.byteOffset % 2 === 0 ? payload : Buffer.from(payload);
  const all = new Int16Array(aligned.buffer, aligned.byteOffset, size * 2);
  const part = (k: number) => {
    const m = header.models[k]!;
    if (!Number.isFinite(m.bias) || !(m.scale > 0) || m.dense?.length !== N_DENSE || !m.dense.every(Number.isFinite)) {
      fail(`model ${m.name}: bad bias, scale or dense weights`);
    }
    return { w: all.subarray(k * size, (k + 1) * size), scale: m.scale, bias: m.bias, dense: Float32Array.from(m.dense) };
  };
  const cal = header.calibration;
  if (!cal || !Number.isFinite(cal.a) || !Number.isFinite(cal.b)) fail('missing calibration');
  return { family: header.family, bits: header.bits, polarity: part(0), subjectivity: part(1), calibration: { a: cal.a, b: cal.b } };
}

/** Reads and checks a model file. */
export function loadModel(file: string): SentimentModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`sentiment model ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeModel(bytes, file);
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

let idxBuf = new Int32Array(4096);
const denseBuf = new Float32Array(N_DENSE);

/**
 * Both models' raw logits for a text (the trainer's evaluation uses the same path).
 * `prepared` is prepareForFeatures(text) when the caller has it already.
 */
export function modelLogits(model: SentimentModel, text: string, lex: LexiconSignals, prepared = prepareForFeatures(text)): { pol: number; sub: number } {
  const cap = featureCapacity(prepared);
  if (idxBuf.length < cap) idxBuf = new Int32Array(cap);
  // Weights are integers, so the sums do not depend on the order of the buckets.
  const n = distinctFeatures(prepared, model.family, model.bits, idxBuf);
  denseFeatures(prepared, lex, denseBuf);
  const P = model.polarity;
  const S = model.subjectivity;
  let sp = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const j = idxBuf[i]!;
    sp += P.w[j]!;
    ss += S.w[j]!;
  }
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  let pol = P.bias + sp * P.scale * norm;
  let sub = S.bias + ss * S.scale * norm;
  for (let k = 0; k < N_DENSE; k++) {
    pol += P.dense[k]! * denseBuf[k]!;
    sub += S.dense[k]! * denseBuf[k]!;
  }
  return { pol, sub };
}

/** Combines the two logits into the score (see the header comment). */
export function combine(model: SentimentModel, pol: number, sub: number): ModelScore {
  const p = sigmoid(pol);
  const q = sigmoid(sub);
  const g = sigmoid(model.calibration.a * sub + model.calibration.b);
  return { score: (2 * p - 1) * g, pPositive: p, pEvaluative: q };
}

export function scoreWithModel(model: SentimentModel, text: string, lex: LexiconSignals, prepared?: string): ModelScore {
  const { pol, sub } = modelLogits(model, text, lex, prepared);
  return combine(model, pol, sub);
}
