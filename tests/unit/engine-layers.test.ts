// The engine's layers point one way: store ← analysis ← pipeline ← station core ← api
// handlers ← server / cli / shell. This reads every engine file's imports (type-only ones too:
// they tie files together for a reader just the same) and fails when the engine reaches for
// the server, the Electron shell or Electron itself, or when any engine files import each
// other in a circle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENGINE = path.join(ROOT, 'electron/engine');

function engineFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return engineFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: `import … from`, `export … from`, `import '…'`, `import('…')`. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The engine file a relative specifier names, or null (a package, or outside the engine). */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = engineFiles(ENGINE);
const imports = new Map(files.map((f) => [f, specifiers(fs.readFileSync(f, 'utf8'))]));
const rel = (f: string) => path.relative(ROOT, f);

describe('the engine layers', () => {
  it('reads a real engine of many files', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.get(path.join(ENGINE, 'station.ts'))).toContain('./store');
  });

  it('never imports the server, the Electron shell or Electron', () => {
    const wrong: string[] = [];
    for (const [file, specs] of imports) {
      for (const spec of specs) {
        const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
        const outward =
          spec === 'electron' ||
          spec.startsWith('electron/') ||
          (target !== null && ['server', 'main', 'preload'].some((d) => target.startsWith(path.join(ROOT, 'electron', d))));
        if (outward) wrong.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle among engine files', () => {
    const graph = new Map(
      files.map((f) => [f, imports.get(f)!.map((s) => resolve(f, s)).filter((t): t is string => t !== null)]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map(rel).join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
