#!/usr/bin/env node
// Builds the demo corpus (corpus.jsonl) and the demo station (station.json) from the
// hand-written fragments in ./fragments. Deterministic: same fragments + same seed = same
// bytes. Run: node resources/demo/build-corpus.mjs [--reuse]
// (--reuse lists the hand-written lines used most often: where to write more; set
// DEBUG_CORPUS=1 to see why posts were redrawn.)
//
// The story: a day of ordinary chatter about 極光電信 (Aurora Mobile), its two rivals and
// the 高雄燈會 (Kaohsiung Lantern Festival), then, 60 s into the live half hour, a
// nationwide 極光電信 outage. t is seconds from the demo start; t = 0 is 14:00 local.
//
// Each item carries two labels the station ignores: `mood` (-1/0/1, the intended
// sentiment) and `topics` (the topics it was written for). The generator checks every
// item against the topic queries with a small copy of the station's matching rules, so the
// labels and the queries agree; tests/unit/demo-corpus.test.ts checks again with the real
// matcher and simulates the lights.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { SOURCES, AUTHORS, OFFICIAL, PLACES, PLANS, EMOJI } from './fragments/common.mjs';
import { brandDaily } from './fragments/brand-daily.mjs';
import { brandCrisis } from './fragments/brand-crisis.mjs';
import { strait, tide, compare, switching, rivalBump } from './fragments/rivals.mjs';
import { festival, festivalWifi, festivalOutage, festivalAfternoon } from './fragments/festival.mjs';
import { chatter } from './fragments/chatter.mjs';
import { scripted } from './fragments/scripted.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED = 0x5eed2024;
const ONSET = 60;
const HISTORY = 86400;
const LIVE = 1800;
const LANGS = ['zh-Hant', 'zh-Hans', 'en'];

// ---------------------------------------------------------------------------------------
// Topics and lights

const TOPICS = [
  {
    key: 'brand',
    name: '極光電信',
    color: '#ff6b6b',
    // 極光 alone is how people name the carrier, but it is also the aurora in the sky:
    // keep the short form and leave out aurora watching explicitly.
    query:
      '(極光電信 OR 極光 OR 极光电信 OR "Aurora Mobile" OR #AuroraMobile OR Aurora) AND NOT (北極光 OR 追極光 OR 拍極光 OR 極光預報 OR borealis OR "northern lights" OR "aurora forecast")',
  },
  // Only the full names: 海峽 alone is the Taiwan Strait, 潮汐 alone is the tide.
  { key: 'strait', name: '海峽通訊', color: '#4cc9f0', query: '海峽通訊 OR 海峡通讯 OR StraitCom OR #StraitCom' },
  { key: 'tide', name: '潮汐網路', color: '#b388ff', query: '潮汐網路 OR 潮汐网络 OR TideNet OR #TideNet' },
  {
    key: 'festival',
    name: '高雄燈會',
    color: '#ffd166',
    // 燈會 alone would take in every city's lantern festival.
    query: '高雄燈會 OR ((燈會 OR 燈區 OR 花燈) AND (高雄 OR 愛河 OR 駁二)) OR (lantern* AND (Kaohsiung OR "Love River"))',
  },
];
const TOPIC_BY_KEY = Object.fromEntries(TOPICS.map((x) => [x.key, x]));

/**
 * Lights, counted over the last windowMin minutes. An ordinary day peaks at about 9 brand
 * mentions in 10 minutes (about a third negative); the outage brings 40 by 2 minutes after
 * onset (yellow) and 120 by about 6 (red), and stays above 120 to the end. The rivals'
 * side bump peaks near 20, the festival's evening near 14 in 15 minutes: both stay green.
 * tests/unit/demo-corpus.test.ts replays this with the `mood` labels as sentiment.
 */
// Every light waits for 3 evaluations in a row before rising, with 10% hysteresis and 5 minutes
// of cooldown. The festival's negative-share lines sit higher (50% / 70%, at least 12 mentions):
// its crowd complaints after the show are expected, not an alarm (replay-eval: 0 yellow, 0 red).
const STEADY = { persistence: 3, hysteresis: 0.1, cooldownMin: 5 };
const RULES = {
  brand: { windowMin: 10, volumeYellow: 40, volumeRed: 120, negShareYellow: 0.45, negShareRed: 0.6, minVolume: 8, staleAfterMin: 30, ...STEADY, severity: 'critical' },
  strait: { windowMin: 10, volumeYellow: 25, volumeRed: 50, negShareYellow: 0.45, negShareRed: 0.6, minVolume: 8, staleAfterMin: 60, ...STEADY, severity: 'warning' },
  tide: { windowMin: 10, volumeYellow: 25, volumeRed: 50, negShareYellow: 0.45, negShareRed: 0.6, minVolume: 8, staleAfterMin: 60, ...STEADY, severity: 'warning' },
  festival: { windowMin: 15, volumeYellow: 30, volumeRed: 60, negShareYellow: 0.5, negShareRed: 0.7, minVolume: 12, staleAfterMin: 60, ...STEADY, severity: 'warning' },
};

// ---------------------------------------------------------------------------------------
// Randomness (seeded)

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const chance = (p) => rand() < p;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
function shuffle(arr) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}
function weighted(entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of entries) if ((r -= w) < 0) return v;
  return entries[entries.length - 1][0];
}

// ---------------------------------------------------------------------------------------
// Matching: a small copy of the station's rules (electron/engine/analysis/query.ts):
// folded text (NFKC, lower case, Traditional → Simplified per character), substring terms
// with word boundaries at Latin ends, `term*` prefixes, #hashtags, AND / OR / NOT.

const t2s = new Map();
{
  const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const chars = [];
  for (let c = 0x3400; c <= 0x9fff; c++) if (c <= 0x4dbf || c >= 0x4e00) chars.push(String.fromCharCode(c));
  const out = convert(chars.join('\n')).split('\n');
  chars.forEach((ch, i) => {
    if (out[i] !== ch && out[i].length === 1) t2s.set(ch, out[i]);
  });
  for (const [k, v] of t2s) if (t2s.has(v) && t2s.get(v) !== k) t2s.set(k, t2s.get(v));
}
function fold(s) {
  const n = s.normalize('NFKC').toLowerCase().replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
  let out = '';
  for (const ch of n) out += t2s.get(ch) ?? ch;
  return out.replace(/\s+/g, ' ').trim();
}
const isWord = (ch) => ch !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(ch) && !/\p{Script=Han}/u.test(ch);

