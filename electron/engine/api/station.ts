// station.*: the station's own health, its storage and the retention setting.
import type { StationStorage } from '../../../shared/api/station';
import type { Station } from '../station';
import { handlers } from './types';

function storage(station: Station): StationStorage {
  const r = station.retention;
  return { keepMonths: r.keepMonths, ...r.storage(), running: r.isRunning, lastRun: r.last };
}

export const stationHandlers = handlers({
  'station.status': (_p, { station }) => station.status(),
  'station.storage': (_p, { station }) => storage(station),
  'station.setRetention': async (p, { station }) => {
    station.retention.keepMonths = p.keepMonths;
    if (p.keepMonths != null && !station.readOnly) void station.retention.runNow();
    return storage(station);
  },
  'station.archiveNow': async (_p, { station }) => {
    await station.retention.runNow();
    return storage(station);
  },
});
