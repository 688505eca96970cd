import dns, { type LookupAddress } from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * ipaddr.js range names a menu link must never reach. `reserved` is left out on
 * purpose: fake-IP proxies (Clash/Surge TUN mode) answer every name with
 * 198.18.0.0/15, and blocking it would fail every link on such a machine.
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is unwrapped by ipaddr.process first.
 */
const BLOCKED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal', // 169.254/16 (cloud metadata 169.254.169.254), fe80::/10
  'loopback',
  'private', // 10/8, 172.16/12, 192.168/16
  'carrierGradeNat', // 100.64/10
  'uniqueLocal', // fc00::/7
]);

/** Code carried by the lookup error when every DNS answer was refused. */
export const PRIVATE_ADDRESS_CODE = 'ERR_PRIVATE_ADDRESS';

/** The ipaddr.js range name if `address` is refused, else undefined. */
export function blockedRange(address: string): string | undefined {
  const range = ipaddr.process(address).range();
  return BLOCKED_RANGES.has(range) ? range : undefined;
}

export interface Refusal {
  readonly error: 'private-address' | 'dns-failure';
  readonly detail: string;
}

export interface AddressGuardOptions {
  readonly allowPrivateAddresses: boolean;
  /** Pinned host → IP answers (curl --resolve); they are vetted like any DNS answer. */
  readonly resolve: Readonly<Record<string, string>>;
  /** Where other names go; node's dns.lookup unless injected. */
  readonly lookup?: LookupFunction | undefined;
}

export interface AddressGuard {
  /** For http.request: pinned answers first, refused addresses filtered out of every DNS answer. */
  readonly lookup: LookupFunction;
  /**
   * Checks a hop before anything is sent: IP-literal hosts never reach `lookup`,
   * and through a proxy the proxy resolves the name, so we resolve it locally.
   */
  vet(url: URL, proxied: boolean): Promise<Refusal | undefined>;
  /** Last line of defence: the address the socket is actually connected to. */
  vetRemote(address: string | undefined): Refusal | undefined;
}

export function createAddressGuard(options: AddressGuardOptions): AddressGuard {
  const base = options.lookup ?? dns.lookup;
  const allowAll = options.allowPrivateAddresses;
  for (const [host, ip] of Object.entries(options.resolve)) {
    // Config validation should have caught this; failing here beats a lookup that never answers.
    if (!net.isIP(ip)) throw new TypeError(`resolve: ${host} → ${ip} is not an IP address`);
  }

  const listAddresses = (hostname: string): Promise<LookupAddress[]> => {
    const pinned = options.resolve[hostname.toLowerCase()];
    if (pinned !== undefined) return Promise.resolve([{ address: pinned, family: net.isIP(pinned) }]);
    return new Promise((resolve, reject) => {
      base(hostname, { all: true }, (error, addresses, family) => {
        if (error) reject(error);
        else resolve(typeof addresses === 'string' ? [{ address: addresses, family: family ?? net.isIP(addresses) }] : addresses);
      });
    });
  };

  const refusal = (what: string, address: string, range: string): Refusal => ({
    error: 'private-address',
    detail: `${what === address ? address : `${what} → ${address}`} is ${range}; refusing to connect`,
  });

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    listAddresses(hostname).then(
      (all) => {
        const usable = allowAll ? all : all.filter((a) => blockedRange(a.address) === undefined);
        const first = usable[0];
        if (first === undefined) {
          const refused = all[0];
          const detail = refused ? refusal(hostname, refused.address, blockedRange(refused.address) ?? 'refused').detail : `${hostname}: empty answer`;
          callback(Object.assign(new Error(detail), { code: refused ? PRIVATE_ADDRESS_CODE : 'ENOTFOUND' }), []);
        } else if (lookupOptions.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };

  const vet = async (url: URL, proxied: boolean): Promise<Refusal | undefined> => {
    if (allowAll) return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host)) {
      const range = blockedRange(host);
      return range === undefined ? undefined : refusal(host, host, range);
    }
    if (!proxied) return undefined;
    let addresses: LookupAddress[];
    try {
      addresses = await listAddresses(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
      return { error: 'dns-failure', detail: `${code} ${host} (local lookup for the private-address check)` };
    }
    // The proxy may pick any of the answers, so one refused address refuses the host.
    for (const { address } of addresses) {
      const range = blockedRange(address);
      if (range !== undefined) return refusal(host, address, range);
    }
    return undefined;
  };

  const vetRemote = (address: string | undefined): Refusal | undefined => {
    if (allowAll || address === undefined || !net.isIP(address)) return undefined;
    const range = blockedRange(address);
    return range === undefined ? undefined : refusal(address, address, range);
  };

  return { lookup, vet, vetRemote };
}