function hashtags(text) {
  const folded = fold(text);
  const re = /(?<![a-z0-9_&])#(?:([^#\s](?:[^#\n]{0,48}[^#\s])?)#|([\p{L}\p{M}\p{N}_]+))/gu;
  const tags = new Set();
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    let tag = m[2];
    if (m[1] !== undefined) {
      const end = m.index + m[0].length;
      if (/\p{Script=Han}/u.test(m[1]) && (!/\s/.test(m[1]) || !/[\p{L}\p{M}\p{N}_]/u.test(folded.charAt(end)))) tag = m[1];
      else {
        tag = /^[\p{L}\p{M}\p{N}_]+/u.exec(m[1])?.[0];
        re.lastIndex = m.index + 1 + (tag?.length ?? 0);
      }
    }
    if (tag && !/^\d+$/.test(tag)) tags.add(tag);
  }
  return tags;
}

function parseQuery(q) {
  const tokens = [];
  for (let i = 0; i < q.length; ) {
    const ch = q[i];
    if (/\s/.test(ch)) i++;
    else if (ch === '(' || ch === ')') tokens.push({ type: ch }), i++;
    else if (ch === '"') {
      const j = q.indexOf('"', i + 1);
      tokens.push({ type: 'atom', atom: { kind: 'term', text: q.slice(i + 1, j), prefix: false } });
      i = j + 1;
    } else {
      let j = i;
      while (j < q.length && !/[\s()"]/.test(q[j])) j++;
      const word = q.slice(i, j);
      i = j;
      const up = word.toUpperCase();
      if (up === 'AND' || up === 'OR' || up === 'NOT') tokens.push({ type: up });
      else if (word.startsWith('#')) tokens.push({ type: 'atom', atom: { kind: 'tag', tag: fold(word.slice(1)) } });
      else tokens.push({ type: 'atom', atom: { kind: 'term', text: word.replace(/\*$/, ''), prefix: word.endsWith('*') } });
    }
  }
  let k = 0;
  const orExpr = () => {
    const items = [andExpr()];
    while (tokens[k]?.type === 'OR') k++, items.push(andExpr());
    return { kind: 'or', items };
  };
  const andExpr = () => {
    const items = [unary()];
    for (;;) {
      const t = tokens[k];
      if (t?.type === 'AND') k++;
      else if (!t || t.type === 'OR' || t.type === ')') break;
      items.push(unary());
    }
    return { kind: 'and', items };
  };
  const unary = () => {
    const t = tokens[k++];
    if (t.type === 'NOT') return { kind: 'not', item: unary() };
    if (t.type === '(') {
      const inner = orExpr();
      k++;
      return inner;
    }
    if (t.type === 'atom') return t.atom.kind === 'term' ? { ...t.atom, folded: fold(t.atom.text) } : t.atom;
    throw new Error(`bad query near token ${k}: ${q}`);
  };
  return orExpr();
}

function termIn(hay, term, prefix) {
  for (let at = hay.indexOf(term); at >= 0; at = hay.indexOf(term, at + 1)) {
    if (isWord(term[0]) && isWord(hay[at - 1])) continue;
    if (!prefix && isWord(term[term.length - 1]) && isWord(hay[at + term.length])) continue;
    return true;
  }
  return false;
}
function evalQuery(node, doc) {
  switch (node.kind) {
    case 'or':
      return node.items.some((x) => evalQuery(x, doc));
    case 'and':
      return node.items.every((x) => evalQuery(x, doc));
    case 'not':
      return !evalQuery(node.item, doc);
    case 'term':
      return termIn(doc.text, node.folded, node.prefix) || termIn(doc.title, node.folded, node.prefix);
    case 'tag':
      return doc.tags.has(node.tag);
  }
}
const COMPILED = TOPICS.map((x) => ({ key: x.key, ast: parseQuery(x.query) }));
function topicsOf(title, text) {
  const doc = { text: fold(text), title: title ? fold(title) : '', tags: hashtags(title ? `${title}\n${text}` : text) };
  return COMPILED.filter((c) => evalQuery(c.ast, doc)).map((c) => c.key);
}
const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// ---------------------------------------------------------------------------------------
// Fragments: "mood|text" or "mood@T|text" (usable only from t ≥ T)

function parseLine(s) {
  const bar = s.indexOf('|');
  const head = s.slice(0, bar);
  const [mood, after] = head.split('@');
  return { mood, after: after ? Number(after) : -Infinity, text: s.slice(bar + 1), uses: 0 };
}
const parsed = new Map();
function lines(arr) {
  if (!arr) return [];
  let p = parsed.get(arr);
  if (!p) parsed.set(arr, (p = arr.map(parseLine)));
  return p;
}

/** Lines that failed in the current attempt at a post (wrong topics, duplicate text). */
let rejected = new Set();

/** The least-used line matching the filter, ties broken at random. */
function leastUsed(pool, ok) {
  let best = [];
  let min = Infinity;
  for (const l of pool) {
    if (rejected.has(l) || !ok(l)) continue;
    if (l.uses < min) (min = l.uses), (best = [l]);
    else if (l.uses === min) best.push(l);
  }
  return best.length ? pick(best) : null;
}

// ---------------------------------------------------------------------------------------
// Time: the daily rhythm (t = 0 is 14:00 local)

const hourOf = (t) => (((14 + t / 3600) % 24) + 24) % 24;
const DAY = [0.55, 0.35, 0.15, 0.08, 0.06, 0.08, 0.15, 0.35, 0.6, 0.75, 0.85, 0.95, 1.3, 1.15, 0.9, 0.85, 0.85, 0.9, 0.95, 1.05, 1.35, 1.5, 1.35, 0.9];
const FEST = [0.15, 0.05, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.1, 0.15, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.65, 0.9, 1.4, 1.9, 2.3, 2.2, 1.6, 0.6];
function rhythm(table) {
  return (t) => {
    const h = hourOf(t);
    const i = Math.floor(h);
    const f = h - i;
    return table[i] * (1 - f) + table[(i + 1) % 24] * f;
  };
}

/** n times in (from, to], spread by a density, stratified so the shape is smooth. */
function spread(n, from, to, density = () => 1) {
  const step = 60;
  const cells = [];
  let total = 0;
  for (let a = from; a < to; a += step) {
    const w = density(a + step / 2);
    cells.push({ a, b: Math.min(to, a + step), w });
    total += w;
  }
  const out = [];
  let ci = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const u = ((i + 0.15 + rand() * 0.7) / n) * total;
    while (ci < cells.length - 1 && acc + cells[ci].w < u) acc += cells[ci++].w;
    const c = cells[ci];
    const f = c.w > 0 ? Math.min(1, Math.max(0, (u - acc) / c.w)) : rand();
    out.push(Math.min(to, Math.max(from + 1, Math.round(c.a + f * (c.b - c.a)))));
  }
  return out;
}

/** Languages with exact counts, in random order. */
function langList(counts) {
  const out = [];
  for (const [lang, n] of Object.entries(counts)) for (let i = 0; i < n; i++) out.push(lang);
  return shuffle(out);
}

// ---------------------------------------------------------------------------------------
// Words that depend on the moment

function elapsedWords(t, lang) {
  const m = Math.max(1, Math.round((t - ONSET) / 60));
  const steps = [
    [4, '幾分鐘', '几分钟', 'a few minutes'], [7, '五分鐘', '五分钟', 'five minutes'], [9, '快十分鐘', '快十分钟', 'nearly ten minutes'],
    [12, '十分鐘', '十分钟', 'ten minutes'], [14, '十幾分鐘', '十几分钟', 'over ten minutes'], [17, '十五分鐘', '十五分钟', 'fifteen minutes'],
    [19, '快二十分鐘', '快二十分钟', 'almost twenty minutes'], [23, '二十分鐘', '二十分钟', 'twenty minutes'],
    [27, '二十幾分鐘', '二十几分钟', 'over twenty minutes'], [99, '快半小時', '快半小时', 'almost half an hour'],
  ];
  const s = steps.find(([max]) => m < max);
  return lang === 'zh-Hant' ? s[1] : lang === 'zh-Hans' ? s[2] : s[3];
}
const CLOCK = { 'zh-Hant': ['兩點', '兩點左右', '下午兩點', '14:01'], 'zh-Hans': ['两点', '下午两点', '两点左右'], en: ['2pm', 'about 2pm', '2:01'] };

function fill(text, ctx) {
  const out = text
    .replace(/\{place\}/g, ctx.place)
    .replace(/\{plan\}/g, ctx.plan)
    .replace(/\{elapsed\}/g, ctx.elapsed)
    .replace(/\{clock\}/g, ctx.clock)
    .replace(/\{n\}/g, String(ctx.n));
  return /^[a-z]/.test(out) ? out[0].toUpperCase() + out.slice(1) : out;
}

// ---------------------------------------------------------------------------------------
// Platform dress: how a post looks on each kind of source

// Openers and closers: a question gets "thanks in advance", a statement does not.
const PTT_OPEN = { ask: ['如題', '想請問一下', '小弟想問', '請教各位', '手機排版請見諒'], tell: ['如題', '手機排版請見諒', '分享一下', '記錄一下'] };
const PTT_CLOSE = {
  '-': ['= =', '有夠扯', '唉', '真的無言', '傻眼', '以上抱怨文', 'QQ'],
  ask: ['感謝各位', '謝謝大家', '先謝過', '麻煩大家了', '拜託了'],
  tell: ['以上', '分享給大家', '純分享'],
  '+': ['推一個', '給大家參考', '以上心得', '真心推薦', 'XD'],
};
const EN_CLOSE = {
  '-': ['Ugh.', '/rant', 'Unreal.', 'Not impressed.', 'Rant over.'],
  ask: ['Any tips appreciated.', 'Thanks in advance!', 'Cheers.', 'TIA.'],
  tell: ['Just FYI.', 'For what it is worth.'],
  '+': ['Highly recommend.', '10/10.', 'Pleasantly surprised, honestly.'],
};
/** After a question, thanks; otherwise what the mood says. */
const closeFor = (table, mood, text) => (/[？?嗎吗]\S{0,12}$/.test(text.trim()) ? table.ask : mood === '0' ? table.tell : table[mood]);
const WEIBO_TAIL = { '-': ['……', '！！', '。'], '0': ['。', '～'], '+': ['！', '~', '。'] };

function joinZh(parts) {
  let s = parts[0];
  for (const p of parts.slice(1)) {
    const end = s[s.length - 1];
    if (/[。！？!?…～~\]]$/.test(end) || /[\u{1F300}-\u{1FAFF}]$/u.test(s)) s += chance(0.5) ? '\n' : '';
    else if (/[」）)]$/.test(end)) s += pick(['，', '。', '\n']);
    else s += pick(['，', '。', '\n', ' ']);
    s += p;
  }
  return s;
}
function joinEn(parts) {
  let s = parts[0];
  for (const p of parts.slice(1)) s += (/[.!?)]$/.test(s) ? ' ' : '. ') + p;
  return s;
}

