// The one redaction helper: every printer and logger passes text through `redact` before it
// leaves the process, so a resolved secret cannot reach a terminal, a log or a metric.

const known = new Set<string>();

/** Remembers a resolved secret value so that `redact` hides it wherever it turns up. */
export function rememberSecret(value: string): void {
  // Very short values would blank out ordinary words; such secrets are refused at resolve time.
  if (value.length >= 4) known.add(value);
}

export function redact(text: string): string {
  if (known.size === 0) return text;
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join('<secret>');
  return out;
}

/**
 * A resolved secret. Printing, JSON-serialising or inspecting it shows `<secret>`; only
 * `reveal()` gives the value, and only code that hands it to a peer (SNMP, AMI, a file with
 * mode 0600) calls it.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    rememberSecret(value);
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '<secret>';
  }
  toJSON(): string {
    return '<secret>';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<secret>';
  }
}
