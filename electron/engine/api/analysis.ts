// analysis.*: the model learned from corrections: its figures, and retraining it.
import { trainFromCorrections } from '../analysis/learn';
import { LEARNED_MODEL_KEY } from '../station';
import { handlers } from './types';

/** Settings key of the learned model's figures. */
const MODEL_INFO_KEY = 'learned.info';

export const analysisHandlers = handlers({
  'analysis.model': (_p, { station }) =>
    station.store.settings.get(MODEL_INFO_KEY, { n: 0, cvAccuracy: null, trainedAt: null }),
  'analysis.retrain': (_p, { station }) => {
    const { model, n, cvAccuracy } = trainFromCorrections(station.store.corrections.samples());
    const info = { n, cvAccuracy, trainedAt: station.clock.now() };
    station.store.tx(() => {
      station.store.settings.set(LEARNED_MODEL_KEY, n > 0 ? model : null);
      station.store.settings.set(MODEL_INFO_KEY, info);
    });
    station.setLearned(n > 0 ? model : null);
    return info;
  },
});
