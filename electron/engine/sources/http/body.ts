// Reading a response body under the client's guards: decompression (gzip, deflate with or
// without zlib wrapping, brotli) counted against the byte cap, and a look behind error
// pages for a bot challenge.
import type http from 'node:http';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { detectChallenge } from '../feed/sniff';
import { FetchError, formatBytes } from './errors';

export function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function contentEncodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity');
}

function decoderFor(encoding: string, url: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new FetchError('network', url, `unsupported content-encoding "${encoding}"`);
  }
}

/** "deflate" should be zlib-wrapped, but some servers send raw deflate; look at the header. */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on('data', (d: Buffer) => this.push(d));
      this.inner.on('error', (e) => this.destroy(e));
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

/**
 * Anti-bot services answer 403/429/503 with a challenge page; naming the service tells the
 * operator why the source fails. Reads at most 64 KiB of an HTML error body to look.
 */
export async function challengeBehind(res: http.IncomingMessage, headers: Record<string, string>): Promise<string | null> {
  const status = res.statusCode ?? 0;
  if (![403, 429, 503].includes(status) || !/html|text\/plain/i.test(headers['content-type'] ?? '')) return null;
  try {
    const head = await readBody(res, contentEncodings(headers['content-encoding']), 64 * 1024, '', true);
    return detectChallenge(head.toString('utf8'));
  } catch {
    return null;
  }
}

/** The body, decoded; over maxBytes it fails (too-large), or with `truncate` ends there. */
export function readBody(res: http.IncomingMessage, encodings: string[], maxBytes: number, url: string, truncate = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      res.destroy();
      reject(e);
    };
    const tooLarge = (after: string): FetchError =>
      new FetchError('too-large', url, `response exceeded ${formatBytes(maxBytes)}${after}`);

    const finish = (): void => {
      if (settled) return;
      settled = true;
      res.destroy();
      resolve(Buffer.concat(chunks));
    };
    res.on('data', (c: Buffer) => {
      raw += c.length;
      if (raw <= maxBytes) return;
      if (truncate) finish();
      else fail(tooLarge(''));
    });
    let decoders: Transform[];
    try {
      decoders = encodings.reverse().map((e) => decoderFor(e, url));
    } catch (e) {
      fail(e);
      return;
    }
    const last: Readable = decoders.length ? decoders[decoders.length - 1]! : res;
    last.on('data', (c: Buffer) => {
      if (settled) return;
      decoded += c.length;
      if (decoded <= maxBytes) chunks.push(c);
      else if (truncate) {
        chunks.push(c.subarray(0, c.length - (decoded - maxBytes)));
        finish();
      } else fail(tooLarge(decoders.length ? ' after decompression' : ''));
    });
    const done = (err: Error | null | undefined): void => {
      if (err) {
        const corrupt = (err as NodeJS.ErrnoException).code?.startsWith('Z_') || err.message.includes('Decompression');
        fail(corrupt ? new FetchError('network', url, `corrupt ${encodings.join('/')} body (${err.message})`) : err);
        return;
      }
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    if (decoders.length) pipeline([res, ...decoders] as unknown as [Readable, ...Transform[]], done);
    else {
      res.on('end', () => done(null));
      res.on('error', (e) => done(e));
      res.on('close', () => {
        if (!res.complete) done(new Error('connection closed mid-body'));
      });
    }
  });
}
