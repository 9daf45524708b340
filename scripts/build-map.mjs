#!/usr/bin/env node
// Builds resources/maps/taiwan-counties.json (GeoJSON, what ECharts' registerMap draws offline)
// from g0v/twgeojson's county TopoJSON (CC0; see resources/maps/README.md):
//   node scripts/build-map.mjs <path to twCounty2010merge.topo.json>
// Decodes the TopoJSON arcs, names each county as it is named today (臺, and 桃園市 since 2014,
// same outline) with its English name, and rounds coordinates to 4 decimals (about 10 m).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAMES = {
  台北市: ['臺北市', 'Taipei'], 新北市: ['新北市', 'New Taipei'], 基隆市: ['基隆市', 'Keelung'],
  桃園縣: ['桃園市', 'Taoyuan'], 新竹市: ['新竹市', 'Hsinchu City'], 新竹縣: ['新竹縣', 'Hsinchu County'],
  苗栗縣: ['苗栗縣', 'Miaoli'], 台中市: ['臺中市', 'Taichung'], 彰化縣: ['彰化縣', 'Changhua'],
  南投縣: ['南投縣', 'Nantou'], 雲林縣: ['雲林縣', 'Yunlin'], 嘉義市: ['嘉義市', 'Chiayi City'],
  嘉義縣: ['嘉義縣', 'Chiayi County'], 台南市: ['臺南市', 'Tainan'], 高雄市: ['高雄市', 'Kaohsiung'],
  屏東縣: ['屏東縣', 'Pingtung'], 宜蘭縣: ['宜蘭縣', 'Yilan'], 花蓮縣: ['花蓮縣', 'Hualien'],
  台東縣: ['臺東縣', 'Taitung'], 澎湖縣: ['澎湖縣', 'Penghu'], 金門縣: ['金門縣', 'Kinmen'], 連江縣: ['連江縣', 'Lienchiang (Matsu)'],
};

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/build-map.mjs <twCounty2010merge.topo.json>');
  process.exit(2);
}
const topo = JSON.parse(fs.readFileSync(file, 'utf8'));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const round = (v) => Math.round(v * 1e4) / 1e4;

// Quantized, delta-encoded arcs → absolute lon/lat.
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [round(x * sx + tx), round(y * sy + ty)];
  });
});
const arcPoints = (i) => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
function ring(indices) {
  const out = [];
  indices.forEach((i, k) => {
    const pts = arcPoints(i);
    out.push(...(k === 0 ? pts : pts.slice(1)));
  });
  // Drop consecutive duplicates left by rounding.
  return out.filter((p, k) => k === 0 || p[0] !== out[k - 1][0] || p[1] !== out[k - 1][1]);
}

const layer = Object.values(topo.objects)[0];
const features = layer.geometries.map((g) => {
  const source = g.properties.COUNTYNAME;
  const named = NAMES[source];
  if (!named) throw new Error(`no name for county "${source}"`);
  const polygons = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  const coordinates = polygons.map((rings) => rings.map(ring)).filter((rings) => rings[0].length >= 4);
  return {
    type: 'Feature',
    properties: { name: named[0], en: named[1] },
    geometry: { type: 'MultiPolygon', coordinates },
  };
});
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'zh-Hant'));

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'maps', 'taiwan-counties.json');
fs.writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
const points = features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0);
console.log(`${path.relative(process.cwd(), out)}: ${features.length} counties, ${points} points, ${fs.statSync(out).size} bytes`);
