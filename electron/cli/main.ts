// The `fenghuo` command line: one subcommand per file, dispatched here.
import { CLASSIFY_USAGE, EVAL_USAGE, runClassifyCommand, runEvalCommand } from './analysis';
import { BENCH_USAGE, runBench } from './bench';
import { COMPACT_USAGE, runCompact } from './compact';
import { IMPORT_USAGE, runImport } from './import';
import { PARSE_FEED_USAGE, runParseFeed } from './parse-feed';
import { REPLAY_EVAL_USAGE, runReplayEval } from './replay-eval';
import { RULES_USAGE, runRules } from './rules';
import { runServe, SERVE_USAGE } from './serve';
import { runTopics, TOPICS_USAGE } from './topics';

const USAGE = `Fenghuo 烽火 — offline social-listening war-room station

usage:
  ${SERVE_USAGE}
  ${BENCH_USAGE}
  ${IMPORT_USAGE}
  ${PARSE_FEED_USAGE}
  ${CLASSIFY_USAGE}
  ${EVAL_USAGE}
  ${REPLAY_EVAL_USAGE}
  ${TOPICS_USAGE}
  ${RULES_USAGE}
  ${COMPACT_USAGE}
`;

type Command = (argv: string[]) => Promise<number | void>;

const commands: Record<string, Command> = {
  serve: runServe,
  bench: runBench,
  import: (argv) => runImport(argv),
  'parse-feed': (argv) => runParseFeed(argv[0] ?? '', process.stdout, process.stderr),
  classify: runClassifyCommand,
  eval: runEvalCommand,
  'replay-eval': (argv) => runReplayEval(argv),
  topics: (argv) => runTopics(argv),
  rules: (argv) => runRules(argv),
  compact: (argv) => runCompact(argv),
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`fenghuo: unknown command "${name}"\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const code = await cmd(rest);
  if (typeof code === 'number') process.exitCode = code;
}

main().catch((e: Error) => {
  process.stderr.write(`fenghuo: ${e.message}\n`);
  process.exitCode = 1;
});
