// Outgoing actions → bytes. AMI has no escaping: a CR or LF inside a value ends the header (or
// the whole action) and lets the rest be read as new headers — header injection (a display name
// "x\r\nAction: Originate…" would run an Originate). So every name and value is checked here,
// before anything reaches the socket, and a bad one is a typed error, never silently cleaned.

import { AmiHeaderError } from './errors.js';

export type ActionValue = string | number | boolean | undefined;
/** An action as headers. Arrays keep repeated names (Variable, Action-000001, …) in order. */
export type ActionHeaders = Record<string, ActionValue | ActionValue[]> | Array<readonly [string, ActionValue]>;

const NAME = /^[A-Za-z0-9_-]+$/;
// C0 controls (incl. TAB, CR, LF) and DEL. TAB is refused too: Asterisk would keep it in the value.
const CONTROL = /[\x00-\x1f\x7f]/;

export function checkHeader(name: string, value: string): void {
  if (!NAME.test(name)) throw new AmiHeaderError(name, 'a header name may only hold letters, digits, "-" and "_"');
  const bad = CONTROL.exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new AmiHeaderError(name, `value contains control character 0x${code} at position ${bad.index}`);
  }
}

export function headerList(action: ActionHeaders): Array<[string, string]> {
  const pairs: Array<readonly [string, ActionValue]> = Array.isArray(action)
    ? action
    : Object.entries(action).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const]));
  const out: Array<[string, string]> = [];
  for (const [name, v] of pairs) {
    if (v === undefined) continue;
    const value = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
    checkHeader(name, value);
    out.push([name, value]);
  }
  return out;
}

/** Wire bytes for one action: CRLF after each header, an empty line at the end. */
export function encodeHeaders(headers: ReadonlyArray<readonly [string, string]>): string {
  let s = '';
  for (const [n, v] of headers) s += `${n}: ${v}\r\n`;
  return s + '\r\n';
}
