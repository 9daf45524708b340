// station.*: the station's own health. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import type { StationStatus } from '../types';
import { method, none } from './method';

export const stationApi = {
  'station.status': method<StationStatus>()({
    params: none,
    role: 'viewer',
    doc: 'Station name, demo flag, counts, newest data time and source health summary.',
  }),
} as const;