function pttPushes(slot, pool, board) {
  // A crisis thread draws a crowd; an ordinary post gets a push or two, often none.
  const busy = slot.stream === 'crisis';
  if (!pool || !pool.length || chance(busy ? 0.3 : 0.45)) return [];
  const n = busy ? weighted([[1, 3], [2, 4], [3, 3], [4, 2]]) : weighted([[1, 5], [2, 3], [3, 1]]);
  const mix = { '-': [['-', 6], ['0', 3], ['+', 1]], '0': [['-', 3], ['0', 5], ['+', 2]], '+': [['-', 1.5], ['0', 4], ['+', 4.5]] }[slot.mood];
  const out = [];
  for (let i = 0; i < n; i++) {
    const m = weighted(mix);
    const l = leastUsed(lines(pool), (x) => x.mood === m && x.after <= slot.t && !out.some((o) => o.line === x));
    if (!l) continue;
    const sign = m === '+' ? '推' : m === '-' ? (chance(0.7) ? '噓' : '→') : chance(0.5) ? '→' : '推';
    let who = author(board, true);
    while (who === slot.author) who = author(board, true);
    out.push({ line: l, text: `${sign} ${who}: ${l.text}` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Authors and reach

const authorReach = new Map();
function author(source, anyone = false) {
  const list = AUTHORS[source];
  // A few prolific posters: rank r is picked with weight 1 / (r + 4).
  return anyone ? pick(list) : weighted(list.map((a, r) => [a, 1 / (r + 4)]));
}
function reachOf(source, who) {
  const [lo, hi] = SOURCES[source].reach;
  const key = `${source}/${who}`;
  if (!authorReach.has(key)) authorReach.set(key, Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo))));
  const base = authorReach.get(key);
  return Math.max(1, Math.round(base * (0.8 + rand() * 0.4)));
}

// ---------------------------------------------------------------------------------------
// Building a post from a kit

const seenTexts = new Set();
const titleUses = new Map();

// Words every post of a topic shares say nothing about whether a title fits its body.
const TOPIC_WORDS = /极光电信|极光|海峡通讯|潮汐网路|潮汐网络|高雄灯会|灯会|高雄|aurora|mobile|straitcom|tidenet|kaohsiung|lanterns?|festival|re: |\[[^\]]*\]/g;
const COMMON = new Set(['什么', '怎么', '大家', '有没', '没有', '请问', '一下', '可以', '问题', '还是', '现在', '今天', '这个', 'about', 'there', 'anyone', 'really', 'still', 'their', 'which', 'would']);
function related(title, body) {
  const keys = (s) => {
    const f = fold(s).replace(TOPIC_WORDS, ' ');
    const out = new Set(f.match(/[a-z]{5,}/g) ?? []);
    const han = f.match(/\p{Script=Han}+/gu) ?? [];
    for (const run of han) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    for (const k of COMMON) out.delete(k);
    return out;
  };
  const b = keys(body);
  return [...keys(title)].some((k) => b.has(k));
}

