// Numeric OIDs as dotted strings. Comparison is numeric per arc: "1.10" sorts after "1.9",
// which string comparison gets wrong.

export function oidArcs(oid: string): number[] {
  const s = oid.startsWith('.') ? oid.slice(1) : oid;
  return s === '' ? [] : s.split('.').map(Number);
}

export function compareOids(a: string, b: string): number {
  // Walks both strings arc by arc without splitting: walks compare every varbind twice, and
  // allocating arrays here dominated the CPU profile of a 48-port poll.
  let i = a.startsWith('.') ? 1 : 0;
  let j = b.startsWith('.') ? 1 : 0;
  for (;;) {
    const aEnd = i >= a.length;
    const bEnd = j >= b.length;
    if (aEnd || bEnd) return aEnd && bEnd ? 0 : aEnd ? -1 : 1;
    let x = 0;
    let y = 0;
    while (i < a.length && a.charCodeAt(i) !== 46) x = x * 10 + (a.charCodeAt(i++) - 48);
    while (j < b.length && b.charCodeAt(j) !== 46) y = y * 10 + (b.charCodeAt(j++) - 48);
    if (x !== y) return x < y ? -1 : 1;
    i++;
    j++;
  }
}

/** True when `oid` lies strictly inside the subtree `root` (root itself is not inside). */
export function isUnder(root: string, oid: string): boolean {
  return oid.length > root.length && oid.startsWith(root) && oid[root.length] === '.';
}

/** The index part after `root`: isUnder('1.3.6.1.2.1.2.2.1.2', …'.2.8') → '8'. */
export function indexOf(root: string, oid: string): string | undefined {
  return isUnder(root, oid) ? oid.slice(root.length + 1) : undefined;
}
