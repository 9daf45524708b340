// The engine's whole api: every domain's handlers merged into one table that must cover the
// shared contract exactly (a missing or extra method is a type error), and the one way in:
// `dispatch` checks the role and the params against the contract, then runs the handler.
import { api, isMethodName, mayCall, type Role } from '../../../shared/api';
import { createClient, type Client } from '../../../shared/client';
import { ApiError } from '../../../shared/errors';
import { describeIssues, formatIssues } from '../../../shared/schemas';
import type { Station } from '../station';
import { alertHandlers } from './alerts';
import { analysisHandlers } from './analysis';
import { annotationHandlers } from './annotations';
import { boardHandlers } from './boards';
import { gaugeHandlers } from './gauges';
import { insightHandlers } from './insights';
import { lightHandlers } from './lights';
import { mentionHandlers } from './mentions';
import { ruleHandlers } from './rules';
import { seriesHandlers } from './series';
import { setupHandlers } from './setup';
import { sourceHandlers } from './sources';
import { stationHandlers } from './station';
import { tokenHandlers } from './tokens';
import { topicHandlers } from './topics';
import type { Handlers } from './types';

export const apiHandlers: Handlers = {
  ...stationHandlers,
  ...boardHandlers,
  ...seriesHandlers,
  ...lightHandlers,
  ...mentionHandlers,
  ...analysisHandlers,
  ...sourceHandlers,
  ...topicHandlers,
  ...ruleHandlers,
  ...alertHandlers,
  ...insightHandlers,
  ...annotationHandlers,
  ...gaugeHandlers,
  ...tokenHandlers,
  ...setupHandlers,
};

/** Validate params against the contract and run the handler, as `role`. */
export async function dispatch(station: Station, method: string, params: unknown, role: Role): Promise<unknown> {
  if (!isMethodName(method)) throw new ApiError('unknown-method', { method }, `there is no api method "${method}"`);
  const def = api[method];
  if (!mayCall(role, def.role)) {
    throw new ApiError(
      'forbidden',
      { method },
      def.role === 'admin'
        ? `"${method}" needs an admin token; this token is read-only`
        : `"${method}" needs a viewer or admin token; this token only reads places`,
    );
  }
  const parsed = def.params.safeParse(params ?? {});
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    throw new ApiError('bad-params', { method, issues }, `${method}: ${describeIssues(parsed.error)}`);
  }
  const handler = apiHandlers[method] as (p: unknown, ctx: { station: Station; role: Role }) => unknown;
  return await handler(parsed.data, { station, role });
}

/** The typed client for callers in this process (the cli, tests): no HTTP in between. */
export function localClient(station: Station, role: Role = 'admin'): Client {
  return createClient((method, params) => dispatch(station, method, params, role));
}
