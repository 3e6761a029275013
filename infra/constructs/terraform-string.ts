// Text that goes into cdk.tf.json as a Terraform string (cloud-init snippets, config files) is a
// Terraform template: "${...}" and "%{...}" in it are evaluated. Asterisk dialplans (${EXTEN})
// and shell scripts (${HOME}) are full of both; the stack escapes them, with every other string
// (infra/proxmox/terraform-template.ts), and only the variable references srw puts there on
// purpose stay live.
import { live } from '../proxmox/terraform-template.js';

export { escapeTemplate } from '../proxmox/terraform-template.js';

/** A placeholder a renderer can embed in text; plain ASCII so it survives YAML quoting and
 *  escaping, and becomes ${var.NAME}. */
export function variableMarker(name: string): string {
  return `@@srwvar:${name}@@`;
}

/** Turns each variableMarker(name) in `text` into a live ${var.NAME} reference; the rest of the
 *  text is escaped by the stack like every other string. */
export function templateWithVariables(text: string): string {
  return text.replace(/@@srwvar:([A-Za-z_][A-Za-z0-9_]*)@@/g, (_m, name: string) => live(`\${var.${name}}`));
}
