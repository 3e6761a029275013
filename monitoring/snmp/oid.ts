// Numeric OIDs as dotted strings. Comparison is numeric per arc: "1.10" sorts after "1.9",
// which string comparison gets wrong.

export function oidArcs(oid: string): number[] {
  const s = oid.startsWith('.') ? oid.slice(1) : oid;
  return s === '' ? [] : s.split('.').map(Number);
}

export function compareOids(a: string, b: string): number {
  const x = oidArcs(a);
  const y = oidArcs(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]! - y[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** True when `oid` lies strictly inside the subtree `root` (root itself is not inside). */
export function isUnder(root: string, oid: string): boolean {
  return oid.length > root.length && oid.startsWith(root) && oid[root.length] === '.';
}

/** The index part after `root`: isUnder('1.3.6.1.2.1.2.2.1.2', …'.2.8') → '8'. */
export function indexOf(root: string, oid: string): string | undefined {
  return isUnder(root, oid) ? oid.slice(root.length + 1) : undefined;
}
