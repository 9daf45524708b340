// Shared pieces of chart options, sized from the root type size so every chart on the
// wall has the same axis, legend and tooltip look.
import { THEME } from './palette';

/** The same stack as app.css; canvas text does not inherit CSS. */
export const FONT_FAMILY =
  "'Noto Sans CJK TC', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK SC', system-ui, sans-serif";

/** The screen asks for less motion (an OS setting): charts then draw without animating. */
export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** How long a chart animates an update (a panel's turn lasts as long: lib/turns.ts). */
export const UPDATE_ANIMATION_MS = 400;

/** How long an update of a chart animating for `ms` animates on this screen (0 with reduced motion). */
export function updateAnimationMs(ms = UPDATE_ANIMATION_MS): number {
  return reducedMotion() ? 0 : ms;
}

export function baseOption(rem: number) {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT_FAMILY, color: THEME.text, fontSize: rem * 0.8 },
    animation: !reducedMotion(),
    animationDuration: 400,
    animationDurationUpdate: UPDATE_ANIMATION_MS,
  };
}

export function axisLabel(rem: number) {
  return { color: THEME.textDim, fontSize: rem * 0.8, fontFamily: FONT_FAMILY, hideOverlap: true };
}

export function tooltip(rem: number) {
  return {
    backgroundColor: 'rgba(10, 15, 22, 0.96)',
    borderColor: '#2a3546',
    borderWidth: 1,
    padding: [rem * 0.5, rem * 0.7],
    textStyle: { color: THEME.text, fontSize: rem * 0.8, fontFamily: FONT_FAMILY },
    confine: true,
    // In the page's body, not the chart's box: ECharts then skips reading the box's computed
    // position on every render, a forced style recalculation of the whole document each time
    // (about 0.2 CPU-s of a wall's first paint in Chromium's profile).
    appendTo: 'body',
  };
}

/** Escapes text going into an ECharts HTML tooltip (topic names are user data). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
