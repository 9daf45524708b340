// Sentiment and the six emotions of one text, offline, for zh-Hant, zh-Hans and English.
//
// The score comes from the shipped learned model of the text's language family (model.ts:
// hashed n-grams under logistic regression, trained offline on public labelled corpora, see
// resources/models/MODEL_CARD.md), which takes the lexicon's reading of the text
// (lexicon-score.ts: negation, degree adverbs, contrast, sarcasm, emoji, PTT push lines) as
// features. Emotions come from the lexicon alone. When a model learned from analysts'
// corrections is given, it is blended in by how much evidence it has for the text at hand.

import type { Emotions, Lang, SentimentLabel } from '../../../shared/types';
import { detectLang } from './lang';
import { loadLexicon } from './lexicon';
import { clamp1, lexiconForm, round3, scoreLexiconForm } from './lexicon-score';
import { predictLearned } from './learn';
import type { LearnedModel } from './learn';
import { prepareNormalizedForFeatures, type Family } from './features';
import { loadModel, scoreWithModel } from './model';
import type { SentimentModel } from './model';
import { resourcePath } from '../paths';

export { scoreWithLexicon } from './lexicon-score';
export type { LexiconScore } from './lexicon-score';

export interface SentimentResult {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
  emotions: Emotions;
}

export interface Analyzer {
  analyze(text: string, lang?: Lang): SentimentResult & { lang: Lang };
}

/** |score| below this is neutral (tuned on the dev split of tests/fixtures/sentiment). */
export const NEUTRAL_BAND = 0.2;

export function labelOf(score: number): SentimentLabel {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

/** Where the shipped model of a language family lives. */
export function shippedModelPath(family: Family): string {
  return resourcePath('models', `sentiment-${family}.fhsm`);
}

let shipped: { zh: SentimentModel; en: SentimentModel } | null = null;

/** The shipped models, read and checked on first use (a corrupt file throws, naming it). */
export function loadShippedModels(): { zh: SentimentModel; en: SentimentModel } {
  shipped ??= { zh: loadModel(shippedModelPath('zh')), en: loadModel(shippedModelPath('en')) };
  return shipped;
}

export interface AnalyzerOptions {
  /** The station's model learned from analysts' corrections, blended on top. */
  learned?: LearnedModel | null;
  learnedWeight?: number;
  /** The learned models to use; default the shipped ones, null for the lexicon alone. */
  models?: { zh: SentimentModel; en: SentimentModel } | null;
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const lex = loadLexicon();
  const models = opts.models === undefined ? loadShippedModels() : opts.models;
  const learned = opts.learned ?? null;
  const weight = opts.learnedWeight ?? 0.9;
  return {
    analyze(text: string, lang?: Lang) {
      const l = lang ?? detectLang(text);
      // One NFKC for the lexicon and the model (scoreWithLexicon and prepareForFeatures both start with it).
      const nfkc = text.normalize('NFKC');
      const form = lexiconForm(nfkc);
      const base = scoreLexiconForm(form, lex);
      // Chinese of either script reads the Chinese model (it sees folded text); English the
      // English one; other languages keep the lexicon, whose emoji and emoticons still apply.
      const model = !models ? null : l === 'zh-Hant' || l === 'zh-Hans' ? models.zh : l === 'en' ? models.en : null;
      let score = base.score;
      if (model && /[\p{L}\p{N}]/u.test(text)) {
        // The model's form differs from the lexicon's only in URLs, @handles and U+FE0F: a text
        // without any of them reads the same string, folded once.
        const plain = !nfkc.includes('http') && !nfkc.includes('www.') && !nfkc.includes('@') && !nfkc.includes('\ufe0f');
        score = scoreWithModel(model, text, base, plain ? form.s : prepareNormalizedForFeatures(nfkc)).score;
      }
      if (learned) {
        const p = predictLearned(learned, text);
        if (p) {
          const w = weight * p.confidence;
          score = score * (1 - w) + p.score * w;
        }
      }
      const raw = score;
      score = round3(clamp1(score));
      // Any signal keeps a sign: rounding must not turn a faint score into exactly 0.
      if (score === 0 && raw !== 0) score = raw > 0 ? 0.001 : -0.001;
      return { score, label: labelOf(score), emotions: base.emotions, lang: l };
    },
  };
}
