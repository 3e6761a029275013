// Every string in Terraform JSON is a template: "${...}" and "%{...}" in it are evaluated by
// `terraform plan`. A host description `${file("/etc/shadow")}` from the inventory would be read on
// the machine that runs Terraform and sent to Proxmox; `${var.secret_trunk_x}` would put a PBX
// secret into a VM's notes. So the synthesized JSON goes through inertTemplates() as a whole
// (TerraformStack below, in cdk.ts), which escapes every such sequence ($${ and %%{) in every
// string, except the fragments srw put there on purpose with live(): references between
// resources, the API token variable, secret variables in the PBX's cloud-init, preconditions.
//
// A live() fragment carries a random per-process tag that no inventory can contain, so user text
// cannot pass for one. cdktf's own tokens are no way round it either: a "${TfToken[TOKEN.5]}"
// written in a description is resolved by cdktf first, and what it resolves to is escaped here.
import { randomBytes } from 'node:crypto';

/** Escapes Terraform template sequences so `text` reaches the provider byte for byte. */
export function escapeTemplate(text: string): string {
  // Function replacers: in a replacement string "$$" itself means "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

const TAG = randomBytes(12).toString('base64url');
const OPEN = `\u{E000}srw-live-${TAG}\u{E001}`;
const CLOSE = `\u{E002}srw-live-${TAG}\u{E003}`;
const LIVE = new RegExp(`${OPEN}([\\s\\S]*?)${CLOSE}`, 'g');

/**
 * Marks `template` (a "${...}" expression written by srw, or a cdktf token string such as
 * `resource.id`) to stay a live Terraform interpolation. Only for srw's own expressions: never
 * wrap anything that holds text from the inventory or a peer.
 */
export function live(template: string): string {
  return `${OPEN}${template}${CLOSE}`;
}

/** `text` with every template sequence escaped except inside live() fragments, which lose their tags. */
export function inertString(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LIVE)) {
    out += escapeTemplate(text.slice(last, m.index)) + m[1]!;
    last = m.index + m[0].length;
  }
  return out + escapeTemplate(text.slice(last));
}

/**
 * Terraform JSON with inertString() applied to every string (and object key) where Terraform
 * evaluates templates. Left alone: the `terraform` block (backend settings are never evaluated),
 * `variable` blocks (descriptions are literal) and cdktf's "//" metadata comments.
 */
export function inertTemplates<T>(tf: T): T {
  if (tf === null || typeof tf !== 'object') return tf;
  const out: Record<string, unknown> = {};
  for (const [section, body] of Object.entries(tf as Record<string, unknown>)) {
    out[section] = section === 'terraform' || section === 'variable' || section === '//' ? body : deep(body);
  }
  return out as T;
}

function deep(v: unknown): unknown {
  if (typeof v === 'string') return inertString(v);
  if (Array.isArray(v)) return v.map(deep);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '//') out[k] = x;
    else Object.defineProperty(out, inertString(k), { value: deep(x), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
