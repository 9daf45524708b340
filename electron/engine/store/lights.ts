// Everything about lights in one handle, as the lights engine and the api use it: rules
// (rules.ts), light states (light-states.ts), the alert log (alerts.ts), the metrics a rule
// reads from the rollups (rollups.ts) and the evidence of a change (evidence.ts).
import { alertsRepo } from './alerts';
import type { Db } from './db';
import { evidenceRepo } from './evidence';
import { lightStatesRepo } from './light-states';
import type { Rollups } from './rollups';
import { rulesRepo } from './rules';

export type { AlertFilter, NewAlert } from './alerts';
export type { LightMemory, StoredState } from './light-states';
export type { SeriesKey, WindowMetrics } from './rollups';
export type { RuleInput } from './rules';

export function lightsRepo(db: Db, rollups: Rollups) {
  return {
    ...rulesRepo(db),
    ...lightStatesRepo(db),
    ...alertsRepo(db),
    ...evidenceRepo(db),
    windowMetrics: rollups.windowMetrics,
    firstMinute: rollups.firstMinute,
    bucketCounts: rollups.bucketCounts,
    minuteRows: rollups.minuteRows,
  };
}
