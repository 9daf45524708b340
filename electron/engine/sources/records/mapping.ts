// Records → items: dot paths into JSON (`data.items`, `user.name`), dates in a declared format
// (`iso`, `epoch-s`, `epoch-ms`, or a pattern like `YYYY/MM/DD HH:mm` in a zone), and a field
// mapping that turns one record (a JSON object or a CSV row) into an IncomingItem. Pure; the
// generic JSON source, watched folders, `fenghuo import` and webhooks all use it.
import { createHash } from 'node:crypto';
import type { FieldMapping } from '../../../../shared/source-configs';
import { parseFeedDate } from '../feed/dates';
import type { IncomingItem } from '../types';

/** The value at a dot path. A key that itself contains dots (a CSV header) is found whole first. */
export function getPath(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(obj, path)) return obj[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point, so `a.b.c` finds {"a.b": {"c": 1}} as well as {"a": {"b": {"c": 1}}}.
  for (let i = dot; i >= 0 && i < path.length; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (Object.prototype.hasOwnProperty.call(obj, head)) {
      const found = getPath(obj[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export interface DateSpec {
  format: string;
  /** Z or ±HH:MM; used when the text carries no offset. */
  zone: string;
}

function zoneMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const patternCache = new Map<string, { re: RegExp; order: string[] }>();

function compilePattern(format: string): { re: RegExp; order: string[] } {
  const hit = patternCache.get(format);
  if (hit) return hit;
  const order: string[] = [];
  let src = '';
  const tokens = /YYYY|MM|DD|HH|mm|ss/g;
  let last = 0;
  for (let m = tokens.exec(format); m; m = tokens.exec(format)) {
    src += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    src += m[0] === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    order.push(m[0]);
    last = m.index + m[0].length;
  }
  src += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const compiled = { re: new RegExp(`^\\s*${src}\\s*(Z|[+-]\\d{2}:?\\d{2})?\\s*$`), order };
  patternCache.set(format, compiled);
  return compiled;
}

/** Epoch ms, or null when the value is absent or does not read in the format. */
export function parseDate(value: unknown, spec: DateSpec): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (spec.format === 'epoch-s' || spec.format === 'epoch-ms') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    if (!Number.isFinite(n)) return null;
    return Math.round(spec.format === 'epoch-s' ? n * 1000 : n);
  }
  if (spec.format === 'iso') {
    if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? (value < 1e10 ? value * 1000 : value) : null;
    if (typeof value !== 'string') return null;
    let s = value.trim();
    // An ISO date-time without an offset is read in the configured zone, not the machine's.
    if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s)) {
      s = (s.length === 10 ? `${s}T00:00:00` : s.replace(' ', 'T')) + (spec.zone === 'Z' ? 'Z' : spec.zone);
    }
    const iso = parseFeedDate(s);
    return iso ? Date.parse(iso) : null;
  }
  if (typeof value !== 'string') return null;
  const { re, order } = compilePattern(spec.format);
  const m = re.exec(value);
  if (!m) return null;
  const part: Record<string, number> = { YYYY: 1970, MM: 1, DD: 1, HH: 0, mm: 0, ss: 0 };
  order.forEach((t, i) => (part[t] = Number(m[i + 1])));
  const { YYYY, MM, DD, HH, mm, ss } = part as Record<'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss', number>;
  if (MM < 1 || MM > 12 || DD < 1 || DD > 31 || HH > 23 || mm > 59 || ss > 60) return null;
  const own = m[order.length + 1];
  const offset = own ? zoneMinutes(own.length === 5 ? `${own.slice(0, 3)}:${own.slice(3)}` : own) : zoneMinutes(spec.zone);
  return Date.UTC(YYYY, MM - 1, DD, HH, mm, ss) - offset * 60_000;
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim()) {
    const n = Number(v.replace(/[,_\s]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function asTags(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asText).filter((t): t is string => t !== null).map((t) => t.replace(/^#/, '').trim()).filter(Boolean);
  const s = asText(v);
  if (!s) return [];
  return s
    .split(/[,;|，、\s]+/)
    .map((t) => t.replace(/^#/, '').trim())
    .filter(Boolean);
}

export type MapResult = { item: IncomingItem } | { error: string };

/**
 * One record as an item. A record without a guid field gets one from its content (so the same
 * row imported twice is the same mention); one with no text, html or title is refused, as is
 * one whose date is present but does not read in the format.
 */
export function mapRecord(record: unknown, map: FieldMapping, dates: DateSpec): MapResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { error: 'not an object' };
  const get = (f: keyof FieldMapping): unknown => (map[f] ? getPath(record, map[f]) : undefined);
  const title = asText(get('title'));
  const text = asText(get('text'));
  const html = asText(get('html'));
  if (!title && !text && !html) {
    const want = [map.text, map.html, map.title].filter(Boolean).map((f) => `"${f}"`);
    return { error: `no text: ${want.length ? want.join(', ') + ' empty or missing' : 'nothing is mapped to text, html or title'}` };
  }
  const rawDate = get('publishedAt');
  let publishedAt: number | null = null;
  if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
    publishedAt = parseDate(rawDate, dates);
    if (publishedAt === null) return { error: `date "${String(rawDate).slice(0, 60)}" does not read as ${dates.format}` };
  }
  const rawReach = get('reach');
  const reach = rawReach === undefined || rawReach === null || rawReach === '' ? 0 : asNumber(rawReach);
  if (reach === null || reach < 0) return { error: `reach "${String(rawReach).slice(0, 40)}" is not a number` };
  const guid =
    asText(get('guid')) ??
    `sha1:${createHash('sha1').update(JSON.stringify([title, text, html, asText(get('url')), asText(get('author')), publishedAt])).digest('hex')}`;
  return {
    item: {
      guid,
      title,
      text,
      html,
      url: asText(get('url')),
      author: asText(get('author')),
      publishedAt,
      lang: asText(get('lang')),
      tags: asTags(get('tags')),
      reach,
    },
  };
}

/** The mapping a webhook uses when none is configured: the item's own field names. */
export const IDENTITY_MAPPING: FieldMapping = {
  guid: 'guid',
  title: 'title',
  text: 'text',
  html: 'html',
  url: 'url',
  author: 'author',
  publishedAt: 'publishedAt',
  reach: 'reach',
  tags: 'tags',
  lang: 'lang',
};
