// Drills: replay a recorded incident into a scratch station in memory at speed, with the lights firing as
// they would have. A ManualClock steps through the incident (a minute at a time by default);
// each step stores the mentions that came due (same pipeline, same store, same rollups as a
// live station) and evaluates every light. Nothing waits in real time.
//
// An incident is a corpus (JSONL, the replay source's format plus a hand label `mood`) and a
// header (`<name>.incident.json`) naming the onset and the quiet stretches; see
// tests/fixtures/incidents/README.md. `demo` is the bundled demo with its scripted crisis.
//
// Places replay too: the rules file may name places (`places`, as gauges.add takes them) and the
// header a file of their readings (`places`, JSON lines of { gauge, t, value }); each step stores
// the readings that came due and notes every change of a place's lamp, so a drill also says when
// a site filled up (and gauge_occupancy rules fire like any other light).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readJsonLines } from '../jsonl';
import type { Lang, LightColor, Topic } from '../../../shared/types';
import { ManualClock } from '../clock';
import { resourcePath } from '../paths';
import { Pipeline } from '../pipeline';
import { createAnalyzer, labelOf, type Analyzer } from '../analysis/sentiment';
import { Store } from '../store';
import type { IncomingItem } from '../sources/types';
import { addPlaces, loadReadings, placeSpec, type ReadingLine } from '../places';
import { RANK, runLights } from './lights';
import { resolveRuleSpecs, ruleSpec } from './rule-specs';

const incidentItem = z.object({
  guid: z.string().min(1),
  source: z.string().min(1),
  text: z.string(),
  /** Seconds relative to the incident's t = 0. */
  t: z.number(),
  title: z.string().nullable().optional(),
  lang: z.string().nullable().optional(),
  author: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  reach: z.number().int().nonnegative().optional(),
  mood: z.union([z.literal(-1), z.literal(0), z.literal(1)]).optional(),
});
export type IncidentItem = z.output<typeof incidentItem>;

const incidentHeader = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  corpus: z.string().min(1),
  start: z.string().datetime({ offset: true }),
  onsetT: z.number().nullable().default(null),
  topic: z.string().nullable().default(null),
  evalFrom: z.number(),
  evalTo: z.number(),
  quiet: z.array(z.tuple([z.number(), z.number()])).default([]),
  /** A rules file next to the header, used when the drill is not given one. */
  rules: z.string().optional(),
  /** Crowd readings of the places (JSON lines of { gauge, t, value }) next to the header. */
  places: z.string().optional(),
});
export type IncidentHeader = z.output<typeof incidentHeader>;

export const rulesFile = z.object({
  topics: z.array(z.object({ name: z.string().min(1), query: z.string().min(1), color: z.string().default('#4cc9f0') })),
  rules: z.array(ruleSpec),
  /** Places whose readings the drill replays (as gauges.add takes them). */
  places: z.array(placeSpec).optional(),
});
export type RulesFile = z.output<typeof rulesFile>;

