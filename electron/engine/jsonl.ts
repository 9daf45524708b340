// Reads a JSON-lines file whose every line must fit a schema; errors name the file and line.
import fs from 'node:fs';
import type { z } from 'zod';

export function readJsonLines<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S>[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  const items: z.output<S>[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file} line ${i + 1}: not valid JSON`);
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      throw new Error(`${file} line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ')}`);
    }
    items.push(r.data);
  });
  return items;
}
