// The api's errors: every failure the engine or the server answers carries a stable `code`
// and typed `params`, so a screen can say it in the reader's language; `message` is the
// English sentence for logs and the cli. Codes are part of the wire contract: never rename one.

/** One problem with one field of the params (from schema validation). */
export interface Issue {
  path: string;
  message: string;
}

/** Things an api method can fail to find. */
export type MissingThing = 'topic' | 'source' | 'mention' | 'board' | 'rule' | 'alert' | 'gauge' | 'token';

/** How the store failed to write: the disk is full, read-only, or the file is damaged or gone. */
export type StorageProblem = 'full' | 'io' | 'readonly' | 'cannot-open' | 'damaged';

/** The parameters each code carries (the English message says the same in words). */
export interface ErrorParams {
  /** The thing (by id, or by name for gauges) does not exist; `id` absent for "a default board". */
  'not-found': { what: MissingThing; id?: number | string };
  /** There is no api method of that name. */
  'unknown-method': { method: string };
  /** The method needs an admin token and this one is read-only. */
  forbidden: { method: string };
  /** The params do not fit the method's schema; one issue per field. */
  'bad-params': { method: string; issues: Issue[] };
  /** A topic query does not parse: what is wrong and where (0-based offset). */
  'bad-query': { problem: string; position: number; issues: Issue[] };
  /** A source or topic with that name already exists. */
  conflict: { what: 'source' | 'topic'; name: string };
  /** A source's config (as given to sources.test) does not fit its kind. */
  'bad-config': { issues: Issue[] };
  /** The source receives pushes (webhook): there is nothing to fetch in a test. */
  'not-polled': { kind: string };
  /** Trying the source failed: the feed, site or folder said no; `detail` is its own words. */
  'source-failed': { detail: string };
  /** The mention was moved to a month's read-only archive file (retention): it cannot be changed. */
  archived: { id: number; month: string };
  /** The store could not be written; nothing was half-written. */
  storage: { problem: StorageProblem; dataDir: string };
  /** Server: no valid token. */
  unauthorized: Record<string, never>;
  /** Server: the HTTP method is wrong for that path. */
  'method-not-allowed': { method: string };
  /** Server: the request body is larger than allowed. */
  'body-too-large': { limitBytes?: number };
  /** Server: the api call's body is not JSON. */
  'bad-json': { detail: string };
  /** Server: a webhook push body cannot be read. */
  'bad-body': { detail: string };
  /** Server: the Host header names another site (DNS rebinding). */
  'bad-host': { host: string };
  /** Server: a page from another origin tried to call or push. */
  'bad-origin': { origin: string };
  /** Server: the path is not valid percent-encoding. */
  'bad-path': Record<string, never>;
  /** Something unexpected; `detail` is the English cause. */
  internal: { detail: string };
  /** Client: the station could not be reached at all. */
  network: { detail: string };
}

export type ErrorCode = keyof ErrorParams;

/** The HTTP status the server answers for each code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  'not-found': 404,
  'unknown-method': 404,
  forbidden: 403,
  'bad-params': 400,
  'bad-query': 400,
  conflict: 409,
  'bad-config': 400,
  'not-polled': 400,
  'source-failed': 502,
  archived: 409,
  storage: 507,
  unauthorized: 401,
  'method-not-allowed': 405,
  'body-too-large': 413,
  'bad-json': 400,
  'bad-body': 400,
  'bad-host': 421,
  'bad-origin': 403,
  'bad-path': 400,
  internal: 500,
  network: 0,
};

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

/** An api error as sent over the wire (`issues` repeats params.issues for older clients). */
export interface ApiErrorBody {
  error: { code: string; message: string; params?: Record<string, unknown>; issues?: Issue[] };
}

/** The one api error: thrown by handlers, sent by the server, rebuilt by the client. */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;
  constructor(
    readonly code: C,
    readonly params: ErrorParams[C],
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status ?? ERROR_STATUS[code];
  }

  /** Field-by-field problems, when the code has them. */
  get issues(): Issue[] {
    const p = this.params as { issues?: Issue[] };
    return p.issues ?? [];
  }

  toBody(): ApiErrorBody {
    const issues = this.issues;
    return { error: { code: this.code, message: this.message, params: this.params, ...(issues.length ? { issues } : {}) } };
  }
}

/** "topic 3 does not exist" */
export function notFound(what: MissingThing, id?: number | string | null): ApiError<'not-found'> {
  if (id === undefined || id === null) return new ApiError('not-found', { what }, `a default ${what} does not exist`);
  const name = typeof id === 'string' ? `${what} "${id}"` : `${what} ${id}`;
  return new ApiError('not-found', { what, id }, `${name} does not exist`);
}
