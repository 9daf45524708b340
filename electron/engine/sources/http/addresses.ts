// Which addresses a feed URL must never reach: private nets, loopback, link-local, CGNAT,
// multicast, reserved and unspecified, for IPv4 and IPv6 (mapped addresses included).
import net from 'node:net';

/**
 * Why an address must not be fetched ("private", "loopback", "link-local", ...), or null
 * when it is an ordinary public address. IPv4 embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4) is judged by the IPv4 inside.
 */
export function blockedAddressKind(address: string): string | null {
  const v = net.isIP(address);
  if (v === 4) return ipv4Kind(address.split('.').map(Number));
  if (v === 6) return ipv6Kind(parseIPv6(address));
  return 'invalid';
}

function ipv4Kind(b: number[]): string | null {
  const [a = 0, c = 0, d = 0] = b;
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 172 && c >= 16 && c <= 31) return 'private';
  if (a === 192 && c === 168) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'carrier-grade NAT';
  if (a === 192 && c === 0 && (d === 0 || d === 2)) return 'reserved'; // IETF protocol, TEST-NET-1
  if (a === 198 && (c === 18 || c === 19)) return 'reserved'; // benchmarking
  if ((a === 198 && c === 51 && d === 100) || (a === 203 && c === 0 && d === 113)) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // includes 255.255.255.255 broadcast
  return null;
}

function ipv6Kind(w: number[]): string | null {
  const zeroUpTo = (n: number): boolean => w.slice(0, n).every((x) => x === 0);
  const v4 = (i: number): number[] => [w[i]! >> 8, w[i]! & 0xff, w[i + 1]! >> 8, w[i + 1]! & 0xff];
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && w[7] === 1) return 'loopback';
  if (zeroUpTo(5) && w[5] === 0xffff) return ipv4Kind(v4(6)) ?? null; // ::ffff:a.b.c.d mapped
  if (zeroUpTo(6)) return ipv4Kind(v4(6)) ?? 'reserved'; // ::a.b.c.d compatible (deprecated)
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0) {
    return ipv4Kind(v4(6)); // NAT64 well-known prefix
  }
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return 'private'; // local-use NAT64
  if (w[0] === 0x2002) return ipv4Kind(v4(1)); // 6to4
  if (w[0] === 0x2001 && w[1] === 0) return 'reserved'; // Teredo: tunnel endpoint hidden
  if (w[0] === 0x2001 && w[1] === 0xdb8) return 'reserved'; // documentation
  if (w[0] === 0x100 && w[1] === 0 && w[2] === 0 && w[3] === 0) return 'reserved'; // discard
  const top = w[0]!;
  if ((top & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((top & 0xffc0) === 0xfe80) return 'link-local';
  if ((top & 0xffc0) === 0xfec0) return 'private'; // old site-local
  if ((top & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Eight 16-bit words of a valid IPv6 address (zone index ignored). */
function parseIPv6(address: string): number[] {
  let s = address.split('%')[0]!.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = dotted[1]!.split('.').map(Number);
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
    s = s.slice(0, -dotted[1]!.length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const [head = '', rest] = s.split('::');
  const parse = (part: string): number[] => (part ? part.split(':').map((x) => parseInt(x, 16)) : []);
  const left = parse(head);
  const right = [...parse(rest ?? ''), ...tail];
  if (rest === undefined) return [...left, ...tail];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
