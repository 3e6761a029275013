// A QEMU guest from one inventory host: cloned from a template or booted from the downloaded
// cloud image, configured by cloud-init, reachable through the qemu agent.
import { Construct, Token, type ITerraformDependable } from '../proxmox/cdk.js';
import { VirtualEnvironmentVm, type VirtualEnvironmentVmNetworkDevice } from '../proxmox/bindings.js';
import type { Host } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { addressWithPrefix, nicAttachment, poolId, terraformName } from './names.js';
import { networkOf, type GuestSite } from './guest-site.js';

export interface ProxmoxVmProps {
  /** One validated inventory host with kind "vm". */
  readonly host: Host;
  readonly site: GuestSite;
  /** Volume id of the cloud image on the host's node. Required when the host names no template. */
  readonly imageFileId?: string;
  /** A user-data snippet (cicustom user=); replaces the user and keys Proxmox would generate. @default none */
  readonly userDataFileId?: string;
  /** A vendor-data snippet merged with Proxmox's user-data (installs the qemu agent). @default none */
  readonly vendorDataFileId?: string;
  /** @default the role's pool (names.poolId(host.role)) */
  readonly poolId?: string;
  /** Start the VM after creation. @default true — an inventory host is meant to run. */
  readonly started?: boolean;
  /** @default "x86-64-v2-AES" — migrates between mixed-generation nodes, unlike "host". */
  readonly cpuType?: string;
  /**
   * Resources this VM must wait for. Stacks pass the previous VM on the same node: Proxmox
   * takes a per-node lock for clones and disk imports, and parallel ones fail with
   * "can't lock file ... got timeout". @default none
   */
  readonly after?: readonly ITerraformDependable[];
}

const MAX_DISKS = 31; // scsi0..scsi30
const MAX_IP_CONFIGS = 8; // initialization.ip_config max_items in the provider schema

const rules: readonly PropsRule<ProxmoxVmProps>[] = [
  { when: (p) => p.host.kind !== 'vm', message: (p) => `host ${p.host.name} is kind "${p.host.kind}", expected "vm"` },
  { when: (p) => p.host.template === undefined && !p.imageFileId, message: (p) => `host ${p.host.name} names no template, so an imageFileId is required` },
  { when: (p) => p.host.disks.length > MAX_DISKS, message: (p) => `host ${p.host.name} has ${p.host.disks.length} disks, at most ${MAX_DISKS} fit on scsi0..scsi30` },
  { when: (p) => p.host.nics.length > MAX_IP_CONFIGS, message: (p) => `host ${p.host.name} has ${p.host.nics.length} NICs, cloud-init configures at most ${MAX_IP_CONFIGS}` },
  { when: (p) => p.host.nics.some((n) => !p.site.networks.some((x) => x.name === n.network)), message: (p) => `host ${p.host.name} has a NIC on an undeclared network` },
];

export class ProxmoxVm extends Construct {
  readonly resource: VirtualEnvironmentVm;
  readonly host: Host;

  constructor(scope: Construct, id: string, props: ProxmoxVmProps) {
    super(scope, id);
    checkProps('ProxmoxVm', props, rules);
    const { host, site } = props;
    this.host = host;
    const d = site.proxmox.defaults;
    this.resource = new VirtualEnvironmentVm(this, 'vm', {
      nodeName: host.node,
      vmId: host.vmid,
      name: host.name,
      description: host.description,
      tags: sortedTags(host),
      poolId: props.poolId ?? poolId(host.role),
      onBoot: host.startOnBoot,
      started: props.started ?? true,
      // Without the agent the guest ignores the shutdown request and destroy hangs.
      stopOnDestroy: true,
      agent: { enabled: true, trim: true },
      operatingSystem: { type: 'l26' },
      cpu: { cores: host.cpu, type: props.cpuType ?? 'x86-64-v2-AES' },
      memory: { dedicated: host.memory },
      scsiHardware: 'virtio-scsi-single',
      ...(host.template !== undefined ? { clone: { vmId: host.template, full: true, datastoreId: d.datastore } } : {}),
      disk: this.disks(props),
      networkDevice: this.networkDevices(props),
      initialization: this.initialization(props),
      dependsOn: props.after ? [...props.after] : undefined,
    });
    this.resource.overrideLogicalId(terraformName(host.name));
  }

  /**
   * Disks are keyed by interface slot, scsi0 (boot) to scsiN, in inventory order: the provider
   * matches disks by `interface`, so a stable slot per disk keeps plans free of reorder drift.
   * The boot disk of an image-booted VM is imported from the image (`file_id`).
   */
  private disks(props: ProxmoxVmProps) {
    const d = props.site.proxmox.defaults;
    return props.host.disks.map((disk, i) => ({
      interface: `scsi${i}`,
      datastoreId: disk.datastore ?? d.datastore,
      size: disk.size,
      fileFormat: 'raw',
      iothread: true,
      discard: 'on',
      ...(i === 0 && props.host.template === undefined ? { fileId: props.imageFileId } : {}),
    }));
  }

  /**
   * One virtio NIC per inventory NIC, on the network's bridge with its VLAN tag (bridge mode) or on
   * its vnet (SDN mode), with the guest firewall on. network_device is an SDK list(object)
   * attribute: in JSON every field must be present, so unused ones are explicit nulls
   * (../shared/proxmox/README.md, "Known gaps").
   */
  private networkDevices(props: ProxmoxVmProps): VirtualEnvironmentVmNetworkDevice[] {
    const nullString = Token.asString(Token.nullValue());
    const nullNumber = Token.asNumber(Token.nullValue());
    return props.host.nics.map((nic) => {
      const at = nicAttachment(props.site.proxmox, networkOf(props.site, nic.network));
      return {
        bridge: at.bridge,
        vlanId: at.vlanId ?? nullNumber,
        model: 'virtio',
        enabled: true,
        firewall: true,
        disconnected: Token.nullValue(),
        macAddress: nullString,
        mtu: nullNumber,
        queues: nullNumber,
        rateLimit: nullNumber,
        trunks: nullString,
      };
    });
  }

  /**
   * cloud-init: one ip_config per NIC in NIC order; only the first NIC gets its network's
   * gateway (one default route). DNS from inventory defaults.dns. User and keys go to
   * user_account unless a user-data snippet replaces them.
   */
  private initialization(props: ProxmoxVmProps) {
    const { host, site } = props;
    const d = site.proxmox.defaults;
    return {
      datastoreId: d.datastore,
      ...(d.dns.length > 0 ? { dns: { servers: [...d.dns] } } : {}),
      ipConfig: host.nics.map((nic, i) => {
        const net = networkOf(site, nic.network);
        const address = addressWithPrefix(nic.address, net);
        return { ipv4: i === 0 && address !== 'dhcp' ? { address, gateway: net.gateway } : { address } };
      }),
      ...(props.userDataFileId
        ? { userDataFileId: props.userDataFileId }
        : { userAccount: { username: host.cloudInit.user, keys: [...host.cloudInit.sshKeys] } }),
      ...(props.vendorDataFileId ? { vendorDataFileId: props.vendorDataFileId } : {}),
    };
  }
}

/** The role is a tag too; sorted because Proxmox stores tags sorted and would show drift otherwise. */
export function sortedTags(host: Host): string[] {
  return [...new Set([...host.tags, host.role])].sort();
}
