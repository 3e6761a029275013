// The address ranges `srw discover` scans: CIDRs (a bare address is a /32), in the order given,
// each address once. Bad input is a value naming the argument, never a throw; a range larger than
// MAX_ADDRESSES is refused unless the caller allows it, because a typo (/8 for /28) would
// otherwise send millions of packets into a management network.
import { isIPv4 } from 'node:net';
import { intToIp, ipToInt } from '../../infra/inventory/index.js';

/** A /16: more than a management network needs, small enough to finish in minutes. */
export const MAX_ADDRESSES = 65_536;
/** Never, even with --force: a /8 would take hours and fill the network with probes. */
export const HARD_MAX_ADDRESSES = 1 << 20;

export type RangeError = { argument: string; message: string };
export type Ranges = { ok: true; addresses: string[] } | { ok: false; errors: RangeError[] };

type Parsed = { first: number; last: number };

function parseOne(arg: string): Parsed | string {
  const [addr, len, extra] = arg.split('/');
  if (extra !== undefined || addr === undefined || !isIPv4(addr)) return 'not an IPv4 network: expected CIDR form such as 10.0.10.0/24 (or one address)';
  if (len === undefined) return { first: ipToInt(addr), last: ipToInt(addr) };
  if (!/^\d{1,2}$/.test(len) || Number(len) > 32) return `prefix length "${len}" is not 0–32`;
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipToInt(addr) / size) * size;
  // The network and broadcast addresses of a /30 or larger hold no device.
  return prefix >= 31 ? { first: network, last: network + size - 1 } : { first: network + 1, last: network + size - 2 };
}

/** The addresses to scan, or every bad argument with why. */
export function addressesOf(args: readonly string[], opts: { force?: boolean } = {}): Ranges {
  const errors: RangeError[] = [];
  const parsed: Parsed[] = [];
  if (args.length === 0) errors.push({ argument: '', message: 'give at least one network to scan, such as 10.0.10.0/24' });
  for (const argument of args) {
    const p = parseOne(argument.trim());
    if (typeof p === 'string') errors.push({ argument, message: p });
    else parsed.push(p);
  }
  if (errors.length > 0) return { ok: false, errors };
  const total = parsed.reduce((n, p) => n + (p.last - p.first + 1), 0);
  if (total > HARD_MAX_ADDRESSES) return { ok: false, errors: [{ argument: args.join(' '), message: `${total} addresses is more than srw discover scans (at most ${HARD_MAX_ADDRESSES}); scan the management networks one by one` }] };
  if (total > MAX_ADDRESSES && !opts.force)
    return { ok: false, errors: [{ argument: args.join(' '), message: `${total} addresses is more than a /16 (${MAX_ADDRESSES}); check the prefix length, or pass --force to scan them all` }] };
  const seen = new Set<number>();
  const addresses: string[] = [];
  for (const p of parsed)
    for (let n = p.first; n <= p.last; n++) {
      if (seen.has(n)) continue;
      seen.add(n);
      addresses.push(intToIp(n));
    }
  return { ok: true, addresses };
}
