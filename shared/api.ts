// The api contract: every method the engine answers, declared once with its params schema,
// the role it needs and its result type, plus the events on the stream. Each domain declares
// its methods in shared/api/<domain>.ts (as the engine's handlers live in
// electron/engine/api/<domain>.ts); this file merges them into the one table that the
// server's routes, the typed client (client.ts) and docs/api.md are derived from.
import type { z } from 'zod';
import { alertsApi } from './api/alerts';
import { analysisApi } from './api/analysis';
import { annotationsApi } from './api/annotations';
import { boardsApi } from './api/boards';
import { gaugesApi } from './api/gauges';
import { insightsApi } from './api/insights';
import { lightsApi } from './api/lights';
import { mentionsApi } from './api/mentions';
import { rulesApi } from './api/rules';
import { seriesApi } from './api/series';
import { sourcesApi } from './api/sources';
import { stationApi } from './api/station';
import { tokensApi } from './api/tokens';
import { topicsApi } from './api/topics';
import type { MethodDef } from './api/method';
import { setupApi } from './setup';

export type { MethodDef, Role } from './api/method';
export { mayCall } from './api/method';
export type { VolumeSeries, HeatSeries } from './api/series';
export type { TopicPreview } from './api/topics';
export type { TermsInsight, AuthorsInsight, ShareOfVoice } from './api/insights';
export type { SearchResult, MentionExport } from './api/mentions';
export type { AlertEvidenceMentions, AlertExport } from './api/alerts';
export { EVENT_DOCS, type EventType, type StationEvent } from './api/events';

export const api = {
  ...stationApi,
  ...boardsApi,
  ...seriesApi,
  ...lightsApi,
  ...mentionsApi,
  ...analysisApi,
  ...annotationsApi,
  ...sourcesApi,
  ...gaugesApi,
  ...topicsApi,
  ...rulesApi,
  ...alertsApi,
  ...insightsApi,
  ...tokensApi,
  ...setupApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type Params<M extends MethodName> = z.input<Api[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Api[M]['params']>;
export type Result<M extends MethodName> = Api[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** An api error as sent over the wire. */
export type { ApiErrorBody } from './errors';
