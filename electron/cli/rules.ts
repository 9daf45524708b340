// `fenghuo rules add|list|backtest`: light rules from a terminal, as in the rules room — start
// from a preset, change a line or two, backtest it on the station's stored history (when it
// would have gone yellow and red, alerts a day), then add it.
import { parseArgs } from 'node:util';
import { PRESETS, type BacktestReport, type PresetId } from '../../shared/setup';
import type { LightRule } from '../../shared/types';
import type { Client } from '../../shared/client';
import { connect, describeError, STATION_OPTIONS, STATION_USAGE } from './station-client';

export const RULES_USAGE = `fenghuo rules list|add|backtest [options]
  list                      every rule: id, what it watches, metric, lines
  add  SUBJECT [RULE]       add a rule
  backtest SUBJECT [RULE] | --id N [--days N]
                            replay a rule (new, or saved with --id) over the last N days (14) of stored history
  SUBJECT: --topic NAME | --source NAME | --gauge NAME | --station
  RULE:    --preset ${PRESETS.map((p) => p.id).join('|')} (default: the subject's usual one)
           [--yellow X] [--red Y] [--window MIN] [--min-volume N] [--persistence N] [--name TEXT]
           shares are fractions: --yellow 0.4 is 40%
${STATION_USAGE}`;

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

const DEFAULT_PRESET: Record<string, PresetId> = { topic: 'spike', source: 'silent', gauge: 'occupancy', station: 'spike' };

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${flag}: "${v}" is not a number`);
  return n;
}

type Values = Record<string, string | boolean | undefined>;

/** The rule the flags describe, with its subject's name resolved to an id. */
async function ruleFromFlags(client: Client, v: Values): Promise<Record<string, unknown>> {
  const subjects = (['topic', 'source', 'gauge'] as const).filter((k) => typeof v[k] === 'string');
  if (subjects.length + (v.station ? 1 : 0) !== 1) throw new Error('name one subject: --topic NAME, --source NAME, --gauge NAME or --station');
  const scope = subjects[0] ?? 'station';
  const name = v[scope] as string;
  let ids: Record<string, unknown> = {};
  if (scope === 'topic') {
    const t = (await client.call('topics.list', {})).find((x) => x.name === name);
    if (!t) throw new Error(`there is no topic named "${name}" (fenghuo topics list)`);
    ids = { topicId: t.id };
  } else if (scope === 'source') {
    const s = (await client.call('sources.list', {})).find((x) => x.name === name);
    if (!s) throw new Error(`there is no source named "${name}"`);
    ids = { scope, scopeId: s.id };
  } else if (scope === 'gauge') {
    const g = ((await client.call('gauges.list', {} as never)) as { id: number; name: string }[]).find((x) => x.name === name);
    if (!g) throw new Error(`there is no gauge named "${name}"`);
    ids = { scope, scopeId: g.id };
  } else ids = { scope: 'station' };
  const id = (v.preset as string | undefined) ?? DEFAULT_PRESET[scope]!;
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const over = {
    yellow: num('yellow', v.yellow as string | undefined),
    red: num('red', v.red as string | undefined),
    windowMin: num('window', v.window as string | undefined),
    minVolume: num('min-volume', v['min-volume'] as string | undefined),
    persistence: num('persistence', v.persistence as string | undefined),
    name: v.name as string | undefined,
  };
  const rule: Record<string, unknown> = { ...preset.rule, name: preset.id, ...ids };
  for (const [k, x] of Object.entries(over)) if (x !== undefined) rule[k] = x;
  return rule;
}

const at = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');

function backtestLines(r: BacktestReport): string[] {
  return [
    `backtest over ${Math.round((r.to - r.from) / 86_400_000)} days, ${r.evaluations} evaluations (${r.stepMin} min apart)`,
    `  first yellow: ${at(r.firstYellowAt)}`,
    `  first red:    ${at(r.firstRedAt)}`,
    `  ${r.raisesPerDay} raised alerts a day on average; yellow ${r.minutes.yellow} min, red ${r.minutes.red} min, no data ${r.minutes.gray} min`,
    '  day (UTC)    yellow  red',
    ...r.days.map((d) => `  ${new Date(d.day).toISOString().slice(0, 10)}  ${String(d.yellow).padStart(6)}  ${String(d.red).padStart(3)}`),
  ];
}

export async function runRules(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      ...STATION_OPTIONS,
      topic: { type: 'string' },
      source: { type: 'string' },
      gauge: { type: 'string' },
      station: { type: 'boolean' },
      preset: { type: 'string' },
      yellow: { type: 'string' },
      red: { type: 'string' },
      window: { type: 'string' },
      'min-volume': { type: 'string' },
      persistence: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      days: { type: 'string', default: '14' },
    },
    strict: true,
  });
  if (sub !== 'list' && sub !== 'add' && sub !== 'backtest') {
    io.err.write(`usage: ${RULES_USAGE}\n`);
    return 2;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 28) {
    io.err.write('rules backtest: --days must be a whole number of days from 1 to 28\n');
    return 2;
  }
  const { client, close } = connect(values);
  const print = (x: unknown, lines: () => string[]) => io.out.write(values.json ? JSON.stringify(x, null, 2) + '\n' : lines().join('\n') + '\n');
  try {
    if (sub === 'list') {
      const [rules, lights] = await Promise.all([client.call('rules.list', {}), client.call('lights.list', {})]);
      const label = new Map(lights.map((l) => [l.ruleId, `${l.label} (${l.color})`]));
      print(rules, () =>
        rules.length
          ? rules.map((r) => `${String(r.id).padStart(4)}  ${label.get(r.id) ?? r.scope}  ${r.metric}  yellow ${r.yellow ?? r.volumeYellow ?? '-'}  red ${r.red ?? r.volumeRed ?? '-'}  ${r.name}`)
          : ['no light rules yet: fenghuo rules backtest --topic NAME, then fenghuo rules add --topic NAME'],
      );
      return 0;
    }
    let rule: Record<string, unknown>;
    if (values.id) {
      const saved = (await client.call('rules.list', {})).find((r) => r.id === Number(values.id));
      if (!saved) throw new Error(`there is no rule ${values.id} (fenghuo rules list)`);
      const { id: _id, ...fields } = saved as LightRule;
      rule = fields;
    } else rule = await ruleFromFlags(client, values);
    if (sub === 'backtest') {
      const r = await client.call('rules.backtest', { rule: rule as never, days, tzOffsetMin: 0 });
      print(r, () => backtestLines(r));
    } else {
      const saved = await client.call('rules.save', { rule: rule as never });
      print(saved, () => [`added rule ${saved.id} "${saved.name}": ${saved.metric}, yellow ${saved.yellow ?? '-'}, red ${saved.red ?? '-'}`]);
    }
    return 0;
  } catch (e) {
    io.err.write(`rules ${sub}: ${describeError(e)}\n`);
    return 1;
  } finally {
    await close();
  }
}
