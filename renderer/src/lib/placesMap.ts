// The map panel's chart: Taiwan's county outlines (shipped with the app, registered from their
// own chunk on first use), how to frame the places on them, and the ECharts option that draws
// a lamp at each place — on the outlines when any place is in Taiwan, else on a plain
// longitude/latitude grid around them.
import * as echarts from 'echarts/core';
import { EffectScatterChart, ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import type { Place } from '../../../shared/gauges';
import { LIGHT_COLORS, THEME } from './palette';
import { baseOption, tooltip, axisLabel, escapeHtml, FONT_FAMILY } from './chartStyle';
import { placeWords, countLine, shareText, readingTime } from './places';

echarts.use([GeoComponent, ScatterChart, EffectScatterChart]);

const MAP = 'tw-counties';
/** Taiwan with Penghu, Kinmen and Matsu: places inside are drawn on the county outlines. */
const TAIWAN = { lon: [118.1, 122.1], lat: [21.8, 26.4] } as const;
let mapReady: Promise<void> | null = null;
/** Registers the county outlines once, from their own chunk (they are not in the first load). */
export function loadMap(): Promise<void> {
  mapReady ??= import('../../../resources/maps/taiwan-counties.json').then((m) => {
    echarts.registerMap(MAP, (m.default ?? m) as never);
  });
  return mapReady;
}

/** How long the map animates an update (its turn lasts as long: lib/turns.ts). */
export const MAP_UPDATE_MS = 300;

/** What the map is fitted to: the places, or all of Taiwan. */
export type MapView = 'places' | 'taiwan';
export type MapFit = { center: [number, number]; zoom: number };

export const inTaiwan = (p: Place) =>
  p.lon! >= TAIWAN.lon[0] && p.lon! <= TAIWAN.lon[1] && p.lat! >= TAIWAN.lat[0] && p.lat! <= TAIWAN.lat[1];

/** Center and zoom (relative to all of Taiwan) that frame the places, at least a city's width. */
export function fitView(list: Place[], view: MapView): MapFit {
  const ps = list.filter(inTaiwan);
  if (view === 'taiwan' || ps.length === 0) return { center: [120.9, 23.7], zoom: 1.15 };
  const lons = ps.map((p) => p.lon!);
  const lats = ps.map((p) => p.lat!);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const span = Math.max(x1 - x0, y1 - y0, 0.09) * 2;
  return { center: [(x0 + x1) / 2, (y0 + y1) / 2], zoom: Math.min(60, 4.6 / span) };
}

/** The hover / tap card: the same facts as the places panel's row. */
function tooltipHtml(p: Place, now: number): string {
  const c = LIGHT_COLORS[p.lamp].core;
  return (
    `<div style="font-weight:700;font-size:1.15em">${escapeHtml(p.name)}</div>` +
    `<div style="color:${c};font-weight:700">${escapeHtml(placeWords(p.lamp))} · ${escapeHtml(shareText(p))}</div>` +
    `<div>${escapeHtml(countLine(p))}</div>` +
    `<div style="opacity:.75">${escapeHtml(readingTime(p, p.lamp, now))}</div>`
  );
}

export interface MapOptionInput {
  /** The places with coordinates, each with the lamp it shows now, worst first. */
  located: Place[];
  /** On the county outlines (else a longitude/latitude grid). */
  onTaiwan: boolean;
  /** The root type size, in px. */
  rem: number;
  /** The center and zoom to move to, or null to keep the viewer's own. */
  moveTo: MapFit | null;
  /** The current time, for the tooltip's reading age (read when the tooltip shows). */
  now: () => number;
}

/** The chart option for the places on the map. */
export function mapOption({ located, onTaiwan, rem, moveTo, now }: MapOptionInput) {
  const size = rem * 2;
  // A label goes left of its lamp when another place sits just east of it, so neighbours'
  // names do not cover each other.
  const crowdedEast = (p: Place) =>
    located.some((q) => q !== p && q.lon! > p.lon! && q.lon! - p.lon! < 0.03 && Math.abs(q.lat! - p.lat!) < 0.012);
  const toPoint = (p: Place) => ({
    name: p.name,
    value: [p.lon!, p.lat!, p.occupancy ?? 0],
    place: p,
    label: { position: crowdedEast(p) ? ('left' as const) : ('right' as const) },
    itemStyle: {
      color: LIGHT_COLORS[p.lamp].core,
      shadowColor: LIGHT_COLORS[p.lamp].glow,
      shadowBlur: p.lamp === 'gray' ? 0 : rem * 0.9,
      borderColor: 'rgba(0,0,0,0.55)',
      borderWidth: Math.max(1, rem * 0.08),
    },
  });
  const label = {
    show: true,
    position: 'right' as const,
    distance: rem * 0.5,
    // The share in its lamp's colour (rich styles are per key: one key per lamp).
    formatter: (x: { data: { place: Place } }) => `{n|${x.data.place.name}} {${x.data.place.lamp}|${shareText(x.data.place)}}`,
    rich: {
      n: { color: THEME.text, fontSize: rem * 1.35, fontWeight: 700, fontFamily: FONT_FAMILY },
      ...Object.fromEntries(
        (['green', 'yellow', 'red', 'gray'] as const).map((l) => [
          l,
          { color: l === 'gray' ? THEME.textDim : LIGHT_COLORS[l].core, fontSize: rem * 1.35, fontWeight: 800, fontFamily: FONT_FAMILY },
        ]),
      ),
    },
    backgroundColor: 'rgba(7, 10, 16, 0.72)',
    padding: [rem * 0.2, rem * 0.4],
    borderRadius: rem * 0.3,
  };
  const coordinate = onTaiwan ? { coordinateSystem: 'geo', geoIndex: 0 } : { coordinateSystem: 'cartesian2d' };
  const series = [
    {
      id: 'calm',
      type: 'scatter',
      ...coordinate,
      symbolSize: size,
      label,
      labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
      emphasis: { scale: 1.3 },
      z: 3,
      data: located.filter((p) => p.lamp !== 'red').map(toPoint),
    },
    {
      id: 'red',
      type: 'effectScatter',
      ...coordinate,
      symbolSize: size * 1.15,
      rippleEffect: { brushType: 'stroke', scale: 3, period: 2.2 },
      label,
      labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
      z: 4,
      data: located.filter((p) => p.lamp === 'red').map(toPoint),
    },
  ];
  const tip = {
    ...tooltip(rem),
    trigger: 'item',
    triggerOn: 'mousemove|click',
    formatter: (x: { data?: { place?: Place } }) => (x.data?.place ? tooltipHtml(x.data.place, now()) : ''),
  };
  if (!onTaiwan) {
    // Anywhere else: a plain grid of longitude and latitude around the places.
    const lons = located.map((p) => p.lon!);
    const lats = located.map((p) => p.lat!);
    const pad = (a: number[]) => Math.max(0.01, (Math.max(...a) - Math.min(...a)) * 0.25);
    return {
      ...baseOption(rem),
      tooltip: tip,
      grid: { left: rem * 3.5, right: rem * 6, top: rem * 1, bottom: rem * 2.2 },
      xAxis: { type: 'value', min: Math.min(...lons) - pad(lons), max: Math.max(...lons) + pad(lons), axisLabel: { ...axisLabel(rem), formatter: (v: number) => `${v.toFixed(2)}°` }, splitLine: { lineStyle: { color: THEME.grid } } },
      yAxis: { type: 'value', min: Math.min(...lats) - pad(lats), max: Math.max(...lats) + pad(lats), axisLabel: { ...axisLabel(rem), formatter: (v: number) => `${v.toFixed(2)}°` }, splitLine: { lineStyle: { color: THEME.grid } } },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
      ],
      series,
    };
  }
  return {
    ...baseOption(rem),
    animationDurationUpdate: MAP_UPDATE_MS,
    tooltip: tip,
    geo: {
      map: MAP,
      roam: true,
      scaleLimit: { min: 0.8, max: 120 },
      // Only when the places (or the view) change: otherwise the viewer's own zoom stays.
      ...(moveTo ? { center: moveTo.center, zoom: moveTo.zoom } : {}),
      layoutCenter: ['50%', '50%'],
      layoutSize: '95%',
      itemStyle: { areaColor: '#142030', borderColor: '#3b4d66', borderWidth: Math.max(1, rem * 0.07) },
      emphasis: { disabled: true },
      select: { disabled: true },
      label: { show: false },
      silent: true,
    },
    series,
  };
}
