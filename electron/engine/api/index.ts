// The engine's whole api: every domain's handlers merged into one table that must cover the
// shared contract exactly (a missing or extra method is a type error).
import { insightHandlers } from './insights';
import { annotationHandlers } from './annotations';
import { exploreHandlers } from './explore';
import { manageHandlers } from './manage';
import { stationHandlers } from './station';
import type { Handlers } from './types';

export const apiHandlers: Handlers = { ...stationHandlers, ...manageHandlers, ...insightHandlers, ...exploreHandlers, ...annotationHandlers };
export { ApiError, type Ctx } from './types';
