// What tests/integration/http.test.ts leaves out of the fetcher's SSRF policy: host NAMES whose
// DNS answers are private (an attacker's domain pointing at 10.x or the cloud metadata
// address), checked again on every redirect hop, and names that answer with a mix of public
// and private addresses. DNS is answered by a stand-in for dns.promises.lookup, so no test
// leaves 127.0.0.1.
import dns from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FetchError, guardedFetch } from '../../electron/engine/sources/http/fetch';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

/** Answer DNS from a table; anything else is "not found". */
function fakeDns(table: Record<string, { address: string; family: 4 | 6 }[]>): string[] {
  const asked: string[] = [];
  vi.spyOn(dns.promises, 'lookup').mockImplementation((async (host: string) => {
    asked.push(host);
    const answer = table[host];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answer;
  }) as unknown as typeof dns.promises.lookup);
  return asked;
}

async function refusal(p: Promise<unknown>): Promise<FetchError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FetchError);
  return e as FetchError;
}

describe('host names that resolve to addresses a feed must never reach', () => {
  it.each([
    ['intranet.attacker.example', '10.20.30.40', 'private'],
    ['metadata.attacker.example', '169.254.169.254', 'link-local'],
    ['loop.attacker.example', '127.0.0.1', 'loopback'],
    ['v6.attacker.example', 'fd00::1', 'private'],
    ['mapped.attacker.example', '::ffff:192.168.0.1', 'private'],
  ])('refuses %s (→ %s) before connecting', async (host, address, kind) => {
    fakeDns({ [host]: [{ address, family: address.includes(':') ? 6 : 4 }] });
    const e = await refusal(guardedFetch(`http://${host}/feed.xml`));
    expect(e.code).toBe('blocked-address');
    expect(e.message).toContain(`refused: resolves to a ${kind} address`);
  });

  it('refuses a name that answers with a public and a private address', async () => {
    fakeDns({ 'mixed.attacker.example': [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.9', family: 4 }] });
    const e = await refusal(guardedFetch('http://mixed.attacker.example/feed.xml'));
    expect(e.code).toBe('blocked-address');
    expect(e.message).toContain('private address 10.0.0.9');
  });

  it('resolves and checks the name of every redirect hop, not just the first', async () => {
    // The first hop is a local bridge (loopback allowed for it); it redirects to a name that
    // resolves into the private network.
    server.route('/hop', { redirectTo: 'http://internal.attacker.example/admin' });
    const asked = fakeDns({
      'bridge.example': [{ address: '127.0.0.1', family: 4 }],
      'internal.attacker.example': [{ address: '10.0.0.7', family: 4 }],
    });
    const e = await refusal(guardedFetch(`http://bridge.example:${server.port}/hop`, { allowPrivate: 'loopback' }));
    expect(asked).toEqual(['bridge.example', 'internal.attacker.example']);
    expect(e.code).toBe('blocked-address');
    expect(e.message).toBe(
      `http://bridge.example:${server.port}/hop: redirect to http://internal.attacker.example/admin refused: resolves to a private address 10.0.0.7`,
    );
    expect(server.hits('/hop')).toBe(1);
  });

  it('connects to the address it checked, even if the name would answer differently later', async () => {
    server.route('/pinned', { body: 'from the checked address' });
    let calls = 0;
    vi.spyOn(dns.promises, 'lookup').mockImplementation((async () => {
      calls++;
      // A rebinding resolver: first the checked answer, then an internal one.
      return calls === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.7', family: 4 }];
    }) as unknown as typeof dns.promises.lookup);
    const r = await guardedFetch(`http://rebind.example:${server.port}/pinned`, { allowPrivate: 'loopback' });
    expect(r.body.toString()).toBe('from the checked address');
    expect(calls).toBe(1);
  });
});
