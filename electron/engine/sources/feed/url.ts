// URLs taken from feeds: resolved against their base, unwrapped from redirectors, and kept
// only when they are http(s). Anything else (javascript:, data:, file:, relative without a
// base) becomes null rather than a link someone might click.

/** Absolute http(s) URL of `raw` against `base`, or null. */
export function resolveHttpUrl(raw: string | null | undefined, base?: string | null): string | null {
  const s = raw?.trim();
  if (!s) return null;
  let u: URL;
  try {
    u = base ? new URL(s, base) : new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return unwrapRedirect(u).href;
}

/**
 * Google Alerts (and Google search results) wrap every link as
 * https://www.google.com/url?rct=j&sa=t&url=REAL&ct=ga&...; the mention is REAL.
 */
function unwrapRedirect(u: URL): URL {
  if (u.pathname === '/url' && /(^|\.)google\.[a-z]{2,3}(\.[a-z]{2})?$/.test(u.hostname)) {
    const inner = u.searchParams.get('url') ?? u.searchParams.get('q');
    if (inner) {
      try {
        const real = new URL(inner);
        if (real.protocol === 'http:' || real.protocol === 'https:') return real;
      } catch {
        // not a URL: keep the wrapper, it still leads somewhere
      }
    }
  }
  return u;
}
