// The demo corpus (resources/demo/corpus.jsonl) and station (station.json): what a customer
// sees first. The corpus is read as the replay source reads it, topics are matched with the
// station's own matcher, and the lights are replayed minute by minute with the station's
// own rule evaluation, using each item's hand label (`mood`) as its sentiment.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LightColor, LightRule } from '../../shared/types';
import { compileTopics } from '../../electron/engine/analysis/query';
import { evaluateRule } from '../../electron/engine/alerts/lights';

const DEMO = fileURLToPath(new URL('../../resources/demo/', import.meta.url));

interface Item {
  guid: string;
  source: string;
  author: string;
  lang: 'zh-Hant' | 'zh-Hans' | 'en';
  title: string | null;
  text: string;
  url: string;
  t: number;
  reach: number;
  mood: -1 | 0 | 1;
  topics: string[];
}

interface Station {
  name: string;
  sources: { name: string; lang: string; kind: string }[];
  topics: { name: string; color: string; query: string }[];
  rules: (Omit<LightRule, 'id' | 'name' | 'enabled'> & { topic: string })[];
  crisis: { topic: string; onsetT: number };
}

const raw = readFileSync(`${DEMO}corpus.jsonl`, 'utf8');
const lines = raw.split('\n').filter((l) => l.trim() !== '');
const items: Item[] = lines.map((l) => JSON.parse(l) as Item);
const station = JSON.parse(readFileSync(`${DEMO}station.json`, 'utf8')) as Station;

const matcher = compileTopics(station.topics.map((x, i) => ({ id: i + 1, name: x.name, query: x.query })));
const matched = new Map(
  items.map((x) => [
    x,
    matcher.match({ text: x.text, title: x.title, lang: x.lang, source: x.source, author: x.author }).map((id) => station.topics[id - 1]!.name),
  ]),
);
const topicsOf = (x: Item): string[] => matched.get(x)!;

const BRAND = station.crisis.topic;
const ONSET = station.crisis.onsetT;
const LIVE_END = 1800;
const about = (x: Item, topic: string) => topicsOf(x).includes(topic);
const negShare = (xs: Item[]) => xs.filter((x) => x.mood === -1).length / xs.length;

// ---------------------------------------------------------------------------------------
// Lights, replayed: per-minute buckets as the rollups keep them, the station's rule logic.

const BASE = 1_700_000_040; // an arbitrary wall time for t = 0, shifted by `phase` below

function ruleOf(topic: string): LightRule {
  const r = station.rules.find((x) => x.topic === topic)!;
  return { ...r, id: 1, name: topic, enabled: true } as LightRule;
}

/** The colour of a topic's light at `now` (seconds), with t = 0 at BASE + phase. */
function lightAt(topic: string, now: number, phase: number): { color: LightColor; count: number; negShare: number | null } {
  const rule = ruleOf(topic);
  const minute = (t: number) => Math.floor((BASE + phase + t) / 60);
  const to = minute(now);
  const from = Math.floor((BASE + phase + now - rule.windowMin * 60) / 60) + 1;
  let count = 0;
  let neg = 0;
  let pos = 0;
  let newest: number | null = null;
  for (const x of byTopic.get(topic)!) {
    if (x.t > now) break;
    const m = minute(x.t);
    newest = m;
    if (m < from) continue;
    count++;
    if (x.mood === -1) neg++;
    if (x.mood === 1) pos++;
  }
  const e = evaluateRule(rule, { count, neg, pos, sentSum: pos - neg, newestMinute: newest }, (BASE + phase + now) * 1000);
  return { color: e.color, count, negShare: e.negShare };
}
const byTopic = new Map(station.topics.map((x) => [x.name, items.filter((i) => about(i, x.name))]));
const PHASES = [0, 17, 34, 51];
const RANK: Record<LightColor, number> = { gray: 0, green: 1, yellow: 2, red: 3 };

function firstTimeAtLeast(topic: string, color: 'yellow' | 'red', phase: number): number | null {
  for (let now = 0; now <= LIVE_END; now += 5) if (RANK[lightAt(topic, now, phase).color] >= RANK[color]) return now;
  return null;
}

// ---------------------------------------------------------------------------------------

