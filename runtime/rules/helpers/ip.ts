/** IP address helpers for rule authors, on ipaddr.js (IPv4 and IPv6, CIDR ranges). */
import ipaddr from 'ipaddr.js';

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(value: unknown): Parsed | undefined {
  if (typeof value !== 'string' || !ipaddr.isValid(value.trim())) return undefined;
  const address = ipaddr.parse(value.trim());
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is compared as IPv4.
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseRange(cidr: string): [Parsed, number] | undefined {
  try {
    return cidr.includes('/') ? ipaddr.parseCIDR(cidr.trim()) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `value` is a valid IPv4 or IPv6 address. */
export function isIpAddress(value: unknown): boolean {
  return parseAddress(value) !== undefined;
}

/**
 * True when the IP address `value` is inside any of `cidrs` ('10.0.0.0/8', '2001:db8::/32', or a single
 * address). Invalid addresses or ranges never match.
 *
 * @example
 * ```ts
 * inCidrs(rec.sourceIPAddress, ['10.0.0.0/8', '192.168.0.0/16'])
 * ```
 */
export function inCidrs(value: unknown, cidrs: Iterable<string>): boolean {
  const address = parseAddress(value);
  if (!address) return false;
  for (const cidr of cidrs) {
    const range = parseRange(cidr);
    if (range) {
      if (range[0].kind() === address.kind() && address.match(range as [typeof address, number])) return true;
    } else {
      const single = parseAddress(cidr);
      if (single && single.kind() === address.kind() && single.toNormalizedString() === address.toNormalizedString()) return true;
    }
  }
  return false;
}

/** True when `value` is a private, loopback, link-local or unique-local address (not routable on the internet). */
export function isPrivateIp(value: unknown): boolean {
  const address = parseAddress(value);
  if (!address) return false;
  return ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat'].includes(address.range());
}
