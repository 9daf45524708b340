// Drills replay places too: the demo's festival night, minute by minute on a manual clock,
// fills the Love River lantern area (yellow, then red) while its chatter rises, and the other
// sites stay green; a recording with readings for a place nobody named is refused by name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIncident, loadRules, runDrill, type DrillReport } from '../../electron/engine/alerts/drill';

const HOUR = 3600;

describe('the demo drill with its festival places', () => {
  let r: DrillReport;
  const riverLamps: { t: number; lamp: string }[] = [];
  beforeAll(() => {
    const i = loadIncident('demo');
    r = runDrill(i, loadRules(i.rulesPath!), {
      stepSec: 300,
      labels: 'mood',
      onStep: (t, _lights, places) => riverLamps.push({ t, lamp: places.find((p) => p.name === '愛河燈區')!.lamp }),
    });
  });

  it('turns 愛河燈區 yellow in the evening, then red after the drone show, then lets it go', () => {
    const river = r.places.find((p) => p.name === '愛河燈區')!;
    // t = 0 is 14:00 in Taipei (06:00Z): the festival night is the evening before.
    const hour = (iso: string) => (new Date(iso).getUTCHours() + 8) % 24 + new Date(iso).getUTCMinutes() / 60;
    expect(hour(river.yellow!.at)).toBeGreaterThanOrEqual(19);
    expect(hour(river.yellow!.at)).toBeLessThan(20);
    expect(hour(river.red!.at)).toBeGreaterThanOrEqual(20.25);
    expect(hour(river.red!.at)).toBeLessThan(21);
    expect(river.peak!.share).toBeGreaterThan(0.88);
    expect(river.changes.map((c) => c.to)).toEqual(['yellow', 'red', 'yellow', 'green']);
  });

  it('while its chatter rises: festival mentions in its red hour are more than twice those of the afternoon', () => {
    const river = r.places.find((p) => p.name === '愛河燈區')!;
    const start = Date.parse('2026-02-13T06:00:00Z');
    const redT = (Date.parse(river.red!.at) - start) / 1000;
    const corpus = fs
      .readFileSync(path.join(__dirname, '../../resources/demo/corpus.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; topics: string[] })
      .filter((x) => x.topics.includes('高雄燈會'));
    const inHour = (from: number) => corpus.filter((x) => x.t >= from && x.t < from + HOUR).length;
    expect(inHour(redT)).toBeGreaterThan(2 * inHour(redT - 5 * HOUR));
  });

  it('keeps the other sites green all day', () => {
    for (const p of r.places.filter((x) => x.name !== '愛河燈區')) {
      expect(p.yellow, p.name).toBeNull();
      expect(p.changes, p.name).toEqual([]);
    }
  });

  it('has the places fresh (never gray) at every step: the readings replay with the mentions', () => {
    expect(riverLamps.length).toBeGreaterThan(20 * HOUR / 300);
    expect(riverLamps.filter((s) => s.lamp === 'gray')).toEqual([]);
  });
});

describe('a drill with a gauge rule', () => {
  it('fires the rule on the replayed readings like any other light', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-places-drill-'));
    try {
      fs.writeFileSync(path.join(dir, 'c.jsonl'), JSON.stringify({ guid: 'a', source: 's', text: 'hello', t: 0 }) + '\n');
      const readings = [0, 300, 600, 900, 1200].map((t, i) => ({ gauge: 'hall', t, value: [200, 500, 800, 960, 980][i] }));
      fs.writeFileSync(path.join(dir, 'p.jsonl'), readings.map((r) => JSON.stringify(r)).join('\n'));
      const rules = {
        topics: [{ name: 'x', query: 'hello' }],
        rules: [{ gauge: 'hall', metric: 'gauge_occupancy', windowMin: 5, yellow: 0.7, red: 0.9, staleAfterMin: 15 }],
        places: [{ name: 'hall', capacity: 1000 }],
      };
      fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify(rules));
      const header = { name: 'x', corpus: 'c.jsonl', start: '2026-02-13T06:00:00Z', evalFrom: 0, evalTo: 1200, rules: 'rules.json', places: 'p.jsonl' };
      fs.writeFileSync(path.join(dir, 'x.incident.json'), JSON.stringify(header));
      const i = loadIncident(path.join(dir, 'x.incident.json'));
      const r = runDrill(i, loadRules(i.rulesPath!));
      const light = r.lights.find((l) => l.metric === 'gauge_occupancy')!;
      expect(light.label).toBe('hall');
      expect(light.changes.map((c) => c.to)).toContain('red');
      // The place's own lamp uses its shares (presets 60% / 85%), apart from the rule's lines.
      expect(r.places[0]).toMatchObject({ name: 'hall', yellow: { atMin: 10 }, red: { atMin: 15 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a recording with readings for an unnamed place', () => {
  it('is refused, naming the place', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-places-drill-'));
    try {
      fs.writeFileSync(path.join(dir, 'c.jsonl'), JSON.stringify({ guid: 'a', source: 's', text: 'hello', t: 0 }) + '\n');
      fs.writeFileSync(path.join(dir, 'p.jsonl'), JSON.stringify({ gauge: '旗津', t: 0, value: 10 }) + '\n');
      fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ topics: [{ name: 'x', query: 'hello' }], rules: [] }));
      const header = { name: 'x', corpus: 'c.jsonl', start: '2026-02-13T06:00:00Z', evalFrom: 0, evalTo: 60, rules: 'rules.json', places: 'p.jsonl' };
      fs.writeFileSync(path.join(dir, 'x.incident.json'), JSON.stringify(header));
      const i = loadIncident(path.join(dir, 'x.incident.json'));
      expect(() => runDrill(i, loadRules(i.rulesPath!))).toThrow('readings for unknown places: "旗津"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
