// JSON over the guarded HTTP client, for the API kinds (Mastodon, Hacker News, Reddit, generic
// JSON): a body that is not JSON is an error that says what came instead.
import { guardedFetch, type FetchOptions, type FetchResult } from './fetch';

export class SourceError extends Error {
  override name = 'SourceError';
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export async function fetchJson(url: string, opts: FetchOptions): Promise<{ json: unknown; res: FetchResult }> {
  const res = await guardedFetch(url, { ...opts, headers: { accept: 'application/json', ...opts.headers } });
  const text = res.body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return { json: JSON.parse(text), res };
  } catch (e) {
    const type = res.headers['content-type'] ?? 'no content type';
    const what = /^\s*</.test(text) ? 'an HTML/XML page' : text.trim() ? 'malformed JSON' : 'an empty body';
    throw new SourceError(`${url}: expected JSON, got ${what} (${type}; ${(e as Error).message})`);
  }
}
