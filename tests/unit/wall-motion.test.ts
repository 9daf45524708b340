// The wall's CSS motion, read from the renderer's source: every animation changes the screen
// in steps. A 4K wall is drawn by the CPU where there is no GPU, and a smooth pulse of a
// shadow, a filter or a gradient repaints its area on every frame (docs/scale.md, the wall).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe("the wall's own motion", () => {
  // Every CSS animation of the renderer, with the file it is in: <style> blocks and .css files.
  /** The renderer's CSS, file by file: <style> blocks and .css files. */
  function cssBlocks(): { file: string; css: string }[] {
    const root = path.resolve(import.meta.dirname, '../../renderer/src');
    const found: { file: string; css: string }[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(svelte|css)$/.test(e.name)) {
          const text = fs.readFileSync(full, 'utf8');
          const css = e.name.endsWith('.css') ? [text] : [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
          for (const block of css) found.push({ file: path.relative(root, full), css: block.replace(/\/\*[\s\S]*?\*\//g, '') });
        }
      }
    };
    walk(root);
    return found;
  }

  /** Every CSS animation of the renderer, with the file it is in. */
  function cssAnimations(): { file: string; value: string }[] {
    return cssBlocks().flatMap(({ file, css }) =>
      [...css.matchAll(/(?:^|[;{\s])animation\s*:\s*([^;}]+)/g)].map((m) => ({ file, value: m[1]!.trim() })),
    );
  }

  it('changes the screen in steps, never on every frame (a 4K wall in crisis fell to 16 fps with smooth pulses)', () => {
    const animations = cssAnimations().filter((a) => !/^none\b/.test(a.value));
    // The red lamps (one rule, app.css), the red header, the alarm box, new stream rows and the
    // live dot at least.
    expect(animations.length).toBeGreaterThanOrEqual(5);
    expect(animations.filter((a) => !/\bsteps\(/.test(a.value))).toEqual([]);
  });

  it('puts nothing on a compositor layer of its own: keyframes change visibility or colour, never opacity, transforms or filters', () => {
    // An opacity animation, even in steps, gives its element a compositor layer, and everything
    // painted after it that overlaps it more layers: the red header's blink made the board below
    // it one 3840×2010 layer that the software compositor drew over on every frame.
    const layered = /^(opacity|transform|translate|scale|rotate|filter|backdrop-filter)$/;
    const keyframes = cssBlocks().flatMap(({ file, css }) =>
      [...css.matchAll(/@keyframes\s+([\w-]+)\s*\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}/g)].map((m) => ({
        file,
        name: m[1]!,
        properties: [...m[2]!.matchAll(/([a-z-]+)\s*:/g)].map((p) => p[1]!),
      })),
    );
    expect(keyframes.map((k) => k.name)).toEqual(expect.arrayContaining(['blink', 'pulse', 'arrive', 'breathe']));
    expect(keyframes.filter((k) => k.properties.length === 0 || k.properties.some((p) => layered.test(p)))).toEqual([]);
    expect(cssBlocks().filter(({ css }) => /will-change\s*:\s*(?!auto)/.test(css)).map((b) => b.file)).toEqual([]);
  });
});
