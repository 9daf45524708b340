// station.*: the station's own health.
import { handlers } from './types';

export const stationHandlers = handlers({
  'station.status': (_p, { station }) => station.status(),
});
