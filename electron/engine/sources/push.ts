// Reading a push (a webhook's POST body and its bearer secret), for the kinds that receive
// pushes and for the station's push router.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PushAnswer } from './types';

export const MAX_PUSH_BYTES = 5 * 1024 * 1024;

/** Constant-time comparison, whatever the lengths (digests are compared, not the strings). */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && presented.length === expected.length;
}

export function bearer(h: string | undefined): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(h?.trim() ?? '');
  return m ? m[1]!.trim() : null;
}

export const pushError = (status: number, code: string, message: string): PushAnswer => ({ status, body: { error: { code, message } } });

/** The pushed records: a JSON object, an array of them, or NDJSON (one object per line). */
export function parsePushBody(body: Buffer, contentType: string | undefined): { records: unknown[] } | { error: string } {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) return { error: 'the body is empty' };
  const ndjson = /ndjson|jsonl|json-seq/i.test(contentType ?? '');
  if (!ndjson) {
    try {
      const v: unknown = JSON.parse(text);
      return { records: Array.isArray(v) ? v : [v] };
    } catch (e) {
      // Several lines of JSON sent as application/json: read as NDJSON below.
      if (!text.trim().includes('\n')) return { error: `the body is not valid JSON (${(e as Error).message})` };
    }
  }
  const records: unknown[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      return { error: `line ${i + 1} is not valid JSON` };
    }
  }
  return { records };
}

