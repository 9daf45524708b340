// Build-time helper (not loaded at runtime): derives the small character tables shipped in
// this folder from opencc-js, so the app never runs OpenCC per text.
//   node resources/lexicons/build-script-chars.mjs
// Outputs:
//   script-chars.json  { hant: chars only written in Traditional, hans: chars only written in Simplified }
import * as OpenCC from 'opencc-js';
import { writeFileSync } from 'node:fs';

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const s2t = OpenCC.Converter({ from: 'cn', to: 'tw' });
const ranges = [[0x3400, 0x4dbf], [0x4e00, 0x9fff]];
const T = new Map(); // trad -> simp
const S = new Map(); // simp -> trad
for (const [a, b] of ranges) {
  for (let cp = a; cp <= b; cp++) {
    const c = String.fromCodePoint(cp);
    const ts = t2s(c);
    if (ts !== c && [...ts].length === 1) T.set(c, ts);
    const st = s2t(c);
    if (st !== c && [...st].length === 1) S.set(c, st);
  }
}
const simpImages = new Set(T.values()); // chars valid as Simplified output
const tradImages = new Set(S.values()); // chars valid as Traditional output
// Characters OpenCC maps but which are still ordinary in the other script (后 皇后, 台 台灣,
// 准 准許, 著 著名 ...): they must not vote. Hand-picked from a check against our fixtures.
const AMBIGUOUS = new Set([...'台后里干斗范征占采余伙游咸尸郁云朴仆吁划凶辟熏杰咨术涂筑坛迹厘愿挂丰苹夸痒凄准冲几丑于适价据叶祢周系腊蜡扑虫厂广药复党著乾藉徵']);
const hant = [...T.keys()].filter((c) => !simpImages.has(c) && !S.has(c) && !AMBIGUOUS.has(c));
const hans = [...S.keys()].filter((c) => !tradImages.has(c) && !T.has(c) && !AMBIGUOUS.has(c));
writeFileSync(new URL('./script-chars.json', import.meta.url), JSON.stringify({
  note: 'Derived from opencc-js 1.4.2 (tw<->cn single-character tables) by build-script-chars.mjs. hant: characters written only in Traditional; hans: only in Simplified.',
  hant: hant.join(''),
  hans: hans.join(''),
}) + '\n');
console.log({ T: T.size, S: S.size, hant: hant.length, hans: hans.length });
