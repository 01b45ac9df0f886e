/**
 * The key a client is limited under. IPv4 addresses count one by one; IPv6 clients usually hold a
 * whole /64, so an IPv6 address counts as its /64 (otherwise one host could rotate through 2^64
 * addresses). IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

function expandIPv6(address: string): number[] | null {
  const [head = '', tail] = address.split('::');
  if (address.split('::').length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const headParts = parse(head);
  const tailParts = tail === undefined ? [] : parse(tail);
  // an embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups
  const last = tailParts.length ? tailParts[tailParts.length - 1] : headParts[headParts.length - 1];
  const groups = [
    ...headParts,
    ...(tail === undefined ? [] : new Array(Math.max(0, 8 - headParts.length - tailParts.length - (last?.includes('.') ? 1 : 0))).fill('0')),
    ...tailParts,
  ];
  const words: number[] = [];
  for (const group of groups) {
    if (group.includes('.')) {
      const octets = group.split('.').map(Number);
      words.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
    } else {
      words.push(parseInt(group, 16));
    }
  }
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

export function clientKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  const words = expandIPv6(ip.split('%')[0]!);
  if (!words) return ip;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return `${words[6]! >> 8}.${words[6]! & 0xff}.${words[7]! >> 8}.${words[7]! & 0xff}`;
  }
  return `${words
    .slice(0, 4)
    .map((w) => w.toString(16))
    .join(':')}::/64`;
}

/** The network an address belongs to, for "never seen this network" risk checks: IPv4 /16, IPv6 /48. */
export function networkOf(ip: string): string {
  const key = clientKey(ip);
  if (isIPv4(key)) {
    const [a, b] = key.split('.');
    return `${a}.${b}.0.0/16`;
  }
  const words = isIPv6(ip) ? expandIPv6(ip.split('%')[0]!) : null;
  return words
    ? `${words
        .slice(0, 3)
        .map((w) => w.toString(16))
        .join(':')}::/48`
    : ip;
}

/** Networks exempt from per-IP limits (e.g. an office NAT or a health checker). */
export function createAllowList(cidrs: string[]): (ip: string) => boolean {
  if (cidrs.length === 0) return () => false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    const mapped = clientKey(ip);
    if (isIPv4(mapped)) return list.check(mapped, 'ipv4');
    return isIPv6(ip) && list.check(ip, 'ipv6');
  };
}

export function isValidCidr(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  if (max < 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
}
