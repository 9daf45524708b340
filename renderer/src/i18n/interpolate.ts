// Fills {name} placeholders in a message.

/** Interpolates {name} placeholders; unknown placeholders stay visible so they get noticed. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
