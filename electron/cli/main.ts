// The `fenghuo` command line: one subcommand per file, dispatched here.
import { CLASSIFY_USAGE, EVAL_USAGE, runClassifyCommand, runEvalCommand } from './analysis';
import { BENCH_USAGE, runBench } from './bench';
import { runServe, SERVE_USAGE } from './serve';

const USAGE = `Fenghuo 烽火 — offline social-listening war-room station

usage:
  ${SERVE_USAGE}
  ${BENCH_USAGE}
  ${CLASSIFY_USAGE}
  ${EVAL_USAGE}
`;

type Command = (argv: string[]) => Promise<number | void>;

const commands: Record<string, Command> = {
  serve: runServe,
  bench: runBench,
  classify: runClassifyCommand,
  eval: runEvalCommand,
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