/**
 * A hand-written title for the post, or null. Titles are keyed by subject; kits with a
 * generic list (`_`, the outage) may use it anywhere, other titles must share a word with
 * the body. A title used before comes back as a reply ("Re: "), at most once.
 */
function chooseTitle(kit, subject, slot, body) {
  if (!kit?.titles) return null;
  const loose = Array.isArray(kit.titles._);
  const src = [...(kit.titles[subject] ?? []), ...(kit.titles._ ?? [])];
  const pool = lines(src).filter(
    (x) => x.after <= slot.t && (titleUses.get(x) ?? 0) < 2 && boardOk(slot.source, x.text) && (loose || related(x.text, body)),
  );
  const l = leastUsed(pool, (x) => x.mood === slot.mood) ?? leastUsed(pool, (x) => x.mood === '0') ?? leastUsed(pool, () => true);
  if (!l) return null;
  return { line: l, text: (titleUses.get(l) ?? 0) > 0 && !l.text.startsWith('Re: ') ? `Re: ${l.text}` : l.text };
}

/** PTT boards have their own title categories: Gossiping takes questions and news only. */
function boardOk(source, title) {
  if (source === 'PTT Gossiping') return /^(Re: )?\[(問卦|爆卦|新聞)\]/.test(title);
  if (source.startsWith('PTT')) return !/\[(問卦|爆卦)\]/.test(title);
  return true;
}

const GOSSIP_ASK = { '-': ['有沒有人一樣', '是不是很扯', '正常嗎'], '0': ['有人知道嗎', '是真的嗎', '有人也這樣嗎'], '+': ['是不是很讚', '有人也這樣覺得嗎'] };

/** A title made from the first line, the way people title their own posts. */
function deriveTitle(first, slot, kind) {
  const clause = first.split(/[，。！？!?\n]/)[0].slice(0, 26);
  if (kind === 'reddit') return first.split(/(?<=[.?!])\s/)[0].slice(0, 90);
  if (kind === 'dcard') return clause;
  if (slot.source === 'PTT Gossiping') {
    const asks = /^[^，。！]*[？?嗎]/.test(first);
    return asks ? `[問卦] ${first.split(/[？?]/)[0].slice(0, 26)}？`.replace(/嗎？$/, '嗎？') : `[問卦] ${clause.slice(0, 18)} ${pick(GOSSIP_ASK[slot.mood])}`;
  }
  const tag = { '-': '[抱怨]', '0': /[？?]/.test(first) ? '[問題]' : '[閒聊]', '+': '[心得]' }[slot.mood];
  return `${tag} ${clause}`;
}

const isQuestion = (text) => /[？?]|[嗎吗呢]$/.test(text.trim());

/** Pick the lines of a kit post: a recipe of subjects; the first line names the topic. */
function kitLines(kit, slot) {
  const subjects = kit.subjects;
  let recipe;
  const recipes = kit.recipes?.[slot.mood];
  if (recipes) {
    const usable = recipes.filter((r) => (slot.kind === 'hn' ? r.includes('hn') : !r.includes('hn')));
    recipe = pick(usable.length ? usable : recipes);
  } else {
    // Hacker News gets the technical lines, everyone else the rest. The first line is the
    // least-used one of the mood across all subjects, so every line gets its turn.
    const all = Object.keys(subjects).filter((s) => (slot.kind === 'hn') === (s === 'hn'));
    const wanted = slot.subject && all.includes(slot.subject) ? [slot.subject] : all;
    let first = null;
    for (const names of [wanted, all]) {
      const pool = names.flatMap((name) => lines(subjects[name]).map((line) => ({ line, name })));
      const l = leastUsed(pool.map((x) => x.line), (x) => x.mood === slot.mood && x.after <= slot.t);
      if (l) {
        first = pool.find((x) => x.line === l).name;
        break;
      }
    }
    const name = first ?? pick(all);
    recipe = chance(0.2) ? [name, name] : [name];
  }
  const single = !recipes;
  const chosen = [];
  recipe.forEach((subject, i) => {
    const pool = lines(subjects[subject]);
    const fresh = (l) => l.after <= slot.t && !chosen.some((c) => c.line === l);
    // Hacker News comments are mostly technical: there the line decides the mood.
    const moodOk = (l) => (i === 0 ? slot.kind === 'hn' || slot.anyMood || l.mood === slot.mood : l.mood === chosen[0].line.mood || l.mood === '0');
    // Two anecdotes in a row read like a collage; a statement followed by a question reads like a post.
    const shapeOk = (l) => i === 0 || !single || isQuestion(l.text);
    const l = leastUsed(pool, (x) => fresh(x) && moodOk(x) && shapeOk(x)) ?? (i === 0 ? leastUsed(pool, fresh) : null);
    if (l) chosen.push({ line: l, subject });
  });
  return chosen;
}

