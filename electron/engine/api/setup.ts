// setup.*: the station's topics and light rules exported and imported as one file (the drill's
// rules format), and rules.backtest / rules.remove, the rules room's other two commands.
import { backtestRule, ruleFromInput } from '../alerts/backtest';
import { exportSetup, importSetup, SetupFileError } from '../setup-file';
import type { Station } from '../station';
import { ApiError, handlers, notFound } from './types';

const DAY = 86_400_000;

function rulesChanged(station: Station): void {
  station.lights.evaluate();
  station.events.emit({ type: 'rules', now: station.clock.now(), rules: station.store.lights.rules() });
}

export const setupHandlers = handlers({
  'rules.backtest': (p, { station }) => {
    const r = p.rule;
    const { store } = station;
    if (r.scope === 'topic' && !store.topics.get(r.scopeId)) throw notFound('topic', r.scopeId);
    if (r.scope === 'source' && !store.sources.get(r.scopeId)) throw notFound('source', r.scopeId);
    if (r.scope === 'gauge' && !store.gauges.get(r.scopeId)) throw notFound('gauge', r.scopeId);
    const to = station.clock.now();
    // A minute a step, as a drill.
    return backtestRule(store, ruleFromInput(r), { from: to - p.days * DAY, to, stepMin: p.stepMin ?? 1, tzOffsetMin: p.tzOffsetMin });
  },
  'rules.remove': (p, { station }) => {
    const removed = station.store.lights.removeRule(p.id);
    if (removed) rulesChanged(station);
    return { removed };
  },
  'setup.export': (_p, { station }) => {
    const file = exportSetup(station.store);
    const stamp = new Date(station.clock.now()).toISOString().slice(0, 10);
    return { filename: `fenghuo-setup-${stamp}.json`, text: JSON.stringify(file, null, 2) + '\n', file };
  },
  'setup.import': (p, { station }) => {
    let result;
    try {
      result = importSetup(station.store, p.file, { now: station.clock.now(), dryRun: p.dryRun });
    } catch (e) {
      if (!(e instanceof SetupFileError)) throw e;
      // Every problem of the file, each with its kind, so a screen can say it in its language.
      throw new ApiError('bad-params', { method: 'setup.import', issues: e.issues }, `setup file: ${e.message}`);
    }
    if (!p.dryRun) {
      station.topics.reload();
      rulesChanged(station);
    }
    return result;
  },
});
