// Drills: recorded incidents replayed into a scratch station minute by minute on a manual
// clock, the lights firing as they would have. The incidents are generated (seeded) by
// tests/fixtures/incidents/generate.ts; the demo is the bundled one with its scripted outage.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIncident, loadRules, runDrill, type DrillReport } from '../../electron/engine/alerts/drill';
import { runReplayEval } from '../../electron/cli/replay-eval';
import type { LightColor } from '../../shared/types';

const INCIDENTS = fileURLToPath(new URL('../fixtures/incidents/', import.meta.url));
const incident = (name: string) => path.join(INCIDENTS, `${name}.incident.json`);
const drill = (name: string, opts: Parameters<typeof runDrill>[2] = {}): DrillReport => {
  const i = loadIncident(name === 'demo' ? 'demo' : incident(name));
  return runDrill(i, loadRules(i.rulesPath!), opts);
};
const topic = (r: DrillReport, label: string) => r.topics.find((t) => t.label === label)!;

describe('a drill on a crisis shaped like a real one', () => {
  let r: DrillReport;
  beforeAll(() => void (r = drill('crisis')), 180_000);

  it('turns the brand red within 30 minutes of the onset, after a yellow', () => {
    const brand = topic(r, '青鳥航空');
    expect(brand.yellowAfterOnsetMin).not.toBeNull();
    expect(brand.redAfterOnsetMin).not.toBeNull();
    expect(brand.redAfterOnsetMin!).toBeLessThanOrEqual(30);
    expect(brand.yellowAfterOnsetMin!).toBeLessThan(brand.redAfterOnsetMin!);
  });

  it('raised nothing on the two quiet days before, and leaves the airport alone', () => {
    for (const t of r.topics) expect(t.quiet, t.label).toEqual({ yellow: 0, red: 0 });
    expect(topic(r, '星港機場').redAfterOnsetMin).toBeNull();
  });

  it('notifies the red, and keeps the notifications within the hourly cap', () => {
    const volume = r.lights.find((l) => l.label === '青鳥航空' && l.metric === 'volume_baseline')!;
    expect(volume.changes.find((c) => c.to === 'red')).toMatchObject({ notify: true });
    expect(volume.notified).toBeLessThanOrEqual(4 * 24);
  });
});

describe('a drill on a week of ordinary traffic', () => {
  let r: DrillReport;
  beforeAll(() => void (r = drill('quiet-week')), 180_000);

  it('raises no red and at most one yellow per topic, daily rhythm and a fare-sale bump included', () => {
    for (const t of r.topics) {
      expect(t.quiet.red, t.label).toBe(0);
      expect(t.quiet.yellow, t.label).toBeLessThanOrEqual(1);
    }
    for (const l of r.lights) expect(l.alerts.red, `${l.label} ${l.metric}`).toBe(0);
  });
});

describe('a drill on an ordinary week whose neutral posts are questions and notices', () => {
  let r: DrillReport;
  // A week of minutes replayed: give the hook room on a busy machine.
  beforeAll(() => void (r = drill('ordinary-week')), 180_000);

  it('raises no red, and no negative-share light: 請問…退款 and 公告…暫停服務 are not complaints', () => {
    for (const t of r.topics) {
      expect(t.quiet.red, t.label).toBe(0);
      expect(t.quiet.yellow, t.label).toBeLessThanOrEqual(1);
    }
    for (const l of r.lights) expect(l.alerts.red, `${l.label} ${l.metric}`).toBe(0);
    for (const l of r.lights.filter((x) => x.metric === 'neg_share')) expect(l.alerts.yellow, l.label).toBe(0);
  });
});

describe('a drill on the demo', () => {
  /** The first time the brand showed at least `c`, minutes after onset, watching every step. */
  function watch(labels: 'analyzer' | 'mood') {
    const seen: { t: number; color: LightColor }[] = [];
    const r = drill('demo', {
      stepSec: 15,
      labels,
      onStep: (t, lights) => {
        const c = lights.find((l) => l.label === '極光電信')!.color;
        if (seen[seen.length - 1]?.color !== c) seen.push({ t, color: c });
      },
    });
    return { r, seen };
  }

  it('shows the scripted outage yellow, then red, within the first minutes, as the wall would (station analyzer)', () => {
    const { r, seen } = watch('analyzer');
    const brand = topic(r, '極光電信');
    expect(brand.yellowAfterOnsetMin!).toBeLessThanOrEqual(3);
    expect(brand.redAfterOnsetMin!).toBeLessThanOrEqual(7);
    const after = seen.filter((s) => s.t >= r.onsetT!).map((s) => s.color);
    expect(after.slice(0, 2)).toEqual(['yellow', 'red']);
  });

  it('with the hand labels: yellow 1–3 minutes after onset, red 4–7, nothing on the quiet day', () => {
    const { r } = watch('mood');
    const brand = topic(r, '極光電信');
    expect(brand.yellowAfterOnsetMin!).toBeGreaterThanOrEqual(1);
    expect(brand.yellowAfterOnsetMin!).toBeLessThanOrEqual(3);
    expect(brand.redAfterOnsetMin!).toBeGreaterThanOrEqual(4);
    expect(brand.redAfterOnsetMin!).toBeLessThanOrEqual(7);
    for (const t of r.topics) expect(t.quiet, t.label).toEqual({ yellow: 0, red: 0 });
  });
});

describe('fenghuo replay-eval', () => {
  it('prints the drill as JSON', async () => {
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    expect(await runReplayEval(['--incident', 'demo', '--labels', 'mood'], sink)).toBe(0);
    const report = JSON.parse(out) as DrillReport;
    expect(report).toMatchObject({ incident: 'demo', onsetT: 60, stepSec: 60, labels: 'mood' });
    expect(topic(report, '極光電信').redAfterOnsetMin).not.toBeNull();
  });
});