/** Dress the chosen lines for the slot's platform: title, body, pushes, tags, emoji. */
function dress(slot, parts, kit, subject) {
  const { lang, kind, mood } = slot;
  const emo = EMOJI[lang][mood];
  let title = null;
  let text;
  const used = [];
  if (kind === 'ptt') {
    const tt = chooseTitle(kit, subject, slot, parts.join(' '));
    title = tt ? tt.text : deriveTitle(parts[0], slot, kind);
    if (tt) used.push({ title: tt.line });
    const asks = parts.some((p) => /[？?嗎]/.test(p));
    text = joinZh(parts);
    if (chance(0.25) && !title.startsWith('Re:')) text = `${pick(PTT_OPEN[asks ? 'ask' : 'tell'])}${chance(0.5) ? '\n' : '，'}${text}`;
    if (chance(0.3)) text = joinZh([text, pick(closeFor(PTT_CLOSE, mood, text))]);
    const pushes = pttPushes(slot, kit?.pushes, slot.source);
    for (const p of pushes) {
      if ((text + '\n' + p.text).length > 280) break;
      text += '\n' + p.text;
      used.push({ line: p.line });
    }
  } else if (kind === 'dcard') {
    const tt = chooseTitle(kit, subject, slot, parts.join(' '));
    title = tt ? tt.text.replace(/^(Re: )?\[[^\]]+\]\s*/, '') : deriveTitle(parts[0], slot, kind);
    if (tt) used.push({ title: tt.line });
    text = joinZh(parts);
    if (chance(0.35) && kit?.tags) text += `\n${shuffle([...kit.tags]).slice(0, 2).join(' ')}`;
    else if (chance(0.3)) text += pick(emo);
  } else if (kind === 'micro') {
    text = joinZh(parts);
    if (chance(0.45)) text += (chance(0.5) ? ' ' : '') + pick(emo);
    if (chance(0.15) && kit?.tags) text += ` ${pick(kit.tags)}`;
  } else if (kind === 'weibo') {
    text = joinZh(parts);
    if (!/[。！？!?…~\]]$/.test(text) && chance(0.5)) text += pick(WEIBO_TAIL[mood]);
    if (chance(0.5)) text += pick(emo);
    if (chance(0.35) && kit?.tags && !text.startsWith('#')) text = `${pick(kit.tags)}${text}`;
  } else if (kind === 'reddit') {
    const post = chance(0.4);
    text = joinEn(parts);
    if (chance(0.25)) text += ` ${pick(closeFor(EN_CLOSE, mood, text))}`;
    if (chance(0.2)) text += ` ${pick(emo)}`.trimEnd();
    if (post) {
      const tt = chooseTitle(kit, subject, slot, parts.join(' '));
      if (tt) {
        title = tt.text;
        used.push({ title: tt.line });
      } else {
        // Without a fitting title the first sentence becomes it; a one-sentence post stays a comment.
        const first = deriveTitle(text, slot, kind);
        const rest = text.slice(first.length).trim();
        if (rest.length >= 10) (title = first), (text = rest);
      }
    }
  } else if (kind === 'hn') {
    text = joinEn(parts);
  } else throw new Error(`no dress for ${kind}`);
  return { title, text: text.trim(), used };
}

function compose(slot) {
  const ctx = {
    place: pick(PLACES[slot.lang]),
    plan: pick(PLANS[slot.lang]),
    elapsed: elapsedWords(slot.t, slot.lang),
    clock: pick(CLOCK[slot.lang]),
    n: between(2, 9),
  };
  rejected = new Set();
  for (let attempt = 0; attempt < 60; attempt++) {
    // A kit that has run out of fresh lines of this mood may give a line of another mood.
    slot.anyMood = attempt >= 40;
    let chosen;
    let kit = slot.kit;
    if (slot.line) {
      chosen = [{ line: slot.line, subject: null }];
    } else {
      chosen = kitLines(kit, slot);
      if (!chosen.length) continue;
      // The label is what the words say: the first line sets the mood.
      slot.mood = chosen[0].line.mood;
      // A first line that does not name the topic gets a short lead that does.
      const parts0 = chosen.map((c) => fill(c.line.text, ctx));
      const titled = slot.kind === 'ptt' || slot.kind === 'dcard';
      if (!titled && slot.topics.length && !sameSet(topicsOf(null, parts0.join(' ')), slot.topics) && kit.leads) {
        const lead = leastUsed(lines(kit.leads), (x) => x.mood === slot.mood || x.mood === '0');
        if (lead) chosen.unshift({ line: lead, subject: chosen[0].subject, lead: true });
      }
    }
    const parts = chosen.map((c) => fill(c.line.text, ctx));
    const { title, text, used } = dress(slot, parts, slot.line ? slot.kitForDress : kit, chosen[0].subject);
    const why =
      text.length < 10 || text.length > 300 ? `length ${text.length}`
      : seenTexts.has(text) ? 'duplicate'
      : !sameSet(topicsOf(title, text), slot.topics) ? `matches [${topicsOf(title, text)}]`
      // A title may name the topic for the body (as on PTT); it must not add another one.
      : !topicsOf(null, text).every((k) => slot.topics.includes(k)) ? `text alone matches [${topicsOf(null, text)}]`
      : null;
    if (why) {
      if (process.env.DEBUG_CORPUS) console.error(`retry (${why}): ${title ?? ''} | ${text}`);
      // Try other lines next time (a duplicate may just need other dress, so only sometimes).
      if (why !== 'duplicate' || attempt % 3 === 2) for (const c of chosen) if (!c.lead) rejected.add(c.line);
      continue;
    }
    seenTexts.add(text);
    for (const c of chosen) c.line.uses++;
    for (const u of used) {
      if (u.line) u.line.uses++;
      if (u.title) titleUses.set(u.title, (titleUses.get(u.title) ?? 0) + 1);
    }
    return { title, text };
  }
  throw new Error(`could not compose a post for ${slot.stream} ${slot.lang} ${slot.mood} at t=${slot.t}`);
}

// ---------------------------------------------------------------------------------------
// Sources per stream and language

const SOURCE_MIX = {
  brandDaily: { 'zh-Hant': [['PTT MobileComm', 35], ['Dcard 3C', 28], ['Threads (demo)', 37]] },
  crisis: { 'zh-Hant': [['PTT Gossiping', 30], ['PTT MobileComm', 25], ['Threads (demo)', 30], ['Dcard 3C', 15]], en: [['Reddit r/taiwan (demo)', 78], ['Hacker News (demo)', 22]] },
  rival: { 'zh-Hant': [['PTT MobileComm', 40], ['Dcard 3C', 28], ['Threads (demo)', 32]] },
  festival: { 'zh-Hant': [['PTT Kaohsiung', 38], ['Threads (demo)', 50], ['PTT Gossiping', 12]] },
  chatter: { 'zh-Hant': [['PTT Gossiping', 40], ['Threads (demo)', 45], ['Dcard 3C', 15]], en: [['Reddit r/taiwan (demo)', 90], ['Hacker News (demo)', 10]] },
};
const DEFAULT_SOURCE = { 'zh-Hant': [['Threads (demo)', 1]], 'zh-Hans': [['微博 (demo)', 1]], en: [['Reddit r/taiwan (demo)', 1]] };
function sourceFor(mix, lang) {
  return weighted(SOURCE_MIX[mix]?.[lang] ?? DEFAULT_SOURCE[lang]);
}

// ---------------------------------------------------------------------------------------
// The schedule

const slots = [];
const dayDensity = rhythm(DAY);
const festDensity = rhythm(FEST);

function kitStream({ stream, mix, kit, topics, counts, from, to, density, subjectFor }) {
  const times = spread(Object.values(counts).reduce((a, b) => a + b, 0), from, to, density).sort((a, b) => a - b);
  const langs = langList(counts);
  times.forEach((t, i) => {
    const lang = langs[i];
    const source = sourceFor(mix, lang);
    slots.push({ stream, t, lang, source, kind: SOURCES[source].kind, kit: kit[lang], topics, subject: subjectFor?.(t) });
  });
}

