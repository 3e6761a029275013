// The one place the provider pin lives: the generator writes it into the bindings'
// required_providers, and the schema checker reads the same provider out of the schema file.
/** Fully qualified so OpenTofu resolves bpg/proxmox from the Terraform registry instead of its own. */
export const PROVIDER_FQN = 'registry.terraform.io/bpg/proxmox';
export const PROVIDER_SOURCE = 'registry.terraform.io/bpg/proxmox';
/** The only version infra/proxmox/schema/bpg-proxmox-schema.json describes. */
export const PROVIDER_VERSION = '0.111.1';
