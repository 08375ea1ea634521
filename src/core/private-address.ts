/**
 * Addresses a fetched URL must never reach unless the operator allows it: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast and the IPv6 forms that embed them.
 */
function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const numbers = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return numbers.every((n) => n >= 0 && n <= 255) ? numbers : null;
}

function privateIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function expandIpv6(address: string): number[] | null {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = ipv4Parts(v4[1]!);
    if (!parts) return null;
    text = text.replace(
      v4[1]!,
      `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`,
    );
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array(missing).fill('0'), ...tail].map((g) =>
    /^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN,
  );
  return groups.every((g) => !Number.isNaN(g)) ? groups : null;
}

export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Parts(address);
  if (v4) return privateIpv4(v4);
  const g = expandIpv6(address);
  if (!g) return true; // unparseable: refuse rather than guess
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  if (g.slice(0, 7).every((x) => x === 0)) return true; // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && (g5 === 0xffff || g5 === 0)) return privateIpv4(embeddedV4); // v4-mapped/compatible
  if (g0 === 0x64 && g1 === 0xff9b) return privateIpv4(embeddedV4); // NAT64
  if (g0 === 0x2002) return privateIpv4([g1 >> 8, g1 & 0xff]); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0xdb8) return true; // documentation
  return false;
}

export function isIpLiteral(hostname: string): boolean {
  return ipv4Parts(hostname) !== null || hostname.includes(':');
}

/** The code of the error a connect-time check raises, so the fetcher reports `blocked`, not `network`. */
export const PRIVATE_ADDRESS_CODE = 'ERR_CONVENE_PRIVATE_ADDRESS';

/** The code of the error a connect-time lookup raises for a host with no address, reported as `network`. */
export const UNRESOLVED_HOST_CODE = 'ERR_CONVENE_UNRESOLVED_HOST';

/** A DNS server that never answers must not hold a fetch until its overall deadline. */
export const DEFAULT_DNS_TIMEOUT_MS = 5_000;

export type HostAddresses = { kind: 'ok'; addresses: string[] } | { kind: 'private' | 'unresolved'; message: string };

/**
 * Every address `host` resolves to, checked: one private answer refuses the host (a client may pick
 * any of them), and no answer is "does not resolve", not a private address. The one check both the
 * fetcher's per-hop guard and Node's connect-time dispatcher apply.
 */
export async function checkHostAddresses(
  host: string,
  resolveHost: (hostname: string) => Promise<string[]>,
  options: { refuse?: (address: string) => boolean; dnsTimeoutMs?: number } = {},
): Promise<HostAddresses> {
  const refuse = options.refuse ?? isPrivateAddress;
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    const timeoutMs = options.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      addresses = await Promise.race([
        resolveHost(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
    } catch (error) {
      const timedOut = error instanceof Error && error.message === 'timeout';
      return {
        kind: 'unresolved',
        message: timedOut ? `${host}: no DNS answer within ${timeoutMs / 1000} s` : `cannot resolve ${host}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }
  if (addresses.length === 0) return { kind: 'unresolved', message: `${host} does not resolve` };
  if (addresses.some(refuse)) return { kind: 'private', message: `${host} resolves to a private or loopback address` };
  return { kind: 'ok', addresses };
}
