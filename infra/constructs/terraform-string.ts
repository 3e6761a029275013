// Text that goes into cdk.tf.json as a Terraform string (cloud-init snippets, config files) is a
// Terraform template: "${...}" and "%{...}" in it are evaluated. Asterisk dialplans (${EXTEN})
// and shell scripts (${HOME}) are full of both; the stack escapes them, with every other string
// (infra/proxmox/terraform-template.ts), and only the variable references srw puts there on
// purpose stay live.
import { randomBytes } from 'node:crypto';
import { live } from '../proxmox/terraform-template.js';

export { escapeTemplate } from '../proxmox/terraform-template.js';

/**
 * Markers carry a random key chosen once per process: inventory text ends up in the same files
 * (an extension named "@@srwvar:secret_trunk_orange_trunk@@" would otherwise have become the
 * trunk password in a phone's caller ID, issue 12 item 5), and nobody can write a key they never
 * see. Only the key's markers become references; any other text stays literal.
 */
const MARKER_KEY = randomBytes(16).toString('hex');
const VAR_MARKER = new RegExp(`@@srwvar-${MARKER_KEY}:([A-Za-z_][A-Za-z0-9_]*)@@`, 'g');
const FILE64_MARKER = new RegExp(`@@srwfile64-${MARKER_KEY}:([A-Za-z_][A-Za-z0-9_]*)@@`, 'g');

/** A placeholder a renderer can embed in text; plain ASCII so it survives YAML quoting and
 *  escaping, and becomes ${var.NAME}. */
export function variableMarker(name: string): string {
  return `@@srwvar-${MARKER_KEY}:${name}@@`;
}

/** A placeholder for the base64 of a file on the machine that runs terraform, whose path is the
 *  variable NAME: becomes ${filebase64(var.NAME)}, read at plan time (the file never enters
 *  cdk.tf.json). */
export function fileBase64Marker(name: string): string {
  return `@@srwfile64-${MARKER_KEY}:${name}@@`;
}

/** Turns each variableMarker(name) in `text` into a live ${var.NAME} reference (and each
 *  fileBase64Marker(name) into ${filebase64(var.NAME)}); the rest of the text is escaped by the
 *  stack like every other string. */
export function templateWithVariables(text: string): string {
  return text
    .replace(VAR_MARKER, (_m, name: string) => live(`\${var.${name}}`))
    .replace(FILE64_MARKER, (_m, name: string) => live(`\${filebase64(var.${name})}`));
}
