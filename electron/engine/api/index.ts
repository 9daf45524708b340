// The engine's whole api: every domain's handlers merged into one table that must cover the
// shared contract exactly (a missing or extra method is a type error).
import { alertHandlers } from './alerts';
import { insightHandlers } from './insights';
import { annotationHandlers } from './annotations';
import { exploreHandlers } from './explore';
import { gaugeHandlers } from './gauges';
import { manageHandlers } from './manage';
import { sourceTestHandlers } from './source-test';
import { stationHandlers } from './station';
import type { Handlers } from './types';
import { tokenHandlers } from '../../server/tokens';

export const apiHandlers: Handlers = { ...stationHandlers, ...manageHandlers, ...alertHandlers, ...insightHandlers, ...exploreHandlers, ...annotationHandlers, ...tokenHandlers, ...gaugeHandlers, ...sourceTestHandlers };
export { ApiError, type Ctx } from './types';
