// cloud-init user-data documents (#cloud-config) for guests whose setup goes beyond what
// Proxmox's generated cloud-init covers (user, keys, addresses): packages, files, commands.
import { stringify } from 'yaml';

/** `encoding: 'b64'`: content is base64 (a binary file, e.g. the srw package), decoded on the guest. */
export type WriteFile = { readonly path: string; readonly content: string; readonly permissions?: string; readonly owner?: string; readonly encoding?: 'b64' };

export type UserData = {
  readonly hostname: string;
  readonly user: string;
  readonly sshKeys: readonly string[];
  readonly packages: readonly string[];
  readonly writeFiles: readonly WriteFile[];
  readonly runcmd: readonly string[];
  readonly timezone?: string;
};

/**
 * A Proxmox `cicustom user=` snippet replaces the whole user-data Proxmox would generate, so the
 * user and keys from the inventory are written here too; addresses stay in Proxmox's own
 * network-data (initialization.ip_config), which a user snippet does not touch.
 */
export function renderUserData(d: UserData): string {
  const doc = {
    hostname: d.hostname,
    manage_etc_hosts: true,
    ...(d.timezone ? { timezone: d.timezone } : {}),
    users: [
      {
        name: d.user,
        groups: ['sudo'],
        shell: '/bin/bash',
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        lock_passwd: true,
        ssh_authorized_keys: [...d.sshKeys],
      },
    ],
    package_update: true,
    // The qemu agent is how the provider learns the guest's address; cloud images lack it.
    packages: ['qemu-guest-agent', ...d.packages],
    write_files: d.writeFiles.map((f) => ({ path: f.path, ...(f.encoding ? { encoding: f.encoding } : {}), content: f.content, permissions: f.permissions ?? '0644', owner: f.owner ?? 'root:root' })),
    runcmd: ['systemctl enable --now qemu-guest-agent', ...d.runcmd],
  };
  return `#cloud-config\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Vendor data merged with Proxmox's generated user-data: only installs and starts the qemu agent. */
export function renderAgentVendorData(): string {
  return `#cloud-config\n${stringify({ packages: ['qemu-guest-agent'], runcmd: ['systemctl enable --now qemu-guest-agent'] })}`;
}
