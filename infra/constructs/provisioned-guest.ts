// A guest that installs software and writes files on first boot: the PBX and the monitoring
// host. A VM gets a cloud-init user-data snippet. An LXC container has no cloud-init in Proxmox,
// so it gets a hook script snippet instead: at post-start the node pushes the same files into
// the container with `pct exec` and runs the same install commands once.
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import type { Host } from '../inventory/index.js';
import { renderUserData, type WriteFile } from './cloud-init.js';
import type { GuestSite } from './guest-site.js';
import { ProxmoxLxc } from './container.js';
import { ProxmoxVm } from './vm.js';
import { Snippet } from './snippet.js';

export interface ProvisionedGuestProps {
  readonly host: Host;
  readonly site: GuestSite;
  /** Files written on the guest (content may hold variableMarker()s for secrets). */
  readonly files: readonly WriteFile[];
  /** Debian packages installed on first boot. @default none */
  readonly packages?: readonly string[];
  /** Shell commands run once after the files are written. @default none */
  readonly commands?: readonly string[];
  /** Cloud image volume id on the host's node (VMs without a template). */
  readonly imageFileId?: string;
  /** @default the role's pool */
  readonly poolId?: string;
  /** See ProxmoxVmProps.after. @default none */
  readonly after?: readonly ITerraformDependable[];
  /** Timezone for cloud-init. @default none (image default) */
  readonly timezone?: string;
}

export class ProvisionedGuest extends Construct {
  readonly snippet: Snippet;
  readonly guest: ProxmoxVm | ProxmoxLxc;

  constructor(scope: Construct, id: string, props: ProvisionedGuestProps) {
    super(scope, id);
    const { host, site } = props;
    const datastore = site.proxmox.defaults.snippetsDatastore;
    if (host.kind === 'vm') {
      this.snippet = new Snippet(this, 'user-data', {
        node: host.node,
        datastore,
        fileName: `srw-${host.name}-user-data.yaml`,
        content: renderUserData({
          hostname: host.name,
          user: host.cloudInit.user,
          sshKeys: host.cloudInit.sshKeys,
          packages: props.packages ?? [],
          writeFiles: props.files,
          runcmd: props.commands ?? [],
          timezone: props.timezone,
        }),
        // The user-data holds every file the guest gets (for the PBX: each SIP password, PIN and
        // AMI secret, filled in by Terraform): readable by root on the node only, not by anyone
        // with access to the snippets datastore.
        fileMode: '0600',
      });
      // The snippet is referenced by volume id (a plain string), so the ordering is explicit.
      const after = [...(props.after ?? []), this.snippet.resource];
      this.guest = new ProxmoxVm(this, 'vm', { host, site, imageFileId: props.imageFileId, userDataFileId: this.snippet.fileId, poolId: props.poolId, after });
    } else {
      this.snippet = new Snippet(this, 'hook', {
        node: host.node,
        datastore,
        fileName: `srw-${host.name}-hook.sh`,
        content: renderLxcHookScript(host, props.files, props.packages ?? [], props.commands ?? []),
        // Proxmox runs hook scripts only when they are executable.
        fileMode: '0700',
      });
      const after = [...(props.after ?? []), this.snippet.resource];
      this.guest = new ProxmoxLxc(this, 'ct', { host, site, hookScriptFileId: this.snippet.fileId, poolId: props.poolId, after });
    }
  }
}

const OUTER = 'SRW_GUEST_SCRIPT_EOF';
const INNER = 'SRW_FILE_EOF';

/**
 * Proxmox calls a hook script as `<script> <vmid> <phase>`. At post-start it writes every file
 * (each start, so config changes reach the guest on restart) and runs the install once (marker
 * /var/lib/srw/provisioned), in the background: the start task waits for the hook to return.
 */
export function renderLxcHookScript(host: Host, files: readonly WriteFile[], packages: readonly string[], commands: readonly string[]): string {
  // A here-document ends at the first line equal to its delimiter: a file whose content held such
  // a line would run the rest as commands, as root on the node. Each delimiter is one no line has.
  const all = files.map((f) => f.content).join('\n');
  const inner = delimiterFor(INNER, all);
  const writes = files.flatMap((f) => [
    `mkdir -p "$(dirname '${f.path}')"`,
    f.encoding === 'b64' ? `base64 -d > '${f.path}' <<'${inner}'` : `cat > '${f.path}' <<'${inner}'`,
    f.content.endsWith('\n') ? f.content.slice(0, -1) : f.content,
    inner,
    `chmod ${f.permissions ?? '0644'} '${f.path}'`,
  ]);
  const outer = delimiterFor(OUTER, `${all}\n${inner}`);
  const install = [
    'if [ ! -e /var/lib/srw/provisioned ]; then',
    '  export DEBIAN_FRONTEND=noninteractive',
    `  apt-get update && apt-get install -y ${packages.join(' ')}`.trimEnd(),
    ...commands.map((c) => `  ${c}`),
    '  mkdir -p /var/lib/srw && touch /var/lib/srw/provisioned',
    'fi',
  ];
  return [
    '#!/bin/bash',
    `# srw hook script for ${host.name} (CT ${host.vmid}), generated from the inventory.`,
    'vmid="$1"; phase="$2"',
    '[ "$phase" = "post-start" ] || exit 0',
    '(',
    '  for i in $(seq 1 30); do pct exec "$vmid" -- true 2>/dev/null && break; sleep 2; done',
    `  pct exec "$vmid" -- bash -s <<'${outer}'`,
    'set -e',
    ...writes,
    ...install,
    outer,
    `) >"/var/log/srw-hook-$vmid.log" 2>&1 &`,
    'exit 0',
    '',
  ].join('\n');
}

/** `base`, or `base_1`, `base_2`, … : the first that is not a whole line of `text`. */
function delimiterFor(base: string, text: string): string {
  const lines = new Set(text.split('\n'));
  let d = base;
  for (let i = 1; lines.has(d); i++) d = `${base}_${i}`;
  return d;
}
