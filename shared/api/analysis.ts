// analysis.*: the model learned from corrections. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import type { LearnedModelInfo } from '../types';
import { method, none } from './method';

export const analysisApi = {
  'analysis.model': method<LearnedModelInfo>()({
    params: none,
    role: 'viewer',
    doc: 'The model learned from corrections: how many, and its cross-validated accuracy.',
  }),
  'analysis.retrain': method<LearnedModelInfo>()({
    params: none,
    role: 'admin',
    doc: 'Retrain the learned model from every corrected mention; later mentions are scored with it.',
  }),
} as const;
