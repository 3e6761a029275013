// Text on its way to a terminal. Much of what srw shows comes from peers it does not control:
// ifAlias, ifName and LLDP sysName are set by whoever configures a switch (or plugs a device into
// a port), AMI status text comes from the PBX and its phones. A terminal obeys control characters
// in that text: ESC starts a sequence that recolours, blinks, moves the cursor, clears the screen,
// retitles the window or (OSC 8) turns text into a link somewhere else; C1 controls (U+0080–U+009F)
// do the same on terminals that honour them; CR overwrites a line. Every control character (C0,
// DEL, C1) and the bidirectional overrides that reorder what is read are shown as a visible
// `\uXXXX` instead. That form is also a valid JSON string escape, so the sink can pass JSON
// through it unchanged in meaning.

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_IN_LINE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Whole output (several lines, tabs): everything but line feeds and tabs made visible. */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** One field shown on one line of a table: line breaks and tabs made visible too. */
export function terminalLine(s: string): string {
  return s.replace(UNSAFE_IN_LINE, visible);
}

const cache = new WeakMap<object, unknown>();

/**
 * The same data with every string (values and keys) passed through terminalLine; for the
 * snapshots the dashboard draws, whose strings come from devices and the PBX. Unchanged parts keep
 * their identity, and a snapshot is converted once however often it is drawn.
 */
export function terminalSafe<T>(value: T): T {
  return safe(value) as T;
}

function safe(v: unknown): unknown {
  if (typeof v === 'string') return terminalLine(v);
  if (v === null || typeof v !== 'object') return v;
  const hit = cache.get(v);
  if (hit !== undefined) return hit;
  const out = convert(v);
  cache.set(v, out);
  return out;
}

function convert(v: object): unknown {
  if (Array.isArray(v)) {
    const items = v.map(safe);
    return items.some((x, i) => x !== v[i]) ? items : v;
  }
  if (v instanceof Map) {
    const before = [...(v as Map<unknown, unknown>)];
    const after = before.map(([k, x]) => [safe(k), safe(x)] as const);
    return after.some(([k, x], i) => k !== before[i]![0] || x !== before[i]![1]) ? new Map(after) : v;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  // Only plain data: class instances (a Date, a Secret) are shown through their own methods.
  if (proto !== Object.prototype && proto !== null) return v;
  let changed = false;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const [k, x] of Object.entries(v)) {
    const key = terminalLine(k);
    const value = safe(x);
    if (key !== k || value !== x) changed = true;
    // defineProperty: a key such as "__proto__" from a peer stays a plain key.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return changed ? out : v;
}