/** Hand-written cross-topic posts, each line used once, at random times. The line sets the mood. */
function flatStream({ stream, mix, groups, from, to, density, kitForDress }) {
  for (const lang of LANGS) {
    for (const g of groups[lang] ?? []) {
      const pool = shuffle([...lines(g.lines)]);
      const off = pool.filter((l) => !sameSet(topicsOf(null, l.text.replace(/\{\w+\}/g, 'X')), g.topics));
      if (off.length) throw new Error(`${stream} lines that do not match [${g.topics}]:\n${off.map((l) => l.text).join('\n')}`);
      spread(pool.length, from, to, density).forEach((t, i) => {
        const source = sourceFor(mix, lang);
        const line = pool[i];
        slots.push({ stream, t, lang, source, kind: SOURCES[source].kind, line, mood: line.mood, fixed: true, topics: g.topics, kitForDress: kitForDress?.[lang] });
      });
    }
  }
}

/**
 * Moods in time order by error diffusion towards target shares, so every stretch of the
 * stream stays close to them. Posts whose mood is already fixed (cross-topic lines,
 * news) count towards the shares but are not changed.
 */
function planMoods(list, target) {
  const acc = { '-': 0, '0': 0, '+': 0 };
  for (const s of [...list].sort((a, b) => a.t - b.t)) {
    const p = target(s);
    for (const m of ['-', '0', '+']) acc[m] += p[m];
    if (s.fixed) {
      acc[s.mood] -= 1;
      continue;
    }
    let best = '0';
    let bestV = -Infinity;
    for (const m of ['-', '0', '+']) {
      const v = acc[m] + rand() * 0.2;
      if (v > bestV) (bestV = v), (best = m);
    }
    acc[best] -= 1;
    s.mood = best;
  }
}

// History: a day of ordinary traffic.
kitStream({ stream: 'brandDaily', mix: 'brandDaily', kit: brandDaily, topics: ['brand'], counts: { 'zh-Hant': 290, 'zh-Hans': 85, en: 105 }, from: -HISTORY, to: 0, density: dayDensity });
kitStream({ stream: 'strait', mix: 'rival', kit: strait, topics: ['strait'], counts: { 'zh-Hant': 80, 'zh-Hans': 24, en: 28 }, from: -HISTORY, to: 0, density: dayDensity });
kitStream({ stream: 'tide', mix: 'rival', kit: tide, topics: ['tide'], counts: { 'zh-Hant': 68, 'zh-Hans': 20, en: 24 }, from: -HISTORY, to: 0, density: dayDensity });
// The festival: evenings, with crowd complaints after the drone show (about 20:30–21:30).
const crowdHour = (t) => hourOf(t) >= 20.4 && hourOf(t) < 21.6;
kitStream({
  stream: 'festival', mix: 'festival', kit: festival, topics: ['festival'], counts: { 'zh-Hant': 175, 'zh-Hans': 58, en: 50 }, from: -HISTORY, to: 0, density: festDensity,
  subjectFor: (t) => (crowdHour(t) && chance(0.6) ? 'crowd' : null),
});
kitStream({ stream: 'chatter', mix: 'chatter', kit: chatter, topics: [], counts: { 'zh-Hant': 80, 'zh-Hans': 36, en: 34 }, from: -HISTORY, to: 0, density: dayDensity });
flatStream({ stream: 'compare', mix: 'rival', groups: compare, from: -HISTORY, to: 0, density: dayDensity, kitForDress: { 'zh-Hant': { pushes: brandDaily['zh-Hant'].pushes, tags: ['#電信', '#5G', '#比較'] }, 'zh-Hans': { tags: ['#台湾电话卡#'] }, en: {} } });
flatStream({
  stream: 'festivalWifi', mix: 'festival',
  groups: Object.fromEntries(LANGS.map((l) => [l, [{ topics: ['brand', 'festival'], lines: festivalWifi[l] }]])),
  from: -HISTORY, to: 0, density: festDensity, kitForDress: { 'zh-Hant': { pushes: festival['zh-Hant'].pushes }, 'zh-Hans': {}, en: {} },
});

// Live, before and around the outage: the ordinary things go on.
kitStream({ stream: 'brandDaily', mix: 'brandDaily', kit: brandDaily, topics: ['brand'], counts: { 'zh-Hant': 1 }, from: 0, to: ONSET - 5 });
kitStream({ stream: 'chatter', mix: 'chatter', kit: chatter, topics: [], counts: { 'zh-Hant': 18, 'zh-Hans': 8, en: 8 }, from: 0, to: LIVE });
flatStream({ stream: 'festivalAfternoon', mix: 'festival', groups: Object.fromEntries(LANGS.map((l) => [l, [{ topics: ['festival'], lines: festivalAfternoon[l] }]])), from: 0, to: LIVE, kitForDress: { 'zh-Hant': { pushes: festival['zh-Hant'].pushes }, 'zh-Hans': {}, en: {} } });
const crisisDensity = (t) => (t < 420 ? 0.3 : t < 1200 ? 1 : 0.7);
flatStream({ stream: 'rivalBump', mix: 'rival', groups: Object.fromEntries(LANGS.map((l) => [l, [{ topics: ['strait'], lines: rivalBump.strait[l] }, { topics: ['tide'], lines: rivalBump.tide[l] }]])), from: 420, to: LIVE, density: crisisDensity, kitForDress: { 'zh-Hant': { pushes: strait['zh-Hant'].pushes }, 'zh-Hans': {}, en: {} } });
flatStream({ stream: 'switching', mix: 'crisis', groups: switching, from: 480, to: LIVE, density: crisisDensity, kitForDress: { 'zh-Hant': { pushes: brandCrisis.mid['zh-Hant'].pushes }, 'zh-Hans': {}, en: {} } });
flatStream({ stream: 'festivalOutage', mix: 'festival', groups: Object.fromEntries(LANGS.map((l) => [l, [{ topics: ['brand', 'festival'], lines: festivalOutage[l] }]])), from: 360, to: LIVE, density: crisisDensity, kitForDress: { 'zh-Hant': { pushes: brandCrisis.mid['zh-Hant'].pushes }, 'zh-Hans': {}, en: {} } });

