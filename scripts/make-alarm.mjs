// Writes the alarm the app ships (renderer/src/assets/alarm.wav): three falling two-tone
// beacon chimes, 1.5 s, 16-bit mono PCM at 22.05 kHz. Made here so no third-party sound is
// shipped; run `node scripts/make-alarm.mjs` to remake it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const SECONDS = 1.5;
const n = Math.round(RATE * SECONDS);
const pcm = new Int16Array(n);
// Each chime: a high then a lower tone, with a quick attack and an exponential tail.
const chimes = [0, 0.5, 1.0];
for (let i = 0; i < n; i++) {
  const t = i / RATE;
  let v = 0;
  for (const start of chimes) {
    const dt = t - start;
    if (dt < 0 || dt > 0.45) continue;
    const f = dt < 0.18 ? 988 : 740;
    const env = Math.min(1, dt / 0.005) * Math.exp(-dt * 6);
    v += env * (Math.sin(2 * Math.PI * f * dt) + 0.3 * Math.sin(2 * Math.PI * 2 * f * dt));
  }
  pcm[i] = Math.max(-1, Math.min(1, v * 0.6)) * 32_767;
}
const data = Buffer.from(pcm.buffer);
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8);
header.write('fmt ', 12);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36);
header.writeUInt32LE(data.length, 40);
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer/src/assets/alarm.wav');
fs.writeFileSync(out, Buffer.concat([header, data]));
console.log(`wrote ${out} (${header.length + data.length} bytes)`);