export interface Incident {
  header: IncidentHeader;
  items: IncidentItem[];
  /** The rules file the header names, resolved to a path (null when it names none). */
  rulesPath: string | null;
  /** Readings of places, by time. */
  readings: ReadingLine[];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${where}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function readCorpus(file: string): IncidentItem[] {
  return readJsonLines(file, incidentItem, 'incident corpus').sort((a, b) => a.t - b.t);
}

/** The demo's day of history, its scripted crisis (station.json `crisis`) and the half hour after. */
function demoIncident(): Incident {
  const station = readJson(resourcePath('demo', 'station.json')) as { crisis?: { topic: string; onsetT: number } };
  const onsetT = station.crisis?.onsetT ?? 60;
  return {
    header: {
      name: 'demo',
      description: 'The bundled demo: a day of history, then the scripted outage.',
      corpus: resourcePath('demo', 'corpus.jsonl'),
      // t = 0 is 14:00 in Taipei, as the demo's rhythm assumes.
      start: '2026-02-13T06:00:00Z',
      onsetT,
      topic: station.crisis?.topic ?? null,
      evalFrom: -23 * 3600,
      evalTo: 1800,
      quiet: [[-23 * 3600, onsetT]],
    },
    items: readCorpus(resourcePath('demo', 'corpus.jsonl')),
    rulesPath: resourcePath('demo', 'station.json'),
    readings: loadReadings('demo').lines,
  };
}

export function loadIncident(file: string): Incident {
  if (file === 'demo') return demoIncident();
  const header = parseOrThrow(incidentHeader, readJson(file), file);
  const dir = path.dirname(file);
  return {
    header,
    items: readCorpus(path.resolve(dir, header.corpus)),
    rulesPath: header.rules ? path.resolve(dir, header.rules) : null,
    readings: header.places ? loadReadings(path.resolve(dir, header.places)).lines : [],
  };
}

export function loadRules(file: string): RulesFile {
  return parseOrThrow(rulesFile, readJson(file), file);
}

export interface LightReport {
  ruleId: number;
  name: string;
  label: string;
  metric: string;
  /** Minutes from the onset until the light first showed at least yellow / red (null: never). */
  yellowAfterOnsetMin: number | null;
  redAfterOnsetMin: number | null;
  /** Alerts to yellow / red inside the quiet stretches: noise. */
  quiet: { yellow: number; red: number };
  /** Every alert of this light, by the colour it changed to. */
  alerts: Record<LightColor, number>;
  notified: number;
  /** Every change, minutes from the onset (from evalFrom when there is no onset). */
  changes: { atMin: number; from: LightColor; to: LightColor; notify: boolean }[];
}

export interface TopicReport {
  label: string;
  /** The topic as the wall shows it: the worst of its lights. */
  yellowAfterOnsetMin: number | null;
  redAfterOnsetMin: number | null;
  quiet: { yellow: number; red: number };
}

/** A place's lamp through the drill. */
export interface PlaceReport {
  name: string;
  capacity: number;
  /** When the lamp first showed at least yellow / red: minutes from the onset (from evalFrom without one) and the wall time. */
  yellow: { atMin: number; at: string } | null;
  red: { atMin: number; at: string } | null;
  /** The fullest it got: share of capacity and when. */
  peak: { share: number; at: string } | null;
  changes: { atMin: number; at: string; from: LightColor; to: LightColor }[];
}

export interface DrillReport {
  incident: string;
  onsetT: number | null;
  topic: string | null;
  stepSec: number;
  labels: 'analyzer' | 'mood';
  steps: number;
  mentions: number;
  lights: LightReport[];
  topics: TopicReport[];
  places: PlaceReport[];
}

export interface DrillOptions {
  stepSec?: number;
  /** Sentiment from the station's analyzer (what a live station would have seen) or the corpus's hand labels. */
  labels?: 'analyzer' | 'mood';
  /** Called after each step with the lights' colours, for tests that watch the wall. */
  onStep?: (
    t: number,
    lights: { ruleId: number; label: string; color: LightColor }[],
    places: { name: string; lamp: LightColor; occupancy: number | null }[],
  ) => void;
}

/** An analyzer that answers with the corpus's hand label (by text) and falls back to the real one. */
function moodAnalyzer(items: IncidentItem[]): Analyzer {
  const real = createAnalyzer();
  const mood = new Map(items.filter((x) => x.mood !== undefined).map((x) => [x.title ? `${x.title}\n${x.text}` : x.text, x.mood!]));
  return {
    analyze(text: string, lang?: Lang) {
      const r = real.analyze(text, lang);
      const m = mood.get(text);
      if (m === undefined) return r;
      return { ...r, score: m * 0.8, label: labelOf(m * 0.8) };
    },
  };
}

export function runDrill(incident: Incident, rules: RulesFile, opts: DrillOptions = {}): DrillReport {
  const { header, items } = incident;
  const stepSec = opts.stepSec ?? 60;
  const labels = opts.labels ?? 'analyzer';
  const start = Date.parse(header.start);
  const wall = (t: number) => start + Math.round(t * 1000);
  const clock = new ManualClock(wall(header.evalFrom));
  const store = Store.scratch();
  try {
    const topicIds = new Map<string, number>();
    for (const t of rules.topics) topicIds.set(t.name, store.topics.add(t, clock.now()));
    const sourceIds = new Map<string, number>();
    for (const name of new Set(items.map((x) => x.source))) {
      sourceIds.set(
        name,
        store.sources.add(
          { name, kind: 'replay', config: { corpus: header.corpus, speed: 1, only: name }, enabled: true, intervalSec: stepSec },
          clock.now(),
        ),
      );
    }
    addPlaces(store, rules.places ?? [], 'rules');
    const placeNames = new Set(store.gauges.list().map((g) => g.name));
    const unknown = [...new Set(incident.readings.map((r) => r.gauge))].filter((n) => !placeNames.has(n));
    if (unknown.length) throw new Error(`readings for unknown places: ${unknown.map((n) => `"${n}"`).join(', ')} (name them in the rules file's "places")`);
    const gaugeIds = new Map(store.gauges.list().map((g) => [g.name, g.id]));
    for (const r of resolveRuleSpecs(rules.rules, { topics: topicIds, sources: sourceIds, gauges: gaugeIds }, 'rules')) store.lights.saveRule(r);
    const topics: Topic[] = store.topics.list();
    const pipeline = new Pipeline(topics, labels === 'mood' ? moodAnalyzer(items) : createAnalyzer());

    let next = 0;
    let mentions = 0;
    /** Store everything due up to incident time `t`, one batch per source, as polls would. */
    const ingestUpTo = (t: number) => {
      const bySource = new Map<string, IncomingItem[]>();
      while (next < items.length && items[next]!.t <= t) {
        const x = items[next++]!;
        const list = bySource.get(x.source) ?? bySource.set(x.source, []).get(x.source)!;
        list.push({
          guid: x.guid,
          url: x.url ?? null,
          title: x.title ?? null,
          text: x.text,
          author: x.author ?? null,
          lang: x.lang ?? null,
          publishedAt: wall(x.t),
          reach: x.reach ?? 0,
        });
      }
      const now = clock.now();
      for (const [name, list] of bySource) {
        const id = sourceIds.get(name)!;
        const rows = pipeline.prepare(id, name, list, now);
        mentions += store.ingest(rows, { id, poll: { cursor: null, etag: null, lastModified: null }, now, nextCheckAt: now + stepSec * 1000 }).ids.length;
      }
    };

    let nextReading = 0;
    /** Store every place reading due up to incident time `t`, one batch per place. */
    const readUpTo = (t: number) => {
      const byPlace = new Map<string, { at: number; value: number }[]>();
      while (nextReading < incident.readings.length && incident.readings[nextReading]!.t <= t) {
        const r = incident.readings[nextReading++]!;
        (byPlace.get(r.gauge) ?? byPlace.set(r.gauge, []).get(r.gauge)!).push({ at: wall(r.t), value: r.value });
      }
      for (const [name, list] of byPlace) store.gauges.record(name, {}, list, clock.now());
    };
    const placeReports = new Map<string, PlaceReport & { lamp: LightColor }>();
    const iso = (t: number) => new Date(wall(t)).toISOString();
    const watchPlaces = (t: number) => {
      const now = clock.now();
      const places = store.gauges.list(now);
      for (const p of places) {
        let rep = placeReports.get(p.name);
        if (!rep) {
          rep = { name: p.name, capacity: p.capacity, yellow: null, red: null, peak: null, changes: [], lamp: p.lamp };
          placeReports.set(p.name, rep);
        } else if (rep.lamp !== p.lamp) {
          rep.changes.push({ atMin: minutesFrom(t), at: iso(t), from: rep.lamp, to: p.lamp });
          rep.lamp = p.lamp;
        }
        if (rep.yellow === null && RANK[p.lamp] >= RANK.yellow) rep.yellow = { atMin: minutesFrom(t), at: iso(t) };
        if (rep.red === null && p.lamp === 'red') rep.red = { atMin: minutesFrom(t), at: iso(t) };
        if (p.occupancy !== null && p.lastAt !== null && (rep.peak === null || p.occupancy > rep.peak.share)) {
          rep.peak = { share: Math.round(p.occupancy * 1000) / 1000, at: new Date(p.lastAt).toISOString() };
        }
      }
      return places;
    };

    const rulesById = new Map(store.lights.rules().map((r) => [r.id, r]));
    const reports = new Map<number, LightReport>();
    const inQuiet = (t: number) => header.quiet.some(([a, b]) => t >= a && t < b);
    const onset = header.onsetT;
    const topicState = new Map<string, { color: LightColor; report: TopicReport }>();
    const minutesFrom = (t: number) => Math.round(((t - (onset ?? header.evalFrom)) / 60) * 10) / 10;
    const minutesAfterOnset = minutesFrom;

    ingestUpTo(header.evalFrom);
    readUpTo(header.evalFrom);
    let steps = 0;
    for (let t = header.evalFrom; t <= header.evalTo; t += stepSec) {
      clock.advance(t === header.evalFrom ? 0 : stepSec * 1000);
      ingestUpTo(t);
      readUpTo(t);
      const places = watchPlaces(t);
      const run = runLights(store, topics, clock.now());
      steps++;
      for (const id of run.alerts) {
        const a = store.lights.alert(id)!;
        const rep = reports.get(a.ruleId);
        if (!rep) continue;
        rep.alerts[a.to]++;
        if (a.notify) rep.notified++;
        rep.changes.push({ atMin: minutesFrom(t), from: a.from, to: a.to, notify: a.notify });
        if (inQuiet(t) && (a.to === 'yellow' || a.to === 'red')) rep.quiet[a.to]++;
      }
      const worst = new Map<string, LightColor>();
      for (const l of run.lights) {
        let rep = reports.get(l.ruleId);
        if (!rep) {
          const rule = rulesById.get(l.ruleId)!;
          rep = {
            ruleId: l.ruleId,
            name: rule.name,
            label: l.label,
            metric: l.metric,
            yellowAfterOnsetMin: null,
            redAfterOnsetMin: null,
            quiet: { yellow: 0, red: 0 },
            alerts: { green: 0, yellow: 0, red: 0, gray: 0 },
            notified: 0,
            changes: [],
          };
          reports.set(l.ruleId, rep);
        }
        if (onset !== null && t >= onset) {
          if (rep.yellowAfterOnsetMin === null && RANK[l.color] >= RANK.yellow) rep.yellowAfterOnsetMin = minutesAfterOnset(t);
          if (rep.redAfterOnsetMin === null && l.color === 'red') rep.redAfterOnsetMin = minutesAfterOnset(t);
        }
        const w = worst.get(l.label);
        if (!w || RANK[l.color] > RANK[w]) worst.set(l.label, l.color);
      }
      for (const [label, color] of worst) {
        let s = topicState.get(label);
        if (!s) {
          s = { color, report: { label, yellowAfterOnsetMin: null, redAfterOnsetMin: null, quiet: { yellow: 0, red: 0 } } };
          topicState.set(label, s);
        } else if (s.color !== color) {
          if (inQuiet(t) && (color === 'yellow' || color === 'red') && RANK[color] > RANK[s.color]) s.report.quiet[color]++;
          s.color = color;
        }
        if (onset !== null && t >= onset) {
          if (s.report.yellowAfterOnsetMin === null && RANK[color] >= RANK.yellow) s.report.yellowAfterOnsetMin = minutesAfterOnset(t);
          if (s.report.redAfterOnsetMin === null && color === 'red') s.report.redAfterOnsetMin = minutesAfterOnset(t);
        }
      }
      opts.onStep?.(
        t,
        run.lights.map((l) => ({ ruleId: l.ruleId, label: l.label, color: l.color })),
        places.map((p) => ({ name: p.name, lamp: p.lamp, occupancy: p.occupancy })),
      );
    }
    return {
      incident: header.name,
      onsetT: onset,
      topic: header.topic,
      stepSec,
      labels,
      steps,
      mentions,
      lights: [...reports.values()],
      topics: [...topicState.values()].map((s) => s.report),
      places: [...placeReports.values()].map(({ lamp: _lamp, ...r }) => r),
    };
  } finally {
    store.close();
  }
}
