// An LXC guest from one inventory host: unprivileged, from the inventory's container template.
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import { VirtualEnvironmentContainer } from '../proxmox/bindings.js';
import type { Host } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { addressWithPrefix, nicAttachment, poolId, terraformName } from './names.js';
import { networkOf, type GuestSite } from './guest-site.js';
import { sortedTags } from './vm.js';

export interface ProxmoxLxcProps {
  /** One validated inventory host with kind "lxc". */
  readonly host: Host;
  readonly site: GuestSite;
  /** @default the role's pool (names.poolId(host.role)) */
  readonly poolId?: string;
  /** Start the container after creation. @default true */
  readonly started?: boolean;
  /** @default true — root in the container is not root on the node. */
  readonly unprivileged?: boolean;
  /** A hook script snippet (runs on the node at pre-start/post-start/…). @default none */
  readonly hookScriptFileId?: string;
  /** Swap in MiB. @default 512 */
  readonly swap?: number;
  /** Resources this container must wait for (same per-node lock as VM clones). @default none */
  readonly after?: readonly ITerraformDependable[];
}

const MAX_NICS = 10; // network_interface max_items in the provider schema

const rules: readonly PropsRule<ProxmoxLxcProps>[] = [
  { when: (p) => p.host.kind !== 'lxc', message: (p) => `host ${p.host.name} is kind "${p.host.kind}", expected "lxc"` },
  { when: (p) => p.host.template !== undefined, message: (p) => `host ${p.host.name}: a VM template id cannot be cloned into a container; use defaults.lxcTemplate` },
  { when: (p) => p.host.nics.length > MAX_NICS, message: (p) => `host ${p.host.name} has ${p.host.nics.length} NICs, a container takes at most ${MAX_NICS}` },
  { when: (p) => p.host.nics.some((n) => !p.site.networks.some((x) => x.name === n.network)), message: (p) => `host ${p.host.name} has a NIC on an undeclared network` },
];

export class ProxmoxLxc extends Construct {
  readonly resource: VirtualEnvironmentContainer;
  readonly host: Host;

  constructor(scope: Construct, id: string, props: ProxmoxLxcProps) {
    super(scope, id);
    checkProps('ProxmoxLxc', props, rules);
    const { host, site } = props;
    this.host = host;
    const d = site.proxmox.defaults;
    const [root, ...extra] = host.disks;
    this.resource = new VirtualEnvironmentContainer(this, 'ct', {
      nodeName: host.node,
      vmId: host.vmid,
      description: host.description,
      tags: sortedTags(host),
      poolId: props.poolId ?? poolId(host.role),
      startOnBoot: host.startOnBoot,
      started: props.started ?? true,
      unprivileged: props.unprivileged ?? true,
      // systemd in Debian 12+ containers needs nesting for its sandboxing to work.
      features: { nesting: true },
      operatingSystem: { templateFileId: d.lxcTemplate, type: 'debian' },
      cpu: { cores: host.cpu },
      memory: { dedicated: host.memory, swap: props.swap ?? 512 },
      disk: { datastoreId: root?.datastore ?? d.datastore, size: root?.size ?? 8 },
      mountPoint: this.mountPoints(extra, d.datastore),
      networkInterface: this.interfaces(props),
      initialization: {
        hostname: host.name,
        ...(d.dns.length > 0 ? { dns: { servers: [...d.dns] } } : {}),
        ipConfig: host.nics.map((nic, i) => {
          const net = networkOf(site, nic.network);
          const address = addressWithPrefix(nic.address, net);
          return { ipv4: i === 0 && address !== 'dhcp' ? { address, gateway: net.gateway } : { address } };
        }),
        userAccount: { keys: [...host.cloudInit.sshKeys] },
      },
      ...(props.hookScriptFileId ? { hookScriptFileId: props.hookScriptFileId } : {}),
      dependsOn: props.after ? [...props.after] : undefined,
    });
    this.resource.overrideLogicalId(terraformName(host.name));
  }

  /** Disks after the first become mount points /mnt/data1, /mnt/data2, … (size in GiB, "NG"). */
  private mountPoints(extra: Host['disks'], datastore: string) {
    return extra.map((disk, i) => ({ volume: disk.datastore ?? datastore, size: `${disk.size}G`, path: `/mnt/data${i + 1}` }));
  }

  /** eth0..ethN in NIC order, on the bridge with the VLAN tag (bridge mode) or the vnet (SDN). */
  private interfaces(props: ProxmoxLxcProps) {
    return props.host.nics.map((nic, i) => {
      const at = nicAttachment(props.site.proxmox, networkOf(props.site, nic.network));
      return { name: `eth${i}`, bridge: at.bridge, ...(at.vlanId !== undefined ? { vlanId: at.vlanId } : {}), firewall: true };
    });
  }
}
