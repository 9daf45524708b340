// The UI language: a reactive locale (remembered in localStorage), t() over typed keys,
// and numbers, times and durations formatted by Intl in that locale.
import { en } from './en';
import { zhHans } from './zh-Hans';
import { zhHant, type MessageKey, type Messages } from './zh-Hant';
import { ageParts } from '../lib/time';
import { interpolate } from './interpolate';

export const LOCALES = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-Hant': '繁體', 'zh-Hans': '简体', en: 'EN' };

const DICTS: Record<Locale, Messages> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };
const STORAGE_KEY = 'fenghuo.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'zh-Hant';
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* not remembered; still switched */
  }
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return interpolate(DICTS[i18n.locale][key], vars);
}

/**
 * Words only one component uses, kept in that component in every UI language (a new panel
 * brings its own words without touching the dictionaries): `const w = localWords({…})`.
 */
export function localWords<K extends string>(words: Record<Locale, Record<K, string>>) {
  return (key: K, vars?: Record<string, string | number>): string => interpolate(words[i18n.locale][key], vars);
}

// Intl formatters are costly to build: cache one per locale and style.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  const k = i18n.locale + '|' + key;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = make()));
  return f as T;
}

export function fmtNumber(n: number): string {
  return cached('num', () => new Intl.NumberFormat(i18n.locale)).format(n);
}

export function fmtPercent(share: number): string {
  return cached('pct', () => new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

export function fmtTime(ms: number): string {
  return cached('hms', () => new Intl.DateTimeFormat(i18n.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })).format(ms);
}

export function fmtHourMinute(ms: number): string {
  return cached('hm', () => new Intl.DateTimeFormat(i18n.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(ms);
}

export function fmtDate(ms: number): string {
  return cached('date', () => new Intl.DateTimeFormat(i18n.locale, { month: 'short', day: 'numeric', weekday: 'short' })).format(ms);
}

export function fmtDateTime(ms: number): string {
  return cached('dt', () => new Intl.DateTimeFormat(i18n.locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(ms);
}

/** A window length in the largest whole unit: 360 → "6 小時", 10 → "10 分鐘". */
export function fmtDuration(minutes: number, display: 'long' | 'short' = 'long'): string {
  const [value, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return cached('dur-' + unit + display, () => new Intl.NumberFormat(i18n.locale, { style: 'unit', unit, unitDisplay: display })).format(value);
}

/** An age as a duration: "12 秒" / "3 分鐘". */
export function fmtAge(ms: number): string {
  const { value, unit } = ageParts(ms);
  return cached('age-' + unit, () => new Intl.NumberFormat(i18n.locale, { style: 'unit', unit, unitDisplay: 'long' })).format(value);
}

/** An age relative to now: "12 秒前". */
export function fmtAgo(ms: number): string {
  const { value, unit } = ageParts(ms);
  return cached('ago', () => new Intl.RelativeTimeFormat(i18n.locale, { numeric: 'always' })).format(-value, unit);
}
