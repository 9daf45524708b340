// Helper process for the scale bench: `cold <dir>` opens a station and answers the board once
// (cold start, printed in ms); `build <dir> <n>` fills a scale station.
import { register } from 'tsx/esm/api';

const t0 = performance.now();
register();
const [mode, dir, n] = process.argv.slice(2);
const scale = await import('./scale.ts');
if (mode === 'build') {
  console.log(JSON.stringify(await scale.buildScaleStation(dir, Number(n))));
} else {
  const r = await scale.coldStart(dir);
  console.log(JSON.stringify({ ...r, processMs: performance.now() - t0 }));
}
