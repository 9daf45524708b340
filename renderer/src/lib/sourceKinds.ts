// What the renderer knows about source kinds: each kind's name in the UI languages, and which
// kind the Sources form can add and edit. A kind not named here shows under its own id.
import type { SourceKind } from '../../../shared/types';
import type { Locale } from '../i18n/index.svelte';

const NAMES: Partial<Record<SourceKind, Record<Locale, string>>> = {
  feed: { 'zh-Hant': 'RSS／Atom', 'zh-Hans': 'RSS／Atom', en: 'RSS / Atom' },
  replay: { 'zh-Hant': '重播', 'zh-Hans': '重播', en: 'Replay' },
  mastodon: { 'zh-Hant': 'Mastodon', 'zh-Hans': 'Mastodon', en: 'Mastodon' },
  hackernews: { 'zh-Hant': 'Hacker News', 'zh-Hans': 'Hacker News', en: 'Hacker News' },
  reddit: { 'zh-Hant': 'Reddit', 'zh-Hans': 'Reddit', en: 'Reddit' },
  json: { 'zh-Hant': 'JSON API', 'zh-Hans': 'JSON API', en: 'JSON API' },
  folder: { 'zh-Hant': '監看資料夾', 'zh-Hans': '监看文件夹', en: 'Watched folder' },
  webhook: { 'zh-Hant': 'Webhook 推送', 'zh-Hans': 'Webhook 推送', en: 'Webhook' },
};

export function sourceKindName(kind: string, locale: Locale): string {
  return NAMES[kind as SourceKind]?.[locale] ?? kind;
}

/** The kind the Sources form adds, edits and tries (others come from config or the command line). */
export const FORM_KIND = 'feed' satisfies SourceKind;
