// Feed dates → ISO 8601 UTC, or null. Never throws: a date we cannot read is a missing date.
//
// Read: RFC 822/1123/2822 and their real-world variants (no day name, misspelt day names,
// 2-digit years, missing seconds, named zones, "GMT+8", "+08:00", zone in parentheses),
// ISO 8601 / RFC 3339 (with or without "T", separators, fractions, zone), "2024/01/05 13:22"
// and "2024年1月5日 13:22" from Chinese sites, Java's Date.toString ("Fri Jan 05 13:22:00
// CST 2024"), and unix timestamps (seconds or milliseconds).
//
// A date without any zone is taken as UTC. That is a guess (a Taipei site's "13:22" is
// probably +08:00) but a documented, stable one; the alternative — the station's own zone —
// would make the same feed parse differently on two machines.
//
// "CST" is US Central (-06:00) in RFC 822 but China Standard Time (+08:00) on Chinese
// servers; pass `chinaZones: true` (the feed parser does when the feed's language is zh) to
// read CST as +08:00. Other ambiguous abbreviations take their most common meaning.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

const WEEKDAY = /^(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day|nesday|urday|sday|rsday)?\.?$/i;

/** Offsets in minutes east of UTC. */
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, wet: 0, bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120,
  eet: 120, eest: 180, msk: 180, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360,
  pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, pht: 480, wib: 420, ict: 420,
  acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

export interface DateOptions {
  /** Read "CST" as China Standard Time (+08:00) instead of US Central. */
  chinaZones?: boolean;
}

export function parseFeedDate(input: unknown, opts: DateOptions = {}): string | null {
  const ms = parseToMs(input, opts);
  if (ms === null || !Number.isFinite(ms)) return null;
  // Archives reach back before 1970 (negative epoch milliseconds are fine); a year outside
  // 1000–2200 is a misread, not a date.
  const year = new Date(ms).getUTCFullYear();
  if (year < 1000 || year > 2200) return null;
  return new Date(ms).toISOString();
}

function parseToMs(input: unknown, opts: DateOptions): number | null {
  if (typeof input === 'number') return fromUnix(input);
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (!s) return null;
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return fromUnix(Number(s));
  return iso(s) ?? slashed(s) ?? rfc822(s, opts);
}

/** Seconds before 2286-11-20 are < 1e10; larger values are milliseconds. */
const fromUnix = (n: number): number | null => (Number.isFinite(n) && n > 0 ? (n < 1e10 ? n * 1000 : n) : null);

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = 0, offsetMin = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  if (h === 24 && (mi > 0 || s > 0)) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), frac);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null; // 30 February
  return t - offsetMin * 60_000;
}

function offsetOf(sign: string, hh: string, mm: string | undefined): number | null {
  const h = Number(hh);
  const m = Number(mm ?? 0);
  if (h > 14 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

// 2024-01-05T13:22:10.123+08:00, 20240105T132210Z, 2024-01-05 13:22, 2024-01-05
const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function iso(s: string): number | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let offset = 0;
  if (zone && /^[+-]/.test(zone)) {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const o = offsetOf(z[1]!, z[2]!, z[3]);
    if (o === null) return null;
    offset = o;
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return utc(+y!, +mo!, +d!, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, ms, offset);
}

// 2024/01/05 13:22, 2024/1/5 13:22:05 +0800, 2024.01.05, 2024年1月5日 13時22分
function slashed(s: string): number | null {
  const t = s
    .replace(/(\d)\s*[年]\s*(\d)/, '$1/$2')
    .replace(/(\d)\s*[月]\s*(\d)/, '$1/$2')
    .replace(/(\d)\s*[日号號]\s*/, '$1 ')
    .replace(/(\d)\s*[时時点點]\s*(\d)/, '$1:$2')
    .replace(/(\d)\s*分\s*(\d)/, '$1:$2')
    .replace(/[分秒]/g, '')
    .replace(/\s*(上午|AM)\s*/i, ' am ')
    .replace(/\s*(下午|PM)\s*/i, ' pm ')
    .trim();
  const m =
    /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s+(am |pm )?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(
      t,
    );
  if (!m) return null;
  const [, y, mo, d, ap1, h, mi, sec, ap2, zone] = m;
  let hour = h ? +h : 0;
  const ampm = (ap1 ?? ap2 ?? '').trim().toLowerCase();
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  let offset = 0;
  if (zone && /^[+-]/.test(zone)) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const o = offsetOf(z[1]!, z[2]!, z[3]);
    if (o === null) return null;
    offset = o;
  }
  return utc(+y!, +mo!, +d!, hour, mi ? +mi : 0, sec ? +sec : 0, 0, offset);
}

/**
 * RFC 822 family, read token by token so the parts may come in the orders real servers
 * use: "Fri, 5 Jan 2024 13:22:00 +0800", "5 Jan 24 13:22 EST", "Friday, January 5, 2024
 * 1:22 PM GMT+8", "Fri Jan 05 13:22:00 CST 2024".
 */
function rfc822(s: string, opts: DateOptions): number | null {
  const tokens = s
    .replace(/\([^)]*\)/g, ' ') // "(PST)" comments
    .replace(/,/g, ' ')
    .replace(/\b(GMT|UTC|UT)\s*([+-])/gi, '$1$2')
    .replace(/(\d{1,2}:\d{2}(?::\d{2})?)([+-]\d{2}:?\d{2}|Z)\b/g, '$1 $2') // "13:22:00+0800"
    .split(/\s+/)
    .filter(Boolean);
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let offset: number | undefined;
  let ampm = '';

  for (const raw of tokens) {
    const tok = raw.toLowerCase();
    let m: RegExpExecArray | null;
    if (WEEKDAY.test(tok)) continue;
    if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(tok))) {
      hour = +m[1]!;
      minute = +m[2]!;
      second = m[3] ? +m[3] : 0;
    } else if (tok === 'am' || tok === 'pm' || tok === 'a.m.' || tok === 'p.m.') {
      ampm = tok[0]!;
    } else if (MONTHS[tok.replace(/\.$/, '')] !== undefined) {
      month = MONTHS[tok.replace(/\.$/, '')];
    } else if ((m = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tok))) {
      // +0800, -05:00, GMT+8, UTC+08:00
      const o = offsetOf(m[1]!, m[2]!, m[3]);
      if (o === null) return null;
      offset = o;
    } else if (ZONES[tok] !== undefined) {
      offset = tok === 'cst' && opts.chinaZones ? 480 : ZONES[tok];
    } else if (/^[a-ik-z]$/.test(tok)) {
      offset ??= 0; // military zone letters: RFC 2822 says treat as unknown, i.e. UTC
    } else if (/^\d{4}$/.test(tok)) {
      year = +tok;
    } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(tok))) {
      if (day === undefined) day = +m[1]!;
      else if (year === undefined) year = +m[1]!;
      else return null;
    } else if ((m = /^(\d{1,2})-([a-z]{3})-(\d{2,4})$/.exec(tok))) {
      // 05-Jan-2024 (cookie-style)
      day = +m[1]!;
      month = MONTHS[m[2]!];
      year = +m[3]!;
    } else {
      return null; // a word we do not know: better no date than a wrong one
    }
  }
  if (day === undefined || month === undefined || year === undefined) return null;
  if (year < 100) year += year < 50 ? 2000 : 1900;
  if (ampm === 'p' && hour < 12) hour += 12;
  if (ampm === 'a' && hour === 12) hour = 0;
  return utc(year, month, day, hour, minute, second, 0, offset ?? 0);
}
