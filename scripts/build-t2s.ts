// Writes resources/lexicons/t2s.json, the Traditional → Simplified folding table the engine
// loads (electron/engine/analysis/t2s-table.ts says how it is derived). Run after upgrading
// opencc-js:  npx tsx scripts/build-t2s.ts   (tests/unit/normalize.test.ts fails until then).
import { writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { deriveT2S, packT2S } from '../electron/engine/analysis/t2s-table';
import { resourcePath } from '../electron/engine/paths';

const pairs = packT2S(deriveT2S(OpenCC.Converter({ from: 'tw', to: 'cn' })));
const file = resourcePath('lexicons', 't2s.json');
writeFileSync(
  file,
  JSON.stringify({
    note: 'Derived from opencc-js (tw -> cn, one character at a time, made idempotent) by scripts/build-t2s.ts. pairs: Traditional, Simplified, Traditional, Simplified ...',
    pairs,
  }) + '\n',
);
console.log(`${file}: ${pairs.length / 2} pairs`);
