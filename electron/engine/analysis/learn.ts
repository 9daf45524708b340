// Learning from analysts' corrections: a small naive Bayes over character n-grams (Chinese,
// emoji) and words/bigrams (English), trained on the corrected mentions only. The model is
// plain JSON so the station can store it; the analyzer blends it with the lexicon score by
// how much evidence the model has for the text at hand (see sentiment.ts).

import type { SentimentLabel } from '../../../shared/types';
import { foldHans } from './lexicon';

const CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface LearnedModel {
  kind: 'nb-ngram';
  version: 1;
  /** Training documents per class, in CLASSES order (negative, neutral, positive). */
  docs: [number, number, number];
  /** Feature occurrences per class (each feature counted once per document). */
  totals: [number, number, number];
  feats: Record<string, [number, number, number]>;
}

/** The features of a text: folded, lower-cased; CJK 1-3 grams, words and word bigrams, emoji. */
export function features(text: string): string[] {
  const s = foldHans(text.normalize('NFKC')).toLowerCase();
  const out = new Set<string>();
  let run = '';
  let prevWord = '';
  const flushRun = () => {
    for (let i = 0; i < run.length; i++) {
      out.add(run[i]!);
      if (i + 1 < run.length) out.add(run.slice(i, i + 2));
      if (i + 2 < run.length) out.add(run.slice(i, i + 3));
    }
    run = '';
  };
  const re = /[\u3400-\u9fff]+|[a-z0-9']+|\p{Extended_Pictographic}|[!?]+/gu;
  for (const m of s.matchAll(re)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c >= 0x3400 && c <= 0x9fff) {
      run = t;
      flushRun();
      prevWord = '';
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27) {
      out.add('w:' + t);
      if (prevWord) out.add('b:' + prevWord + ' ' + t);
      prevWord = t;
    } else {
      out.add(t.length > 1 ? t.slice(0, 2) : t);
      prevWord = '';
    }
  }
  return [...out];
}

function train(samples: { text: string; label: SentimentLabel }[]): LearnedModel {
  const model: LearnedModel = { kind: 'nb-ngram', version: 1, docs: [0, 0, 0], totals: [0, 0, 0], feats: {} };
  for (const { text, label } of samples) {
    const idx = CLASSES.indexOf(label);
    if (idx < 0) continue;
    const k = idx as 0 | 1 | 2;
    model.docs[k]++;
    for (const f of features(text)) {
      const row = (model.feats[f] ??= [0, 0, 0]);
      row[k]++;
      model.totals[k]++;
    }
  }
  return model;
}

function posterior(model: LearnedModel, feats: string[]): { probs: number[]; known: number } | null {
  const nDocs = model.docs[0] + model.docs[1] + model.docs[2];
  if (nDocs === 0) return null;
  const vocab = Object.keys(model.feats).length + 1;
  const logp = [0, 0, 0];
  let known = 0;
  for (let k = 0; k < 3; k++) logp[k] = Math.log((model.docs[k]! + 1) / (nDocs + 3));
  for (const f of feats) {
    const row = model.feats[f];
    if (!row) continue;
    known++;
    for (let k = 0; k < 3; k++) logp[k]! += Math.log((row[k]! + 1) / (model.totals[k]! + vocab));
  }
  if (known === 0) return null;
  const max = Math.max(...logp);
  const ex = logp.map((l) => Math.exp(l - max));
  const z = ex[0]! + ex[1]! + ex[2]!;
  return { probs: ex.map((e) => e / z), known };
}

/**
 * The learned opinion on a text: score = P(positive) − P(negative), and a confidence in
 * [0, 1] growing with the number of corrections and with the share of the text's features
 * the model has seen. Null when the model knows nothing about this text.
 */
export function predictLearned(model: LearnedModel, text: string): { score: number; confidence: number; label: SentimentLabel } | null {
  const feats = features(text);
  if (feats.length === 0) return null;
  const post = posterior(model, feats);
  if (!post) return null;
  const nDocs = model.docs[0] + model.docs[1] + model.docs[2];
  const { probs, known } = post;
  const coverage = known / feats.length;
  const confidence = (1 - Math.exp(-nDocs / 12)) * Math.sqrt(coverage);
  let best = 0;
  for (let k = 1; k < 3; k++) if (probs[k]! > probs[best]!) best = k;
  return { score: probs[2]! - probs[0]!, confidence, label: CLASSES[best]! };
}

/** Deterministic shuffle (so cross-validation figures are reproducible). */
function shuffled<T>(xs: T[]): T[] {
  const a = xs.slice();
  let seed = 0x9e3779b9;
  for (let i = a.length - 1; i > 0; i--) {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const j = seed % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function trainFromCorrections(samples: { text: string; label: SentimentLabel }[]): {
  model: LearnedModel;
  n: number;
  cvAccuracy: number | null;
} {
  const usable = samples.filter((s) => CLASSES.includes(s.label) && s.text.trim() !== '');
  const model = train(usable);
  const classesSeen = new Set(usable.map((s) => s.label)).size;
  let cvAccuracy: number | null = null;
  if (usable.length >= 10 && classesSeen >= 2) {
    const k = Math.min(5, usable.length);
    const data = shuffled(usable);
    let right = 0;
    for (let fold = 0; fold < k; fold++) {
      const trainSet = data.filter((_, i) => i % k !== fold);
      const testSet = data.filter((_, i) => i % k === fold);
      const m = train(trainSet);
      for (const s of testSet) {
        const post = posterior(m, features(s.text));
        let label: SentimentLabel;
        if (!post) {
          label = majority(m);
        } else {
          let best = 0;
          for (let c = 1; c < 3; c++) if (post.probs[c]! > post.probs[best]!) best = c;
          label = CLASSES[best]!;
        }
        if (label === s.label) right++;
      }
    }
    cvAccuracy = right / usable.length;
  }
  return { model, n: usable.length, cvAccuracy };
}

function majority(m: LearnedModel): SentimentLabel {
  let best = 0;
  for (let k = 1; k < 3; k++) if (m.docs[k]! > m.docs[best]!) best = k;
  return CLASSES[best]!;
}
