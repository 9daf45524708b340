// A screen's browser in a few words, from its User-Agent, for the station room's list of who is
// watching: "Fenghuo app · Windows", "Chrome 140 · Linux", "Safari 18 · iPad". The full string
// stays in the row's tooltip; anything not recognised is shown as it came, clipped.

const BROWSERS: [RegExp, string][] = [
  [/\bElectron\/(\d+)/, 'Fenghuo app'],
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\b(?:Chrome|CriOS|HeadlessChrome)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPad\b/, 'iPad'],
  [/\biPhone\b/, 'iPhone'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function agentBrief(agent: string): string {
  const browser = BROWSERS.find(([re]) => re.test(agent));
  const system = SYSTEMS.find(([re]) => re.test(agent))?.[1];
  if (!browser) return agent.length > 40 ? `${agent.slice(0, 39)}…` : agent;
  const [re, name] = browser;
  // The app says its name, not its Electron version.
  const version = name === 'Fenghuo app' ? '' : ` ${re.exec(agent)![1]}`;
  return system ? `${name}${version} · ${system}` : `${name}${version}`;
}
