// Who holds a file open: named in the errors of a station that cannot have its file.
import fs from 'node:fs';

/** Which processes have `file` open (Linux: /proc/<pid>/fd), in words; '' when it cannot tell. */
export function whoHolds(file: string): string {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return '';
  }
  const holders: string[] = [];
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return '';
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === real;
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120);
    } catch {
      // gone meanwhile
    }
    holders.push(`process ${pid}${Number(pid) === process.pid ? ' (this one)' : ''}${cmd ? ` (${cmd})` : ''}`);
  }
  return holders.join(', ');
}