// The outage: brand mentions (all kinds) reach these cumulative counts in the live part.
// After the apology (t = 1200) it calms a little, but stays above the red line.
const KNOTS = [
  [ONSET, 1], [120, 12], [180, 46], [240, 68], [300, 86], [360, 102], [420, 126],
  [600, 182], [900, 272], [1200, 352], [1500, 425], [LIVE, 497],
];
const isBrand = (x) => x.topics.includes('brand');
const brandLiveScripted = scripted.filter((x) => x.t > 0 && x.topics.includes('brand'));
const crisisLangShare = [['zh-Hant', 0.62], ['zh-Hans', 0.18], ['en', 0.2]];
for (let k = 1; k < KNOTS.length; k++) {
  const [a, ca] = KNOTS[k - 1];
  const [b, cb] = KNOTS[k];
  const already =
    slots.filter((s) => s.t > a && s.t <= b && s.t > 0 && isBrand(s)).length + brandLiveScripted.filter((x) => x.t > a && x.t <= b).length;
  const n = Math.max(0, cb - ca - already);
  for (const t of spread(n, a, b)) {
    const lang = weighted(crisisLangShare);
    const phase = t < 270 ? 'early' : t < 1200 ? 'mid' : 'late';
    const source = sourceFor('crisis', lang);
    slots.push({ stream: 'crisis', t, lang, source, kind: SOURCES[source].kind, kit: brandCrisis[phase][lang], topics: ['brand'], phase });
  }
}

// Moods, planned per stream with the fixed posts (cross-topic lines, news) counted in.
const scriptedSlots = scripted.map((x) => ({ t: x.t, topics: x.topics, mood: x.mood, fixed: true }));
const ordinary = (neg, neu) => () => ({ '-': neg, '0': neu, '+': 1 - neg - neu });
const about = (key, hist) => (s) => (key ? s.topics.includes(key) : s.topics.length === 0) && (hist ? s.t <= 0 : s.t > 0);
const everything = [...slots, ...scriptedSlots];
// A free post is planned with its own topic; a fixed one counts in every topic it names.
const group = (key, hist) => everything.filter((s) => about(key, hist)(s) && (s.fixed || s.topics[0] === key || (!key && !s.topics.length)));
planMoods(group('brand', true), ordinary(0.3, 0.45));
planMoods(group('strait', true), ordinary(0.28, 0.42));
planMoods(group('tide', true), ordinary(0.28, 0.42));
planMoods(group('festival', true), (s) => (crowdHour(s.t) ? { '-': 0.28, '0': 0.37, '+': 0.35 } : { '-': 0.12, '0': 0.4, '+': 0.48 }));
planMoods(group(null, true), ordinary(0.22, 0.5));
planMoods(group(null, false), ordinary(0.22, 0.5));
// The outage: at first people mostly ask; anger builds; the apology softens it a little.
planMoods(group('brand', false), (s) =>
  s.t <= ONSET ? { '-': 0.3, '0': 0.45, '+': 0.25 }
  : s.t < 180 ? { '-': 0.36, '0': 0.62, '+': 0.02 }
  : s.t < 300 ? { '-': 0.5, '0': 0.47, '+': 0.03 }
  : s.t < 420 ? { '-': 0.6, '0': 0.35, '+': 0.05 }
  : s.t < 1200 ? { '-': 0.86, '0': 0.09, '+': 0.05 }
  : { '-': 0.55, '0': 0.28, '+': 0.17 },
);

// ---------------------------------------------------------------------------------------
// Compose everything

const items = [];
let moodDrift = 0;
for (const s of slots.sort((a, b) => a.t - b.t)) {
  s.kind = SOURCES[s.source].kind;
  if (s.kind === 'hn' && (!s.kit || !s.kit.subjects.hn)) {
    s.source = 'Reddit r/taiwan (demo)';
    s.kind = 'reddit';
  }
  const who = author(s.source);
  s.author = who;
  const planned = s.mood;
  const { title, text } = compose(s);
  if (s.mood !== planned) moodDrift++;
  items.push({ source: s.source, author: who, lang: s.lang, title, text, t: s.t, reach: reachOf(s.source, who), mood: s.mood, topics: s.topics });
}
for (const x of scripted) {
  const who = x.author ?? author(x.source);
  const reach = x.author && Object.values(OFFICIAL).includes(x.author) ? between(60000, 180000) : reachOf(x.source, who);
  const got = topicsOf(x.title ?? null, x.text);
  if (!sameSet(got, x.topics)) throw new Error(`scripted item at t=${x.t} matches [${got}] not [${x.topics}]: ${x.title ?? x.text}`);
  if (seenTexts.has(x.text)) throw new Error(`duplicate scripted text at t=${x.t}`);
  seenTexts.add(x.text);
  items.push({ source: x.source, author: who, lang: SOURCES[x.source].lang, title: x.title ?? null, text: x.text, t: x.t, reach, mood: x.mood, topics: x.topics });
}

// Stable order: by time, then by source and text so ties never depend on insertion order.
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
items.sort((a, b) => a.t - b.t || cmp(a.source, b.source) || cmp(a.text, b.text));

// ---------------------------------------------------------------------------------------
// Ids and addresses

const BASE_EPOCH = 1707890400; // a fixed, fictional wall time for t = 0 in PTT-style ids
const b36 = (n) => n.toString(36);
function urlOf(item, seq) {
  const p = SOURCES[item.source].path;
  const base = 'https://demo.fenghuo.invalid';
  switch (SOURCES[item.source].kind) {
    case 'ptt':
      return `${base}/${p}/M.${BASE_EPOCH + item.t}.A.${(seq * 2654435761 >>> 0).toString(16).slice(-3).toUpperCase()}${seq}.html`;
    case 'dcard':
      return `${base}/${p}/${255000000 + seq * 7}`;
    case 'micro':
      return `${base}/${p}/${encodeURIComponent(item.author)}/${b36(1e9 + seq * 104729)}`;
    case 'weibo':
      return `${base}/${p}/${b36(5e12 + seq * 7919)}`;
    case 'reddit':
      return `${base}/${p}/${b36(1e8 + seq * 9973)}`;
    case 'hn':
      return `${base}/${p}?id=${39000000 + seq * 13}`;
    default:
      return `${base}/${p}/${4600000 + seq}`;
  }
}

const MOOD = { '-': -1, '0': 0, '+': 1 };
const out = items.map((x, i) => ({
  guid: `demo-${String(i + 1).padStart(5, '0')}`,
  source: x.source,
  author: x.author,
  lang: x.lang,
  title: x.title,
  text: x.text,
  url: urlOf(x, i + 1),
  t: x.t,
  reach: x.reach,
  mood: MOOD[x.mood],
  topics: x.topics.map((k) => TOPIC_BY_KEY[k].name),
}));

// ---------------------------------------------------------------------------------------
// Lint: the script of every Chinese item is what its lang says

