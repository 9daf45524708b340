// Small helpers the benches share: rounding, quantiles, a process's resident memory.
import fs from 'node:fs';

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The q-quantile of xs (0.5: the median), or null for none. */
export function quantile(xs: number[], q: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** A process's resident memory in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? round1(Number(m[1]) / 1024) : NaN;
}
