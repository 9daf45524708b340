// Bundle bench: the renderer's built JavaScript (out/renderer, from `npm run build`), raw and
// gzipped, and ECharts' share of it — the modules the renderer registers through `echarts/core`
// bundled alone, beside the whole `echarts` package bundled the same way.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

async function size(contents: string): Promise<{ bytes: number; gzip: number }> {
  const r = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    treeShaking: true,
    logLevel: 'silent',
  });
  const code = r.outputFiles[0]!.contents;
  return { bytes: code.length, gzip: gzipSync(code).length };
}

export async function benchBundle(): Promise<Record<string, unknown>> {
  const assets = path.join(root, 'out/renderer/assets');
  const built = fs.existsSync(assets)
    ? fs
        .readdirSync(assets)
        .filter((f) => f.endsWith('.js'))
        .map((f) => {
          const b = fs.readFileSync(path.join(assets, f));
          return { file: f, bytes: b.length, gzip: gzipSync(b).length };
        })
    : null;
  // Every `echarts/*` import the renderer makes, gathered from its sources.
  const imports = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|svelte)$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/import\s+(?!type)\{([^}]+)\}\s+from\s+'(echarts\/(?:charts|components|renderers|features))'/g)) {
          const set = imports.get(m[2]!) ?? new Set<string>();
          for (const n of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) set.add(n);
          imports.set(m[2]!, set);
        }
      }
    }
  };
  walk(path.join(root, 'renderer/src'));
  const names = [...imports.values()].flatMap((s) => [...s]);
  const shaken = await size(
    `import * as echarts from 'echarts/core';\n` +
      [...imports].map(([mod, set]) => `import { ${[...set].join(', ')} } from '${mod}';`).join('\n') +
      `\necharts.use([${names.join(', ')}]);\nexport { echarts };`,
  );
  const whole = await size(`import * as echarts from 'echarts';\nexport { echarts };`);
  return {
    rendererJs: built,
    rendererJsTotal: built ? { bytes: built.reduce((a, f) => a + f.bytes, 0), gzip: built.reduce((a, f) => a + f.gzip, 0) } : 'not built (npm run build)',
    echartsTreeShaken: { ...shaken, modules: names },
    echartsWhole: whole,
    note: 'sizes minified by esbuild; gzip level default; renderer JS as electron-vite built it',
  };
}
