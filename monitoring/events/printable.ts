// Text that came from the network (trap varbinds, LLDP names) made safe to print and to export:
// control characters (ESC sequences could repaint or retitle a terminal), bidi overrides that
// reorder what an admin reads, and unpaired surrogates are shown as escapes, and the length is
// capped. A minimal local version until the TUI's own sanitizer exists; the TUI may apply its
// own on top, which is harmless on text this already cleaned.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const MAX_TEXT = 200;

export function printable(s: string, max = MAX_TEXT): string {
  const clean = s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (clean.length <= max) return clean;
  // Do not cut a surrogate pair in half.
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(clean[end - 1] ?? '')) end--;
  return `${clean.slice(0, end)}…`;
}
