// IPv4 arithmetic for the cross-checks (addresses inside networks, DHCP ranges).

/** Dotted-quad IPv4 without leading zeros: node:net's isIPv4, without loading node:net (and the
 *  stream code under it) into every `srw validate`. */
const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}$`);

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export type Cidr = { network: number; prefix: number; size: number };

export function parseCidr(cidr: string): Cidr {
  const [addr, len] = cidr.split('/');
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipToInt(addr!) / size) * size;
  return { network, prefix, size };
}

/** The address is a usable host address of the network (not the network or broadcast address). */
export function isHostIn(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr);
  const n = ipToInt(ip);
  if (c.prefix >= 31) return n >= c.network && n < c.network + c.size;
  return n > c.network && n < c.network + c.size - 1;
}

/** 10.0.10.7/24 → whether the written address had host bits set (a common typo for the network). */
export function hasHostBits(cidr: string): boolean {
  const [addr] = cidr.split('/');
  return ipToInt(addr!) !== parseCidr(cidr).network;
}

export function prefixOf(cidr: string): number {
  return parseCidr(cidr).prefix;
}
