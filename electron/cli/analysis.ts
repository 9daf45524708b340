// `fenghuo classify` and `fenghuo eval`: the engine's own analysis on the command line.
import { parseArgs } from 'node:util';
import { runClassify } from './classify';
import { runEval } from './eval';

export const CLASSIFY_USAGE = `fenghuo classify [--topics FILE]   JSON lines {"id","text"} on stdin → with lang, sentiment, emotions, topics`;
export const EVAL_USAGE = `fenghuo eval <labeled.jsonl> [--json] [--split dev|test]   accuracy, macro-F1, pos/neg accuracy, polar scored 0 and the confusion matrix per language`;

export async function runClassifyCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { topics: { type: 'string' } } });
  await runClassify(process.stdin, process.stdout, values.topics ? { topicsFile: values.topics } : {});
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

export async function runEvalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, split: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write(`usage: ${EVAL_USAGE}\n`);
    return 2;
  }
  await runEval(file, process.stdout, { json: values.json, ...(values.split ? { split: values.split } : {}) });
  return 0;
}
