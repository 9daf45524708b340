// Every bench `fenghuo bench` can run.
export { benchBoard, benchIngest } from './ingest';
export { benchClassify } from './classify';
export { benchAnalysis } from './analysis';
export { benchHardening } from './hardening';
export { benchScale } from './scale';
export { benchRetention } from './retention';
export { benchBundle } from './bundle';
export { benchImport } from './import';
export async function benchSoak(opts: { minutes: number }): Promise<Record<string, unknown>> {
  const soak = (await import('./soak')) as { benchSoak(o: { minutes: number }): Promise<Record<string, unknown>> };
  return soak.benchSoak(opts);
}
// The options type only (erased): the module itself is still loaded when the bench is asked for.
type FpsOptions = Parameters<(typeof import('./board-fps'))['benchBoardFps']>[0];
export async function benchBoardFps(opts: FpsOptions): Promise<Record<string, unknown>> {
  const fps = await import('./board-fps');
  return fps.benchBoardFps(opts);
}
type WallsOptions = { walls: number; browsers?: number; rate?: number; seconds?: number };
export async function benchWalls(opts: WallsOptions): Promise<Record<string, unknown>> {
  const walls = (await import('./walls')) as { benchWalls(o: WallsOptions): Promise<Record<string, unknown>> };
  return walls.benchWalls(opts);
}
