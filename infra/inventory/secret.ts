// A resolved secret. srw does not print a secret and then mask it: values stay inside this
// wrapper, and only the code that hands one to a peer (SNMP, AMI, a file with mode 0600) asks for
// it. Masking is done where a secret is written on purpose (a config diff, an AMI trace), by the
// writer that knows which field holds it, never by searching all output for known values: that
// turned "sw-comware" into "sw-<secret>" when a community was "comware".

/**
 * Printing, JSON-serialising or inspecting it shows `<secret>`; only `reveal()` gives the value.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
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
