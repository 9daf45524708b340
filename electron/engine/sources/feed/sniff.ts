// Recognising what came back when it is not a feed: a bot-challenge or block page from a
// CDN or anti-bot service. The operator needs "Cloudflare is challenging us", not an empty
// list or a parse error. Markers are distinctive strings these pages are built from.

const CHALLENGE_MARKERS: readonly (readonly [RegExp, string])[] = [
  [/<title>\s*Just a moment\.{3}\s*<\/title>/i, 'Cloudflare'],
  [/Attention Required!\s*\|\s*Cloudflare/i, 'Cloudflare'],
  [/cf-chl-|_cf_chl_opt|\/cdn-cgi\/challenge-platform\//i, 'Cloudflare'],
  [/cf-browser-verification|Checking your browser before accessing/i, 'Cloudflare'],
  [/^\s*error code: 1\d{3}\s*$/i, 'Cloudflare'],
  [/ddos-guard|DDoS protection by/i, 'DDoS-Guard'],
  [/_Incapsula_Resource|Pardon Our Interruption/i, 'Imperva'],
  [/captcha-delivery\.com/i, 'DataDome'],
  [/sucuri_cloudproxy|Sucuri WebSite Firewall/i, 'Sucuri'],
  [/<title>\s*(?:Robot Check|Are you a robot\??|Human Verification)\s*<\/title>/i, 'anti-bot'],
];

/** The service behind a challenge/block page ("Cloudflare", ...), or null. */
export function detectChallenge(text: string): string | null {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  for (const [pattern, who] of CHALLENGE_MARKERS) if (pattern.test(head)) return who;
  return null;
}
