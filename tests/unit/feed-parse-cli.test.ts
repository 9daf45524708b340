// `fenghuo parse-feed`: one JSON object per item, errors in plain words on stderr.

import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParseFeed } from '../../electron/cli/parse-feed';
import { rssFeed, startFixtureServer, type FixtureServer } from '../helpers/fixture-server';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');

async function run(arg: string): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c: Buffer) => (o += c.toString()));
  err.on('data', (c: Buffer) => (e += c.toString()));
  const code = await runParseFeed(arg, out, err);
  return { code, out: o, err: e };
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

describe('parse-feed', () => {
  it('prints one JSON line per item with exactly the item fields', async () => {
    const { code, out, err } = await run(join(FIXTURES, 'rss2-news.xml'));
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!)).toEqual(['guid', 'url', 'title', 'text', 'html', 'author', 'publishedAt', 'tags', 'lang']);
    expect(lines[0]!.guid).toBe('https://news.harbourcity.example/?p=48213');
  });

  it('fills an undeclared language with the station detection', async () => {
    const { out } = await run(join(FIXTURES, 'ptt-atom.xml'));
    const first = JSON.parse(out.split('\n')[0]!) as { lang: string };
    expect(first.lang).toBe('zh-Hant');
  });

  it('fetches a URL (the operator may name a local address) and resolves links against it', async () => {
    server.route('/cli.xml', { body: rssFeed([{ guid: 'c1', title: 'From the server', text: 'hello', link: '/posts/c1' }]) });
    const { code, out } = await run(`${server.url}/cli.xml`);
    expect(code).toBe(0);
    const item = JSON.parse(out) as { title: string; url: string };
    expect(item.title).toBe('From the server');
    expect(item.url).toBe('http://127.0.0.1/posts/c1'); // the channel <link> is the base
  });

  it('fails with the reason on stderr and a non-zero exit', async () => {
    const page = await run(join(FIXTURES, 'cloudflare.html'));
    expect(page.code).toBe(1);
    expect(page.out).toBe('');
    expect(page.err).toBe('parse-feed: got a Cloudflare bot-challenge page instead of the feed (the site blocks automated readers) (challenge-page)\n');

    server.route('/gone.xml', { status: 410 });
    const gone = await run(`${server.url}/gone.xml`);
    expect(gone.code).toBe(1);
    expect(gone.err).toBe(`parse-feed: ${server.url}/gone.xml: HTTP 410 Gone (http-status)\n`);

    expect((await run(join(FIXTURES, 'no-such-file.xml'))).err).toContain('no such file');
    expect((await run('')).code).toBe(2);
  });
});