describe('the demo corpus file', () => {
  it('is JSONL with at least 1,500 mentions, each with every field the replay source reads', () => {
    expect(lines.length).toBeGreaterThanOrEqual(1500);
    expect(raw.endsWith('\n')).toBe(true);
    const sourceNames = new Set(station.sources.map((s) => s.name));
    for (const x of items) {
      expect(x.guid).toMatch(/^demo-\d{5}$/);
      expect(sourceNames.has(x.source), x.source).toBe(true);
      expect(typeof x.author).toBe('string');
      expect(['zh-Hant', 'zh-Hans', 'en']).toContain(x.lang);
      expect(x.title === null || (typeof x.title === 'string' && x.title.length > 0)).toBe(true);
      expect(x.text.length, x.guid).toBeGreaterThanOrEqual(10);
      expect(x.text.length, x.guid).toBeLessThanOrEqual(300);
      expect(x.url.startsWith('https://demo.fenghuo.invalid/')).toBe(true);
      expect(Number.isInteger(x.t)).toBe(true);
      expect(Number.isInteger(x.reach) && x.reach >= 0).toBe(true);
      expect([-1, 0, 1]).toContain(x.mood);
      expect(Array.isArray(x.topics)).toBe(true);
    }
  });

  it('has unique guids, urls and texts', () => {
    for (const key of ['guid', 'url', 'text'] as const) expect(new Set(items.map((x) => x[key])).size, key).toBe(items.length);
  });

  it('is sorted by time: a day of history up to t = 0, then the live half hour', () => {
    for (let i = 1; i < items.length; i++) expect(items[i]!.t).toBeGreaterThanOrEqual(items[i - 1]!.t);
    expect(items[0]!.t).toBeGreaterThanOrEqual(-86400);
    expect(items[items.length - 1]!.t).toBeLessThanOrEqual(LIVE_END);
    expect(items.filter((x) => x.t <= 0).length).toBeGreaterThan(800);
    expect(items.filter((x) => x.t > 0).length).toBeGreaterThan(400);
  });

  it('follows a daily rhythm: quiet from 2 to 7 am, busy at lunch and in the evening', () => {
    const hourOf = (t: number) => Math.floor((((14 + t / 3600) % 24) + 24) % 24);
    const perHour = Array.from({ length: 24 }, (_, h) => items.filter((x) => x.t <= 0 && hourOf(x.t) === h).length);
    const night = Math.max(...perHour.slice(2, 7));
    expect(night * 4).toBeLessThan(perHour[12]!);
    expect(night * 4).toBeLessThan(Math.max(...perHour.slice(20, 23)));
  });

  it('keeps each source to one language, titles on forums and news, none on microblogs', () => {
    const langOf = new Map(station.sources.map((s) => [s.name, s.lang]));
    for (const x of items) expect(x.lang, x.guid).toBe(langOf.get(x.source));
    expect(new Set(items.map((x) => x.source))).toEqual(new Set(langOf.keys()));
    const titled = /^(PTT |Dcard |自由時報|聯合新聞網|微信公众号|Taipei Times)/;
    const untitled = /^(Threads|微博|Hacker News)/;
    for (const x of items) {
      if (titled.test(x.source)) expect(x.title, x.guid).not.toBeNull();
      if (untitled.test(x.source)) expect(x.title, x.guid).toBeNull();
    }
  });
});

describe('the demo topics', () => {
  it('find exactly the topics each mention was written for (the labels double as a test set)', () => {
    const wrong = items.filter((x) => [...topicsOf(x)].sort().join() !== [...x.topics].sort().join());
    expect(wrong.map((x) => `${x.guid} found [${topicsOf(x)}] labelled [${x.topics}]: ${x.text.slice(0, 40)}`)).toEqual([]);
  });

  it('cover every topic in all three languages, with about a tenth of the chatter on no topic', () => {
    for (const topic of station.topics) {
      for (const lang of ['zh-Hant', 'zh-Hans', 'en'] as const) {
        expect(items.filter((x) => x.lang === lang && about(x, topic.name)).length, `${topic.name} ${lang}`).toBeGreaterThanOrEqual(25);
      }
    }
    const none = items.filter((x) => topicsOf(x).length === 0).length / items.length;
    expect(none).toBeGreaterThan(0.07);
    expect(none).toBeLessThan(0.15);
  });

  it('leave out the sky, the sea and the tide: aurora photos, the Taiwan Strait, tide tables', () => {
    const nearMiss = (re: RegExp) => items.filter((x) => re.test(`${x.title ?? ''} ${x.text}`));
    for (const re of [/北極光|追極光|北极光|northern lights|borealis/i, /台灣海峽|台湾海峡|Taiwan Strait/, /潮汐表|潮汐时间|tide tables/i]) {
      const xs = nearMiss(re);
      expect(xs.length, String(re)).toBeGreaterThan(2);
      expect(xs.filter((x) => topicsOf(x).length > 0).map((x) => x.text)).toEqual([]);
    }
  });

  it('compare carriers in some posts (share of voice)', () => {
    const both = items.filter((x) => about(x, BRAND) && (about(x, '海峽通訊') || about(x, '潮汐網路')));
    expect(both.length).toBeGreaterThan(40);
  });
});

