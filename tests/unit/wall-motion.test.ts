// The wall's CSS motion, read from the renderer's source: every blink changes the screen in
// steps, on the page's one beat (renderer/src/lib/beat.ts), and no CSS animation runs. A 4K wall
// is drawn by the CPU where there is no GPU: a smooth pulse of a shadow, a filter or a gradient
// repaints its area on every frame, and even a stepped CSS animation restyles its element on
// every frame (docs/scale.md, the wall).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe("the wall's own motion", () => {
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

  it('blinks on the page beat, never with a CSS animation (a 4K wall in crisis fell to 16 fps with smooth pulses)', () => {
    // A CSS animation, stepped or not, restyles its element on every frame while it runs: the
    // stepped blinks restyled ~620 elements a second on a 4K wall in crisis (docs/scale.md).
    expect(cssAnimations().filter((a) => !/^none\b/.test(a.value))).toEqual([]);
    // The red lamps (one rule, app.css), the red header, the alarm box and the live dot show
    // and hide on the beat lib/beat.ts sets on the page's root.
    const onBeat = cssBlocks()
      .filter(({ css }) => /:root\[data-(slow-)?beat=/.test(css))
      .map((b) => b.file)
      .sort();
    expect(onBeat).toEqual(['app.css', 'components/StationHeader.svelte', 'components/alerts/Alarm.svelte', 'components/alerts/Takeover.svelte']);
  });

  it('puts nothing on a compositor layer of its own: no keyframes, no will-change', () => {
    // An opacity animation, even in steps, gives its element a compositor layer, and everything
    // painted after it that overlaps it more layers: the red header's blink made the board below
    // it one 3840×2010 layer that the software compositor drew over on every frame.
    const keyframes = cssBlocks().flatMap(({ file, css }) => [...css.matchAll(/@keyframes\s+([\w-]+)/g)].map((m) => `${file}: ${m[1]}`));
    expect(keyframes).toEqual([]);
    expect(cssBlocks().filter(({ css }) => /will-change\s*:\s*(?!auto)/.test(css)).map((b) => b.file)).toEqual([]);
  });

  it('moves the whole wall in steps: its burn-in shift is never a transition', () => {
    // A 2-second glide of the shift redrew the whole 4K screen in every frame of it, ~55 ms a
    // frame in software, every 4 minutes; a 3 px step is one frame.
    const gliding = cssBlocks().flatMap(({ file, css }) =>
      [...css.matchAll(/(?:^|[;{\s])transition\s*:\s*([^;}]+)/g)]
        .filter((m) => /\b(translate|transform|all)\b/.test(m[1]!))
        .map((m) => `${file}: ${m[1]!.trim()}`),
    );
    expect(gliding).toEqual([]);
  });
});
