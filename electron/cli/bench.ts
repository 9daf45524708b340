// `fenghuo bench`: speed figures as JSON, each beside the limit it compares to.
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `fenghuo bench [--json] [--mentions N] [--soak MINUTES] [--fps-minutes N] [--fps-bare-minutes N] [--fps-snapshot-dir DIR] [--walls N] [--wall-browsers N] [--import-rows N]
               [--scale-dir DIR] [--scale-mentions N] [--import-dir DIR] [--retention-mentions N]
               [--only analysis,ingest,board,classify,soak,fps,walls,hardening[:flood|push|import],bundle,scale,import,retention]
  analysis  per-mention text work: folding, 100 topics × 500 terms matched in one pass, terms
  ingest    pipeline ingest rate beside raw better-sqlite3 inserts of the same rows
  board     a wall refresh on a station with --mentions rows (default 1,000,000)
  classify  sentiment throughput beside the AFINN \`sentiment\` package on the same texts
  soak      serve + a wall in Chromium under an accelerated feed (only with --soak)
  fps       a 12-panel board at 3840x2160 in Chromium, ~556 mentions/s for --fps-minutes
            (default 30): median fps, longest task, the heap each minute and its growth from
            minute 10, beside bare ECharts measured --fps-bare-minutes (default as long);
            --fps-snapshot-dir keeps the wall's heap snapshots at minute 10 and at the end
  walls     --walls N (default 50) walls on a viewer token against one served demo station fed
            500 mentions/s, --wall-browsers of them (default 3) Chromium pages, the rest protocol
            walls (the event stream and the board's data calls, no renderer): latency from the
            store to the wall (p50, p95, max; limit p95 300 ms), the station's CPU and memory
  bundle    the built renderer's JavaScript (raw, gzip) and ECharts tree-shaken via echarts/core
            beside the whole package
  scale     (only with --scale-dir) a station of --scale-mentions rows (default 10,000,000) built
            once into DIR and reused: board refresh, Explore's first page (zh 2-char, en word),
            cold start in a fresh process, bytes per mention, each beside its limit
  import    (only when named) a CSV export of --import-rows rows (default 200,000) written once
            into --import-dir (default <tmp>/fh-bench-import) and reused, imported as
            \`fenghuo import\` does: rows/s overall and per tenth of the file, peak memory, the
            station file's bytes per row, beside the same rows read alone and inserted raw
  retention (only when named) a station of --retention-mentions rows (default 1,000,000) over a
            year, built afresh: Explore's searches and counts timed, every month more than six
            back moved to archive files (timed, with the longest hold of the station's thread),
            then the same reads again beside their times before, with the same answers; then the
            station file compacted at a restart (its bytes and time) and the reads a third time
  hardening a served station's RSS under a 20,000-post flood with 50 stalled WebSocket clients,
            /healthz p99 during a 50,000-item push and during a --import-rows (default
            1,000,000) CSV import, and that import's peak memory`;

export async function runBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      mentions: { type: 'string', default: '1000000' },
      soak: { type: 'string' },
      'fps-bare-minutes': { type: 'string' },
      'fps-snapshot-dir': { type: 'string' },
      walls: { type: 'string', default: '50' },
      'wall-browsers': { type: 'string', default: '3' },
      only: { type: 'string' },
      'fps-minutes': { type: 'string', default: '30' },
      'import-rows': { type: 'string' },
      'import-dir': { type: 'string' },
      'scale-dir': { type: 'string' },
      'scale-mentions': { type: 'string', default: '10000000' },
      'retention-mentions': { type: 'string', default: '1000000' },
    },
  });
  const only = new Set((values.only ?? 'analysis,ingest,board,classify,soak,fps,walls,hardening,bundle').split(','));
  // hardening:flood (or :push, :import) runs one part alone.
  const hardeningParts = [...only].filter((o) => o.startsWith('hardening:')).map((o) => o.slice('hardening:'.length));
  // The benches live with the tests (tests/bench); they are loaded only when asked for.
  const bench = await import('../../tests/bench/index');
  const out: Record<string, unknown> = { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString() };
  const step = (name: string) => !values.json && process.stderr.write(`bench: ${name} …\n`);
  if (only.has('analysis')) (step('analysis'), (out.analysis = bench.benchAnalysis()));
  if (only.has('ingest')) (step('ingest'), (out.ingest = await bench.benchIngest()));
  if (only.has('board')) (step('board'), (out.board = await bench.benchBoard(Number(values.mentions))));
  if (only.has('classify')) (step('classify'), (out.classify = await bench.benchClassify()));
  if (values.soak && only.has('soak')) (step('soak'), (out.soak = await bench.benchSoak({ minutes: Number(values.soak) })));
  if (only.has('fps')) (step('fps'), (out.fps = await bench.benchBoardFps({
        minutes: Number(values['fps-minutes']),
        ...(values['fps-bare-minutes'] ? { bareMinutes: Number(values['fps-bare-minutes']) } : {}),
        ...(values['fps-snapshot-dir'] ? { snapshotDir: values['fps-snapshot-dir'] } : {}),
      })));
  if (only.has('walls')) (step('walls'), (out.walls = await bench.benchWalls({ walls: Number(values.walls), browsers: Number(values['wall-browsers']) })));
  if (only.has('bundle')) (step('bundle'), (out.bundle = await bench.benchBundle()));
  if (values['scale-dir'] && (only.has('scale') || !values.only)) {
    step('scale');
    out.scale = await bench.benchScale({ dir: values['scale-dir'], mentions: Number(values['scale-mentions']) });
  }
  if (values.only && only.has('import')) {
    step('import');
    out.import = await bench.benchImport({ rows: Number(values['import-rows'] ?? 200_000), ...(values['import-dir'] ? { dir: values['import-dir'] } : {}) });
  }
  if (values.only && only.has('retention')) {
    step('retention');
    out.retention = await bench.benchRetention({ mentions: Number(values['retention-mentions']) });
  }
  if (only.has('hardening') || hardeningParts.length) {
    step('hardening');
    out.hardening = await bench.benchHardening({ importRows: Number(values['import-rows'] ?? 1_000_000), ...(hardeningParts.length ? { only: hardeningParts } : {}) });
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}
