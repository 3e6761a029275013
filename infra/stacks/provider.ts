// The bpg/proxmox provider block every stack carries.
import { TerraformVariable, type TerraformStack } from '../proxmox/cdk.js';
import { ProxmoxProvider } from '../proxmox/bindings.js';
import type { Proxmox } from '../inventory/index.js';
import { live } from '../proxmox/terraform-template.js';

/** The provider reads this environment variable itself when api_token is not set. */
export const PROVIDER_TOKEN_ENV = 'PROXMOX_VE_API_TOKEN';

/**
 * The API token never appears in cdk.tf.json: when the inventory points at PROXMOX_VE_API_TOKEN
 * the provider reads it from the environment; any other reference becomes the sensitive variable
 * proxmox_api_token (set TF_VAR_proxmox_api_token). The ssh block lists every node: the provider
 * uploads snippets (cloud-init, hook scripts) over SSH, not through the API.
 */
export function configureProvider(stack: TerraformStack, proxmox: Proxmox): ProxmoxProvider {
  const fromEnv = 'env' in proxmox.apiToken && proxmox.apiToken.env === PROVIDER_TOKEN_ENV;
  const token = fromEnv
    ? undefined
    : new TerraformVariable(stack, 'proxmox_api_token', {
        type: 'string',
        sensitive: true,
        nullable: false,
        description: 'Proxmox API token (user@realm!tokenid=uuid); set TF_VAR_proxmox_api_token',
      });
  return new ProxmoxProvider(stack, 'proxmox', {
    endpoint: proxmox.endpoint,
    insecure: proxmox.insecure,
    ...(token ? { apiToken: live(token.stringValue) } : {}),
    ssh: [
      {
        username: proxmox.sshUser,
        agent: true,
        nodeAttribute: proxmox.nodes.map((n) => ({ name: n.name, address: n.address })),
      },
    ],
  });
}
