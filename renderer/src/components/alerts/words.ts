// Small words of the alert room: severities, the alert states of the inbox filter, and who
// acknowledged (kept at the front of the note as "[name] …", so the log and its export say it
// too).
import type { Severity } from '../../../../shared/types';
import { localWords } from '../../i18n/index.svelte';

const word = localWords({
  'zh-Hant': { info: '資訊', warning: '警告', critical: '嚴重' },
  'zh-Hans': { info: '信息', warning: '警告', critical: '严重' },
  en: { info: 'Info', warning: 'Warning', critical: 'Critical' },
});

export const severityWord = (s: Severity): string => word(s);

const WHO = /^\[([^\]\n]{1,60})\] ?/;

export function joinNote(who: string, note: string): string | undefined {
  const name = who.replace(/[[\]\n]/g, '').slice(0, 60).trim();
  const text = name ? `[${name}] ${note}`.trim() : note;
  return text || undefined;
}

export function splitNote(note: string | null): { who: string | null; note: string } {
  if (!note) return { who: null, note: '' };
  const m = WHO.exec(note);
  return m ? { who: m[1]!, note: note.slice(m[0].length) } : { who: null, note };
}