describe('the demo story', () => {
  const brand = byTopic.get(BRAND)!;
  const liveBrand = (to: number) => brand.filter((x) => x.t > 0 && x.t <= to).length;

  it('is an ordinary day before the outage: roughly a third of brand mentions negative', () => {
    const share = negShare(brand.filter((x) => x.t <= 0));
    expect(share).toBeGreaterThanOrEqual(0.25);
    expect(share).toBeLessThanOrEqual(0.35);
  });

  it('bursts after the onset: 300+ brand mentions by t = 1200, two thirds negative, ramping up', () => {
    const burst = brand.filter((x) => x.t > ONSET && x.t <= 1200);
    expect(burst.length).toBeGreaterThanOrEqual(300);
    expect(negShare(burst)).toBeGreaterThanOrEqual(0.65);
    expect(liveBrand(180)).toBeGreaterThanOrEqual(40);
    expect(liveBrand(420)).toBeGreaterThanOrEqual(120);
    expect(liveBrand(ONSET)).toBeLessThan(5);
  });

  it('calms a little after the apology but stays mostly negative', () => {
    const perMin = (a: number, b: number) => brand.filter((x) => x.t > a && x.t <= b).length / ((b - a) / 60);
    expect(perMin(1200, LIVE_END)).toBeLessThan(perMin(420, 1200));
    expect(negShare(brand.filter((x) => x.t > 1200))).toBeGreaterThan(0.5);
  });

  it('bumps the competitors while the brand is down', () => {
    for (const rival of ['海峽通訊', '潮汐網路']) {
      const xs = byTopic.get(rival)!;
      const before = xs.filter((x) => x.t <= 0).length / 1440;
      const during = xs.filter((x) => x.t > 420 && x.t <= LIVE_END).length / ((LIVE_END - 420) / 60);
      expect(during, rival).toBeGreaterThan(before * 2);
    }
  });

  it('keeps the lantern festival mostly positive or neutral, with a few crowd complaints', () => {
    const fest = byTopic.get('高雄燈會')!;
    expect(negShare(fest)).toBeGreaterThan(0.05);
    expect(negShare(fest)).toBeLessThan(0.25);
    expect(fest.filter((x) => x.mood === 1).length).toBeGreaterThan(fest.filter((x) => x.mood === -1).length * 2);
  });
});

describe('the demo lights', () => {
  it('stay green (or gray overnight) through the ordinary day and until the onset', () => {
    for (const topic of station.topics.map((x) => x.name)) {
      for (const phase of PHASES) {
        for (let now = -86400 + 600; now <= ONSET; now += 60) {
          const l = lightAt(topic, now, phase);
          expect(['green', 'gray'], `${topic} at t=${now}: ${l.count} mentions, neg ${l.negShare}`).toContain(l.color);
        }
      }
    }
  });

  it('turn the brand yellow within 2–3 minutes of the onset and red within 6–7', () => {
    for (const phase of PHASES) {
      const yellow = firstTimeAtLeast(BRAND, 'yellow', phase)!;
      const red = firstTimeAtLeast(BRAND, 'red', phase)!;
      expect(yellow - ONSET, `yellow, phase ${phase}`).toBeGreaterThanOrEqual(60);
      expect(yellow - ONSET, `yellow, phase ${phase}`).toBeLessThanOrEqual(180);
      expect(red - ONSET, `red, phase ${phase}`).toBeGreaterThanOrEqual(240);
      expect(red - ONSET, `red, phase ${phase}`).toBeLessThanOrEqual(420);
    }
  });

  it('step the brand green → yellow → red once, without flapping, and keep it red to the end', () => {
    for (const phase of PHASES) {
      const seen: LightColor[] = [];
      for (let now = 0; now <= LIVE_END; now += 5) {
        const c = lightAt(BRAND, now, phase).color;
        if (seen[seen.length - 1] !== c) seen.push(c);
      }
      expect(seen, `phase ${phase}`).toEqual(['green', 'yellow', 'red']);
    }
  });

  it('leave the competitors and the festival green while the brand burns', () => {
    for (const topic of station.topics.map((x) => x.name).filter((x) => x !== BRAND)) {
      for (const phase of PHASES) {
        for (let now = 0; now <= LIVE_END; now += 15) expect(lightAt(topic, now, phase).color, `${topic} at t=${now}`).toBe('green');
      }
    }
  });
});
