// The board as a picture for a slide deck. In Electron the shell captures the window
// (fenghuoNative.exportPng / exportPdf). In a browser, PNG is drawn here: a title strip (board,
// range, generation time) above the board, whose charts are copied from their canvases and
// whose other panels (lights, streams, health) are redrawn from the DOM — boxes, borders and
// text at their on-screen places. PDF in a browser is the print dialog with a print stylesheet.
import { FONT_FAMILY } from './chartStyle';

const transparent = (c: string) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);

function px(v: string): number {
  return parseFloat(v) || 0;
}

/** Draws one element's subtree onto ctx, offset by (ox, oy): boxes, borders, canvases, text. */
function drawTree(ctx: CanvasRenderingContext2D, root: Element, ox: number, oy: number): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node instanceof HTMLCanvasElement) {
      const r = node.getBoundingClientRect();
      if (r.width && r.height) ctx.drawImage(node, r.x - ox, r.y - oy, r.width, r.height);
      continue;
    }
    if (node instanceof Element) {
      const cs = getComputedStyle(node);
      if (cs.display === 'none' || cs.visibility === 'hidden' || px(cs.opacity) === 0) continue;
      const r = node.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const rad = cs.borderTopLeftRadius;
      const radius = Math.min(rad.endsWith('%') ? (px(rad) / 100) * Math.min(r.width, r.height) : px(rad), r.height / 2, r.width / 2);
      // Gradients (the lights' lamps) are drawn in their first colour.
      const fill = !transparent(cs.backgroundColor)
        ? cs.backgroundColor
        : cs.backgroundImage !== 'none'
          ? (/(#[0-9a-f]{3,8}|rgba?\([^)]*\))/i.exec(cs.backgroundImage)?.[1] ?? null)
          : null;
      if (fill) {
        ctx.fillStyle = fill;
        ctx.beginPath();
        ctx.roundRect(r.x - ox, r.y - oy, r.width, r.height, radius);
        ctx.fill();
      }
      const bw = px(cs.borderTopWidth);
      if (bw > 0 && cs.borderTopStyle !== 'none' && !transparent(cs.borderTopColor)) {
        ctx.strokeStyle = cs.borderTopColor;
        ctx.lineWidth = bw;
        ctx.beginPath();
        ctx.roundRect(r.x - ox + bw / 2, r.y - oy + bw / 2, r.width - bw, r.height - bw, radius);
        ctx.stroke();
      }
      continue;
    }
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    if (!text.trim() || !parent) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden') continue;
    // Text may wrap or be cut by an ellipsis: place it character by character, keeping only
    // what lies inside the nearest clipping box.
    const clip = clipBox(parent);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily || FONT_FAMILY}`;
    ctx.fillStyle = cs.color;
    ctx.textBaseline = 'alphabetic';
    const range = document.createRange();
    let line = '';
    let lineX = 0;
    let lineBottom = 0;
    const flush = () => {
      if (line.trim()) ctx.fillText(line, lineX - ox, lineBottom - oy - px(cs.fontSize) * 0.22);
      line = '';
    };
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      // A glyph's box may be taller than a tight line box: judge rows by the glyph's middle,
      // columns by its right edge (what an ellipsis cut off lies beyond the box).
      const cy = (r.top + r.bottom) / 2;
      const visible = r.width > 0 && r.left >= clip.left - 1 && r.right <= clip.right + 1 && cy >= clip.top && cy <= clip.bottom;
      if (!visible) {
        flush();
        continue;
      }
      if (line && Math.abs(r.bottom - lineBottom) > 2) flush();
      if (!line) {
        lineX = r.left;
        lineBottom = r.bottom;
      }
      line += text[i];
    }
    flush();
  }
}

function clipBox(el: Element): DOMRect {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.overflow !== 'visible' || cs.overflowX !== 'visible' || cs.overflowY !== 'visible') return e.getBoundingClientRect();
  }
  return document.documentElement.getBoundingClientRect();
}

export interface BoardPicture {
  title: string;
  range: string;
  generated: string;
}

/** Renders the board element with a title strip; returns a PNG blob. */
export async function boardPng(board: HTMLElement, caption: BoardPicture): Promise<Blob> {
  const rect = board.getBoundingClientRect();
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const strip = Math.round(rem * 3.2);
  const scale = Math.min(2, window.devicePixelRatio || 1);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(rect.width * scale);
  canvas.height = Math.round((rect.height + strip) * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#070a10';
  ctx.fillRect(0, 0, rect.width, rect.height + strip);
  ctx.fillStyle = '#e8eef6';
  ctx.font = `700 ${rem * 1.4}px ${FONT_FAMILY}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(caption.title, rem, strip / 2);
  ctx.font = `400 ${rem * 0.95}px ${FONT_FAMILY}`;
  ctx.fillStyle = '#9aa7ba';
  const right = `${caption.range}   ·   ${caption.generated}`;
  ctx.fillText(right, rect.width - rem - ctx.measureText(right).width, strip / 2);
  ctx.save();
  ctx.translate(0, strip);
  drawTree(ctx, board, rect.x, rect.y);
  ctx.restore();
  return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas is empty'))), 'image/png'));
}
