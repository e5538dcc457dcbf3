/** Python 3.7's `ipaddress.IPv4Address(value)`, the parser StreamAlert's packetbeat rule ran on. */

const MAX_IPV4 = 2 ** 32 - 1;

function isOctet(text: string): boolean {
  if (!/^[0-9]{1,3}$/.test(text)) return false;
  const value = Number(text);
  // Python refuses octets that could be read as octal ('010') and values above 255.
  return value <= 255 && !(value > 7 && text.startsWith('0'));
}

/**
 * True when Python 3.7's `IPv4Address(value)` accepts `value`: a dotted quad string, or an integer (or bool)
 * between 0 and 2^32 - 1. Any other value made the original rule raise.
 */
export function isPython37Ipv4Address(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= MAX_IPV4;
  if (typeof value !== 'string' || value.includes('/')) return false;
  const octets = value.split('.');
  return octets.length === 4 && octets.every(isOctet);
}