const scriptChars = JSON.parse(fs.readFileSync(path.join(HERE, '..', 'lexicons', 'script-chars.json'), 'utf8'));
const hantOnly = new Set(scriptChars.hant);
const hansOnly = new Set(scriptChars.hans);
const problems = [];
for (const x of out) {
  const s = `${x.title ?? ''}${x.text}`;
  const wrong = [...s].filter((c) => (x.lang === 'zh-Hant' ? hansOnly.has(c) : x.lang === 'zh-Hans' ? hantOnly.has(c) : /\p{Script=Han}/u.test(c)));
  if (wrong.length) problems.push(`${x.guid} (${x.lang}) has ${[...new Set(wrong)].join('')}: ${s.slice(0, 60)}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  throw new Error(`${problems.length} items in the wrong script`);
}

// ---------------------------------------------------------------------------------------
// Places: crowd counters at the festival's sites, a reading every 5 minutes through the day of
// history and the live half hour (places.jsonl, replayed beside the corpus). On the festival
// night the Love River lantern area fills up: yellow (60% of capacity) from about 19:35, red
// (85%) from about 20:30 when the drone show ends — the hour the crowd complaints above rise —
// and back under yellow by 22:00. The other sites stay green. Own seeded generator, so the
// corpus above keeps its bytes.

const PLACE_SITES = [
  {
    name: '愛河燈區', lat: 22.6273, lon: 120.2869, capacity: 30000,
    shape: [[0, 0.03], [5, 0.01], [8, 0.04], [12, 0.12], [14, 0.18], [16, 0.24], [17, 0.3], [18, 0.4], [19, 0.52], [19.6, 0.61], [20, 0.7], [20.4, 0.8], [20.6, 0.88], [21, 0.93], [21.4, 0.89], [21.7, 0.76], [22, 0.57], [22.5, 0.4], [23, 0.2], [24, 0.03]],
  },
  {
    name: '駁二藝術特區', lat: 22.6199, lon: 120.2818, capacity: 15000,
    shape: [[0, 0.02], [6, 0.01], [10, 0.12], [13, 0.26], [15, 0.3], [17, 0.32], [19, 0.44], [20.5, 0.5], [21.5, 0.4], [22.5, 0.18], [24, 0.02]],
  },
  {
    name: '高雄流行音樂中心', lat: 22.6187, lon: 120.2931, capacity: 12000,
    shape: [[0, 0.02], [7, 0.01], [11, 0.08], [15, 0.18], [18, 0.3], [20, 0.46], [21, 0.42], [22.5, 0.15], [24, 0.02]],
  },
  {
    name: '夢時代', lat: 22.5949, lon: 120.3069, capacity: 25000,
    shape: [[0, 0.01], [10, 0.02], [11, 0.12], [13, 0.3], [15, 0.36], [17, 0.34], [19.5, 0.5], [21.5, 0.34], [22.2, 0.05], [24, 0.01]],
  },
];
const PLACE_STEP = 300;
const placeRand = mulberry32(SEED ^ 0x9ace5);
function shareAt(shape, h) {
  for (let i = 1; i < shape.length; i++) {
    const [h0, v0] = shape[i - 1];
    const [h1, v1] = shape[i];
    if (h <= h1) return v0 + ((v1 - v0) * (h - h0)) / (h1 - h0);
  }
  return shape[shape.length - 1][1];
}
const readings = [];
for (const site of PLACE_SITES) {
  let wobble = 0;
  for (let t = -HISTORY; t <= LIVE; t += PLACE_STEP) {
    // Slow wobble (±1.5% of capacity) so the line looks counted, not drawn.
    wobble = Math.max(-0.015, Math.min(0.015, wobble * 0.7 + (placeRand() - 0.5) * 0.01));
    const share = Math.max(0, shareAt(site.shape, hourOf(t)) + wobble);
    readings.push({ gauge: site.name, t, value: Math.round((share * site.capacity) / 10) * 10 });
  }
}
readings.sort((a, b) => a.t - b.t || cmp(a.gauge, b.gauge));

// ---------------------------------------------------------------------------------------
// Write

fs.writeFileSync(path.join(HERE, 'corpus.jsonl'), out.map((x) => JSON.stringify(x)).join('\n') + '\n');
fs.writeFileSync(path.join(HERE, 'places.jsonl'), readings.map((x) => JSON.stringify(x)).join('\n') + '\n');

const sourceNames = [...new Set(out.map((x) => x.source))].sort((a, b) => Object.keys(SOURCES).indexOf(a) - Object.keys(SOURCES).indexOf(b));
const station = {
  name: '烽火示範站 Demo',
  sources: sourceNames.map((name) => ({ name, lang: SOURCES[name].lang, kind: 'replay' })),
  topics: TOPICS.map(({ name, color, query }) => ({ name, color, query })),
  rules: TOPICS.map((x) => ({ topic: x.name, ...RULES[x.key] })),
  crisis: { topic: TOPIC_BY_KEY.brand.name, onsetT: ONSET },
  places: PLACE_SITES.map(({ name, lat, lon, capacity }) => ({ name, lat, lon, capacity, unit: '人', yellow: 0.6, red: 0.85, staleAfterMin: 15 })),
};
fs.writeFileSync(path.join(HERE, 'station.json'), JSON.stringify(station, null, 2) + '\n');

// ---------------------------------------------------------------------------------------
// Report

const count = (f) => out.filter(f).length;
console.log(`corpus.jsonl: ${out.length} items (history ${count((x) => x.t <= 0)}, live ${count((x) => x.t > 0)})`);
for (const tp of [...TOPICS.map((x) => x.name), null]) {
  const of = out.filter((x) => (tp ? x.topics.includes(tp) : x.topics.length === 0));
  const by = (k, v) => of.filter((x) => x[k] === v).length;
  console.log(
    `  ${(tp ?? '(no topic)').padEnd(6)} ${String(of.length).padStart(4)}  ` +
      LANGS.map((l) => `${l} ${by('lang', l)}`).join(', ') +
      `  | mood -1 ${by('mood', -1)}, 0 ${by('mood', 0)}, +1 ${by('mood', 1)}`,
  );
}
const burst = out.filter((x) => x.t > ONSET && x.t <= 1200 && x.topics.includes('極光電信'));
if (process.argv.includes('--reuse')) {
  // How often hand-written lines were used: the higher, the more a reader may notice.
  const all = [...parsed.values()].flat();
  const hist = {};
  for (const l of all) hist[l.uses] = (hist[l.uses] ?? 0) + 1;
  console.log('  line uses (uses: lines):', JSON.stringify(hist));
  for (const l of all.filter((x) => x.uses >= 4).sort((a, b) => b.uses - a.uses).slice(0, 40)) console.log(`    ${l.uses}× ${l.text}`);
}
console.log(`  posts whose words came out in another mood than planned: ${moodDrift}`);
console.log(`  crisis burst (60, 1200]: ${burst.length} brand mentions, ${Math.round((100 * burst.filter((x) => x.mood === -1).length) / burst.length)}% negative`);
