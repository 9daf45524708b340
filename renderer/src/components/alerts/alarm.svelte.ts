// A red nobody misses: what every screen does when a light turns red. The alert stays up
// (the takeover) until it is acknowledged or dismissed; a notification is raised (the desktop
// app's through the native bridge, else the browser's once permission was given); the alarm
// sound plays when it is on (its volume kept in this browser; off by default on viewer
// walls); the header turns red and pulses. The unacknowledged count rides the lights: every
// light carries its own, and acknowledging re-sends them.
import type { Alert } from '../../../../shared/types';
import { call } from '../../lib/api';
import { notify } from '../../lib/native';
import { onAlert } from '../../state/alerts.svelte';
import { lights } from '../../state/lights.svelte';
import { rules } from '../../state/rules.svelte';
import { station } from '../../state/station.svelte';
import { isFrozen } from '../../lib/presenter.svelte';
import { localWords } from '../../i18n/index.svelte';
import { sayReason } from './reason';

const SOUND_KEY = 'fenghuo.alarm';
const alarmUrl = new URL('../../assets/alarm.wav', import.meta.url).href;

const word = localWords({
  'zh-Hant': { title: '警戒：{label}' },
  'zh-Hans': { title: '警戒：{label}' },
  en: { title: 'Red: {label}' },
});

interface SoundSetting {
  /** null: the default (on for an operator's screen, off on a viewer wall). */
  on: boolean | null;
  /** 0..1 */
  volume: number;
}

function loadSound(): SoundSetting {
  try {
    const raw = JSON.parse(localStorage.getItem(SOUND_KEY) ?? 'null') as Partial<SoundSetting> | null;
    if (raw && typeof raw === 'object') {
      return { on: typeof raw.on === 'boolean' ? raw.on : null, volume: typeof raw.volume === 'number' ? Math.min(1, Math.max(0, raw.volume)) : 0.7 };
    }
  } catch {
    /* unreadable: defaults */
  }
  return { on: null, volume: 0.7 };
}

export const alarm = $state({
  /** The red alert on screen until acknowledged or dismissed. */
  current: null as Alert | null,
  /** Bumped on every change to red: the header pulses on it. */
  redCount: 0,
  /** Notifications raised in this page (what the takeover's "notified" says). */
  notified: 0,
  sound: loadSound(),
});

/** Whether the sound plays here: the choice made in this browser, else by the page's role. */
export function soundOn(): boolean {
  return alarm.sound.on ?? station.role === 'admin';
}

export function setSound(patch: Partial<SoundSetting>): void {
  alarm.sound = { ...alarm.sound, ...patch };
  try {
    localStorage.setItem(SOUND_KEY, JSON.stringify(alarm.sound));
  } catch {
    /* not remembered */
  }
}

export function playAlarm(): void {
  try {
    const audio = new Audio(alarmUrl);
    audio.volume = alarm.sound.volume;
    // A browser may refuse sound before the page was touched: the light and banner remain.
    void audio.play().catch(() => {});
  } catch {
    /* no audio here */
  }
}

/** Unacknowledged yellow and red alerts of the lights on show. */
export function unacknowledged(): number {
  return lights.list.reduce((n, l) => n + l.unacknowledged, 0);
}

/** Any light red now. */
export function anyRed(): boolean {
  return lights.list.some((l) => l.color === 'red');
}

export function dismissAlarm(): void {
  alarm.current = null;
}

/** Acknowledge an alert (the takeover's or the inbox's); the takeover goes when it was its alert. */
export async function acknowledge(id: number, note?: string): Promise<Alert> {
  const done = await call('alerts.ack', note ? { id, note } : { id });
  if (alarm.current?.id === id) alarm.current = null;
  return done;
}

/** Listens for alerts; returns the stop. Call once, from the app shell. */
export function startAlarm(): () => void {
  const stop = onAlert((a) => {
    if (a.to !== 'red') return;
    alarm.redCount++;
    // A frozen board in a briefing is not covered, but the notification and sound still go.
    if (!isFrozen()) alarm.current = a;
    if (!a.notify) return;
    const rule = rules.list.find((r) => r.id === a.ruleId);
    notify(word('title', { label: a.label || a.topicName }), sayReason(a, rule));
    alarm.notified++;
    if (soundOn()) playAlarm();
  });
  return stop;
}
