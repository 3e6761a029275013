// Text that goes into cdk.tf.json as a Terraform string (cloud-init snippets, config files) is a
// Terraform template: "${...}" and "%{...}" in it are evaluated. Asterisk dialplans (${EXTEN})
// and shell scripts ($${HOME}) are full of both, so literal text is escaped, and only the
// variable references srw puts there on purpose stay live.

/** Escapes Terraform template sequences so `text` reaches the guest byte for byte. */
export function escapeTemplate(text: string): string {
  // Function replacers: in a replacement string "$$" itself means "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A placeholder a renderer can embed in text; plain ASCII so it survives YAML quoting and
 *  escaping, and becomes ${var.NAME}. */
export function variableMarker(name: string): string {
  return `@@srwvar:${name}@@`;
}

/** A placeholder for the base64 of a file on the machine that runs terraform, whose path is the
 *  variable NAME: becomes ${filebase64(var.NAME)}, read at plan time (the file never enters
 *  cdk.tf.json). */
export function fileBase64Marker(name: string): string {
  return `@@srwfile64:${name}@@`;
}

/** Escapes `text`, then turns each variableMarker(name) into a live ${var.NAME} reference (and
 *  each fileBase64Marker(name) into ${filebase64(var.NAME)}). */
export function templateWithVariables(text: string): string {
  return escapeTemplate(text)
    .replace(/@@srwvar:([A-Za-z_][A-Za-z0-9_]*)@@/g, (_m, name: string) => `\${var.${name}}`)
    .replace(/@@srwfile64:([A-Za-z_][A-Za-z0-9_]*)@@/g, (_m, name: string) => `\${filebase64(var.${name})}`);
}
