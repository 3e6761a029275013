// Text that goes into cdk.tf.json as a Terraform string (cloud-init snippets, config files) is a
// Terraform template: "${...}" and "%{...}" in it are evaluated. Asterisk dialplans (${EXTEN})
// and shell scripts ($${HOME}) are full of both, so literal text is escaped, and only the
// variable references srw puts there on purpose stay live.
import { randomBytes } from 'node:crypto';

/** Escapes Terraform template sequences so `text` reaches the guest byte for byte. */
export function escapeTemplate(text: string): string {
  // Function replacers: in a replacement string "$$" itself means "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Markers carry a random key chosen once per process: inventory text ends up in the same files
 * (an extension named "@@srwvar:secret_trunk_orange_trunk@@" would otherwise have become the
 * trunk password in a phone's caller ID, issue 12 item 5), and nobody can write a key they never
 * see. Only the key's markers become references; any other text stays literal.
 */
const MARKER_KEY = randomBytes(16).toString('hex');
const MARKER = new RegExp(`@@srwvar-${MARKER_KEY}:([A-Za-z_][A-Za-z0-9_]*)@@`, 'g');

/** A placeholder a renderer can embed in text; plain ASCII so it survives YAML quoting and
 *  escaping, and becomes ${var.NAME}. */
export function variableMarker(name: string): string {
  return `@@srwvar-${MARKER_KEY}:${name}@@`;
}

/** Escapes `text`, then turns each variableMarker(name) into a live ${var.NAME} reference. */
export function templateWithVariables(text: string): string {
  return escapeTemplate(text).replace(MARKER, (_m, name: string) => `\${var.${name}}`);
}
