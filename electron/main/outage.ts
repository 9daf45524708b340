// The page every window shows while the engine is away: opening, or stopped and being
// restarted. The shell's own page, not the renderer's, because the renderer lives on the
// engine's port — which is exactly what is gone. Readable from across the room, says when
// the engine stopped, what broke it and when the next try is; no script, no network.
import type { EngineView } from './link';

export type DownView = Extract<EngineView, { kind: 'down' }>;

export interface OutageText {
  /** Formats a wall-clock time (ms since the epoch) for the people in the room. */
  time: (ms: number) => string;
  /** Where the shell's log is, for whoever comes to fix it. */
  logFile: string;
  /** Longest wait between tries, to promise in words. */
  maxDelayMs: number;
}

/** hh:mm:ss in local time, with the date in front when it is not today (an outage over a weekend). */
export function localTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour12: false });
  if (d.toDateString() === new Date(now).toDateString()) return time;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The lines of the page, plain text: what a test reads and what the page shows. */
export function outageLines(view: DownView, text: OutageText): { headline: string[]; details: string[]; alarm: boolean } {
  // Nothing has gone wrong yet: the station is opening (at launch, or after switching stations).
  if (view.failures === 0 && view.lastError === null) {
    return {
      headline: ['Opening the station…', '正在開啟站台…', '正在打开站台…'],
      details: [`Started at ${text.time(view.since)}. A large station can take a minute to open.`],
      alarm: false,
    };
  }
  const next =
    view.retryAt === null
      ? 'Starting it again now.'
      : `Next try at ${text.time(view.retryAt)}.`;
  const minutes = Math.round(text.maxDelayMs / 60_000);
  return {
    headline: ['Station engine stopped — restarting', '站台引擎已停止，正在重新啟動', '站台引擎已停止，正在重新启动'],
    details: [
      `Stopped at ${text.time(view.since)}${view.failures > 1 ? ` · ${view.failures} failed starts in a row` : ''}. ${next}`,
      ...(view.lastError ? [`Last error: ${view.lastError}`] : []),
      'Numbers on this screen are not live until the engine is back.',
      `Nothing to do here: Fenghuo keeps trying, at least every ${minutes} minutes. Log: ${text.logFile}`,
    ],
    alarm: true,
  };
}

export function outagePage(view: DownView, text: OutageText): string {
  const { headline, details, alarm } = outageLines(view, text);
  const [main, ...translations] = headline;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Fenghuo 烽火 — ${escape(main ?? '')}</title>
<style>
html,body{margin:0;height:100%;background:#0b0f14;color:#e6edf3;font-family:system-ui,"Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",sans-serif}
main{box-sizing:border-box;height:100%;display:flex;flex-direction:column;justify-content:center;padding:6vh 8vw;gap:2.4vh}
.mark{width:9vh;height:9vh;border-radius:50%;background:${alarm ? '#f0a020' : '#3b82f6'};box-shadow:0 0 6vh ${alarm ? '#f0a02080' : '#3b82f660'}}
h1{margin:0;font-size:clamp(28px,6vh,120px);line-height:1.15;font-weight:700}
h2{margin:0;font-size:clamp(18px,3.6vh,72px);font-weight:500;color:#9fb0c3}
p{margin:0;font-size:clamp(14px,2.6vh,52px);line-height:1.4;color:#c9d4df;overflow-wrap:anywhere}
</style></head>
<body><main role="alert">
<div class="mark"></div>
<h1>${escape(main ?? '')}</h1>
${translations.map((t) => `<h2>${escape(t)}</h2>`).join('\n')}
${details.map((d) => `<p>${escape(d)}</p>`).join('\n')}
</main></body></html>
`;
}

export function dataUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
