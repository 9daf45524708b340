// Bench: the per-mention text work of the pipeline, each figure beside its target — folding
// (HTML-free text to the matching form), topic matching with 100 topics × 500 terms in one
// pass, and term segmentation for trending terms. These were "measured, not asserted" unit
// tests; a figure that cannot fail a test belongs here.
import { compileTopics } from '../../electron/engine/analysis/query';
import { foldText, warmUpFolding } from '../../electron/engine/analysis/normalize';
import { extractTerms } from '../../electron/engine/analysis/terms';

/** Calls `fn` over `inputs` again and again for at least `minMs`; returns calls per second. */
function perSecond<T>(inputs: T[], fn: (x: T) => unknown, minMs = 500): number {
  for (const x of inputs) fn(x); // warm-up (JIT)
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const x of inputs) fn(x);
    n += inputs.length;
    elapsed = performance.now() - start;
  }
  return Math.round((n / elapsed) * 1000);
}

function benchFold(): Record<string, unknown> {
  const base = [
    '台積電今天宣布擴大在高雄的投資，TSMC said on Monday it would expand production. ',
    '网友表示：这次真的太夸张了XD 極光電信 Aurora Mobile 的新方案又出包，客服電話打不通 ',
    'Breaking: Aurora Mobile outage hits thousands of users across Taipei and Kaohsiung. ',
  ];
  const texts = Array.from({ length: 1000 }, (_, i) => (base[i % 3]! + base[(i + 1) % 3]!).slice(0, 200));
  return { target: '>= 50000 texts/s', texts: '200-char mixed zh/en', textsPerSecond: perSecond(texts, foldText) };
}

function benchTopics(): Record<string, unknown> {
  const words = [
    '台積電', '極光電信', '斷線', '客服', '漲價', '停電', '颱風', '地震', '罷工', '裁員', '股價', '財報',
    'outage', 'refund', 'strike', 'layoff', 'tariff', 'earnings', 'recall', 'lawsuit', 'phone', 'network',
  ];
  const topics = Array.from({ length: 100 }, (_, t) => {
    const terms = Array.from({ length: 5 }, (_, k) => `${words[(t + k) % words.length]}${t}${k}`);
    return {
      id: t + 1,
      name: `topic ${t}`,
      query: `(${terms.slice(0, 3).join(' OR ')} OR "${terms[3]} ${words[t % words.length]}") AND NOT ${terms[4]}*`,
    };
  });
  const matcher = compileTopics(topics);
  const base =
    '極光電信今晚全台斷線，客服電話打不通，網友怒轟漲價又不給補償。Aurora Mobile outage hits thousands; refund demanded. ' +
    '台積電股價 財報 earnings call 颱風 停電 罷工 layoff tariff recall 斷線12 outage30 phone network 極光電信14';
  // Every doc carries a topic term, so topics really match; every 7th also its NOT term.
  const docs = Array.from({ length: 1000 }, (_, i) => {
    const t = i % 100;
    const veto = i % 7 === 0 ? ` ${words[(t + 4) % words.length]}${t}4x` : '';
    const own = `${words[(t + (i % 3)) % words.length]}${t}${i % 3}${veto}`;
    return { text: `${own} ${base}`.slice(0, 200), lang: 'zh-Hant' };
  });
  let matched = 0;
  for (const d of docs) matched += matcher.match(d).length;
  return {
    target: '>= 20000 docs/s',
    topics: matcher.topicCount,
    terms: 500,
    topicsPerDoc: Math.round((matched / docs.length) * 100) / 100,
    docsPerSecond: perSecond(docs, (d) => matcher.match(d)),
  };
}

function benchTerms(): Record<string, unknown> {
  const text =
    '極光電信客服電話打不通，斷線三個小時沒人管，要求退費賠償。颱風停班停課，鄉民在八卦板推爆。Aurora Mobile outage hits thousands of users; refunds demanded by angry customers in Taipei';
  return {
    target: 'none set: trending terms recount a window on demand',
    textChars: text.length,
    textsPerSecond: perSecond([text], (t) => extractTerms(t, 'zh-Hant'), 300),
  };
}

export function benchAnalysis(): Record<string, unknown> {
  warmUpFolding();
  return { fold: benchFold(), topics: benchTopics(), terms: benchTerms() };
}
