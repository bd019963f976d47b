import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a log host allowed only through a `*.domain` ARTIFACT_HOSTS entry must not resolve
 * to: anyone who controls DNS for a name under such a domain (a tenant's CDN bucket, a rebinding
 * attacker) could otherwise point the worker at its own loopback, the cloud metadata service
 * (169.254.169.254) or the internal network. Only an exact `host` / `host:port` entry may reach them.
 */
const FORBIDDEN: readonly [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'private (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'reserved'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses carry an IPv4 address inside: refused
  // whole rather than judged by the address they wrap.
  ['::ffff:0:0', 96, 'ipv6', 'IPv4-mapped'],
  ['::', 96, 'ipv6', 'IPv4-compatible'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['2002::', 16, 'ipv6', '6to4'],
  ['fc00::', 7, 'ipv6', 'private (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = FORBIDDEN.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, kind };
});

/**
 * Why `address` may not be fetched from through a wildcard entry ("loopback", "private", …), or
 * null for a public address. Anything that is not an IP address at all is refused too.
 */
export function forbiddenAddressKind(address: string): string | null {
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  // Rules of the address's own family only: BlockList would also test an IPv4 address against the
  // IPv6 rules as ::ffff:a.b.c.d, which the IPv4-mapped rule refuses.
  return lists.find((rule) => rule.family === family && rule.list.check(address, family))?.kind ?? null;
}
