// Builds the app icons from icon.svg: PNGs for Linux (png/NxN.png), icon.ico for Windows and
// icon.icns for macOS, each container holding PNG images (Windows Vista+ and macOS 10.7+ read
// those). Chromium draws the SVG at every size, so small sizes are rendered, not shrunk.
//   node resources/icons/build-icons.mjs   (needs Chromium: /usr/bin/chromium or FENGHUO_CHROMIUM)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = import.meta.dirname;
const svg = fs.readFileSync(path.join(here, 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: process.env.FENGHUO_CHROMIUM ?? '/usr/bin/chromium' });
const png = new Map();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    png.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

fs.mkdirSync(path.join(here, 'png'), { recursive: true });
for (const [size, bytes] of png) fs.writeFileSync(path.join(here, 'png', `${size}x${size}.png`), bytes);

// ICO: a 6-byte header, one 16-byte entry per image, then the PNGs. 256 is written as 0.
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = icoSizes.map((size) => {
  const bytes = png.get(size);
  const e = Buffer.alloc(16);
  e.writeUInt8(size >= 256 ? 0 : size, 0);
  e.writeUInt8(size >= 256 ? 0 : size, 1);
  e.writeUInt16LE(1, 4); // colour planes
  e.writeUInt16LE(32, 6); // bits per pixel
  e.writeUInt32LE(bytes.length, 8);
  e.writeUInt32LE(offset, 12);
  offset += bytes.length;
  return e;
});
fs.writeFileSync(path.join(here, 'icon.ico'), Buffer.concat([header, ...entries, ...icoSizes.map((s) => png.get(s))]));

// ICNS: 'icns' + total length, then (type, length including its 8-byte head, PNG) per image.
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];
const chunks = icnsTypes.map(([type, size]) => {
  const bytes = png.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(bytes.length + 8, 4);
  return Buffer.concat([head, bytes]);
});
const body = Buffer.concat(chunks);
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(body.length + 8, 4);
fs.writeFileSync(path.join(here, 'icon.icns'), Buffer.concat([icnsHead, body]));

console.log(`icons written to ${here}: png/ (${SIZES.join(', ')}), icon.ico, icon.icns`);
