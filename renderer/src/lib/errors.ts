// Errors as the reader should see them: an api error's code and params become a sentence in
// the UI language (i18n/errors.ts); words from outside the station (a feed's own answer) come
// apart as `detail`. Only an error without a known code falls back to its English message,
// and that is logged so the missing code gets noticed.
import { ApiError, isErrorCode, type ErrorCode, type ErrorParams } from '../../../shared/errors';
import { ERROR_SENTENCES } from '../i18n/errors';
import { i18n } from '../i18n/index.svelte';

export interface SaidError {
  sentence: string;
  /** Outside words worth showing beside the sentence (a feed's HTTP answer), else null. */
  detail: string | null;
}

/** Codes whose `detail` param is someone else's answer the operator needs to see. */
const SHOWN_DETAIL: readonly ErrorCode[] = ['source-failed'];

export function explainError(e: unknown): SaidError {
  if (e instanceof ApiError && isErrorCode(e.code)) {
    const say = ERROR_SENTENCES[i18n.locale][e.code] as (p: ErrorParams[ErrorCode]) => string;
    const params = (e.params ?? {}) as ErrorParams[ErrorCode] & { detail?: unknown };
    if (e.code === 'internal') console.warn(`[fenghuo] station error: ${e.message}`);
    // An older station sends no detail param: its message is then the outside answer.
    const detail = SHOWN_DETAIL.includes(e.code) ? (typeof params.detail === 'string' ? params.detail : e.message) : null;
    return { sentence: say(params), detail };
  }
  const message = e instanceof Error ? e.message : String(e);
  console.warn('[fenghuo] an error without a known code, shown in English:', e);
  return { sentence: message, detail: null };
}

/** One line: the sentence, and the outside answer set apart after it when there is one. */
export function sayError(e: unknown): string {
  const { sentence, detail } = explainError(e);
  return detail ? `${sentence} — ${detail}` : sentence;
}
