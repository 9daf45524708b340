// `fenghuo bench`: speed figures as JSON, each beside the limit it compares to.
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `fenghuo bench [--json] [--mentions N] [--soak MINUTES] [--only ingest,board,classify,soak]
  ingest    pipeline ingest rate beside raw better-sqlite3 inserts of the same rows
  board     a wall refresh on a station with --mentions rows (default 1,000,000)
  classify  sentiment throughput beside the AFINN \`sentiment\` package on the same texts
  soak      serve + a wall in Chromium under an accelerated feed (only with --soak)`;

export async function runBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      mentions: { type: 'string', default: '1000000' },
      soak: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const only = new Set((values.only ?? 'ingest,board,classify,soak').split(','));
  // The benches live with the tests (tests/bench); they are loaded only when asked for.
  const bench = await import('../../tests/bench/index');
  const out: Record<string, unknown> = { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString() };
  const step = (name: string) => !values.json && process.stderr.write(`bench: ${name} …\n`);
  if (only.has('ingest')) (step('ingest'), (out.ingest = await bench.benchIngest()));
  if (only.has('board')) (step('board'), (out.board = await bench.benchBoard(Number(values.mentions))));
  if (only.has('classify')) (step('classify'), (out.classify = await bench.benchClassify()));
  if (values.soak && only.has('soak')) (step('soak'), (out.soak = await bench.benchSoak({ minutes: Number(values.soak) })));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}
