// The shell's log file (app.getPath('logs')/fenghuo.log): shell decisions and the engine's
// own output, so a wall that misbehaved overnight can be read in the morning. One rotation
// at 5 MB keeps a station that runs for months from filling the disk. Appends are
// synchronous and hold no open handle, so the rename also works on Windows.
import fs from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;

export type Log = (line: string) => void;

export function createLog(dir: string): { log: Log; file: string } {
  const file = path.join(dir, 'fenghuo.log');
  fs.mkdirSync(dir, { recursive: true });
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;

  const log: Log = (line) => {
    const entry = `${new Date().toISOString()} ${line}\n`;
    const bytes = Buffer.byteLength(entry);
    process.stdout.write(entry);
    try {
      if (size + bytes > MAX_BYTES) {
        fs.renameSync(file, `${file}.1`);
        size = 0;
      }
      fs.appendFileSync(file, entry);
      size += bytes;
    } catch {
      // A log that cannot be written must never take the shell down; stdout still has it.
    }
  };
  return { log, file };
}
