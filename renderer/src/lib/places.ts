// What the places panel, the map panel and the public places page share: the lamp a place
// shows at the board's time (a live wall re-checks silence as its clock ticks; a frozen board
// keeps the lamp it had then), its words in three languages, and one line of facts.
import type { LightColor } from '../../../shared/types';
import { placeLamp, type Place } from '../../../shared/gauges';
import { localWords, fmtNumber, fmtPercent, fmtHourMinute, fmtDateTime, fmtAge } from '../i18n/index.svelte';

export const placeWords = localWords({
  'zh-Hant': {
    green: '舒適',
    yellow: '擁擠',
    red: '非常擁擠',
    gray: '無即時資料',
    of: '{n} / {cap} {unit}',
    noReading: '尚無讀數',
    at: '{time} 讀數',
    silent: '{age}沒有新讀數',
    none: '尚未設定地點：在設定中加入地點（名稱、座標、容量）並以 webhook 或匯入提供人數。',
    offMap: '{n} 個地點沒有座標，不在地圖上',
    legend: '黃燈 {yellow}・紅燈 {red}',
  },
  'zh-Hans': {
    green: '舒适',
    yellow: '拥挤',
    red: '非常拥挤',
    gray: '无实时数据',
    of: '{n} / {cap} {unit}',
    noReading: '尚无读数',
    at: '{time} 读数',
    silent: '{age}没有新读数',
    none: '尚未设置地点：在设置中添加地点（名称、坐标、容量）并通过 webhook 或导入提供人数。',
    offMap: '{n} 个地点没有坐标，不在地图上',
    legend: '黄灯 {yellow}・红灯 {red}',
  },
  en: {
    green: 'Comfortable',
    yellow: 'Crowded',
    red: 'Very crowded',
    gray: 'No live data',
    of: '{n} / {cap} {unit}',
    noReading: 'No reading yet',
    at: 'read {time}',
    silent: 'silent for {age}',
    none: 'No places yet: add a place (name, coordinates, capacity) in setup and feed it by webhook or import.',
    offMap: '{n} places have no coordinates and are not on the map',
    legend: 'yellow {yellow} · red {red}',
  },
});

/** The lamp to show: as the station judged it at a frozen time, else re-judged at `now`. */
export function shownLamp(p: Place, frozen: boolean, now: number): LightColor {
  return frozen ? p.lamp : placeLamp(p, now);
}

export function countLine(p: Place): string {
  if (p.lastValue === null) return placeWords('noReading');
  return placeWords('of', { n: fmtNumber(p.lastValue), cap: fmtNumber(p.capacity), unit: p.unit }).trim();
}

export function shareText(p: Place): string {
  return p.occupancy === null ? '—' : fmtPercent(p.occupancy);
}

/** "20:45 讀數", or how long it has been silent when the lamp is gray. */
export function readingTime(p: Place, lamp: LightColor, now: number): string {
  if (p.lastAt === null) return placeWords('noReading');
  if (lamp === 'gray') return placeWords('silent', { age: fmtAge(now - p.lastAt) });
  const sameDay = new Date(p.lastAt).toDateString() === new Date(now).toDateString();
  return placeWords('at', { time: sameDay ? fmtHourMinute(p.lastAt) : fmtDateTime(p.lastAt) });
}
