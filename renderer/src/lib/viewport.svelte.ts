// The root type size (set by CSS from the viewport), for the few things sized in pixels:
// ECharts fonts and line widths follow it so charts read from across the room.
export const viewport = $state({ rem: 16, width: 1920, height: 1080 });

function measure(): void {
  viewport.rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  viewport.width = window.innerWidth;
  viewport.height = window.innerHeight;
}

/** Follows window resizes; returns the stop. */
export function trackViewport(): () => void {
  measure();
  window.addEventListener('resize', measure);
  return () => window.removeEventListener('resize', measure);
}
