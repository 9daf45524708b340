// The wall's CSS motion, read from the renderer's source: every animation changes the screen
// in steps. A 4K wall is drawn by the CPU where there is no GPU, and a smooth pulse of a
// shadow, a filter or a gradient repaints its area on every frame (docs/scale.md, the wall).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe("the wall's own motion", () => {
  // Every CSS animation of the renderer, with the file it is in: <style> blocks and .css files.
  function cssAnimations(): { file: string; value: string }[] {
    const root = path.resolve(import.meta.dirname, '../../renderer/src');
    const found: { file: string; value: string }[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(svelte|css)$/.test(e.name)) {
          const text = fs.readFileSync(full, 'utf8');
          const css = e.name.endsWith('.css') ? [text] : [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
          for (const block of css)
            for (const m of block.matchAll(/(?:^|[;{\s])animation\s*:\s*([^;}]+)/g)) found.push({ file: path.relative(root, full), value: m[1]!.trim() });
        }
      }
    };
    walk(root);
    return found;
  }

  it('changes the screen in steps, never on every frame (a 4K wall in crisis fell to 16 fps with smooth pulses)', () => {
    const animations = cssAnimations().filter((a) => !/^none\b/.test(a.value));
    // The red lamps (one rule, app.css), the red header, the alarm box, new stream rows and the
    // live dot at least.
    expect(animations.length).toBeGreaterThanOrEqual(5);
    expect(animations.filter((a) => !/\bsteps\(/.test(a.value))).toEqual([]);
  });
});
