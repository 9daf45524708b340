// `fenghuo replay-eval`: a drill. Replays an incident into a scratch station, a minute at a
// time on a manual clock, and prints as JSON when each light went yellow and red relative to
// the incident's onset, and how many yellow/red alerts fired on its quiet stretches.
import { parseArgs } from 'node:util';
import { loadIncident, loadRules, runDrill } from '../engine/alerts/drill';

export const REPLAY_EVAL_USAGE = `fenghuo replay-eval --incident FILE|demo [--rules FILE] [--step-sec N] [--labels analyzer|mood]
  --incident FILE  an incident header (NAME.incident.json beside its JSONL corpus), or "demo"
  --rules FILE     topics and light rules (JSON: {"topics": [...], "rules": [...]}, as station.json);
                   default: the rules file the incident names
  --step-sec N     seconds between evaluations (default 60)
  --labels L       sentiment from the station's analyzer (default) or the corpus's hand labels (mood)`;

export async function runReplayEval(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      incident: { type: 'string' },
      rules: { type: 'string' },
      'step-sec': { type: 'string', default: '60' },
      labels: { type: 'string', default: 'analyzer' },
    },
    strict: true,
  });
  if (!values.incident) {
    process.stderr.write(`replay-eval: --incident is required\n\n${REPLAY_EVAL_USAGE}\n`);
    return 2;
  }
  const stepSec = Number(values['step-sec']);
  if (!Number.isFinite(stepSec) || stepSec < 1 || stepSec > 3600) {
    process.stderr.write('replay-eval: --step-sec must be a number of seconds from 1 to 3600\n');
    return 2;
  }
  if (values.labels !== 'analyzer' && values.labels !== 'mood') {
    process.stderr.write('replay-eval: --labels must be "analyzer" or "mood"\n');
    return 2;
  }
  const incident = loadIncident(values.incident);
  const rulesPath = values.rules ?? incident.rulesPath;
  if (!rulesPath) {
    process.stderr.write('replay-eval: the incident names no rules file; give --rules FILE\n');
    return 2;
  }
  const report = runDrill(incident, loadRules(rulesPath), { stepSec, labels: values.labels });
  out.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}
