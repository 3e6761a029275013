// compute: the e-service guests, their resource pools, the cloud image on each node, and each
// guest's firewall. VMs on one node are chained with depends_on: Proxmox locks the node's
// storage for every clone and disk import, and parallel ones fail with "can't lock file".
import type { Construct, ITerraformDependable } from '../proxmox/cdk.js';
import type { Host } from '../inventory/index.js';
import { guestSite, type GuestSite } from '../constructs/guest-site.js';
import { RolePool } from '../constructs/pool.js';
import { CloudImage } from '../constructs/cloud-image.js';
import { Snippet } from '../constructs/snippet.js';
import { renderAgentVendorData } from '../constructs/cloud-init.js';
import { ProxmoxVm } from '../constructs/vm.js';
import { ProxmoxLxc } from '../constructs/container.js';
import { GuestFirewall } from '../constructs/firewall.js';
import { bootsImage, computeHosts, effectiveRoles, imageFor, imageNodes } from './placement.js';
import { SrwStack, type SrwStackProps } from './srw-stack.js';
import { live } from '../proxmox/terraform-template.js';

export const VENDOR_DATA_FILE = 'srw-vendor-data.yaml';

export class ComputeStack extends SrwStack {
  readonly guests: (ProxmoxVm | ProxmoxLxc)[] = [];

  constructor(scope: Construct, name: string, props: SrwStackProps) {
    super(scope, name, props);
    const inv = props.inventory;
    const site = guestSite(inv);
    const d = inv.proxmox.defaults;
    // Guests name their pool through the resource, so Terraform creates pools first.
    const pools = new Map(effectiveRoles(inv).map((role) => [role.name, new RolePool(this, `pool-${role.name}`, { role })]));
    const poolOf = (h: Host) => {
      const pool = pools.get(h.role);
      return pool ? live(pool.resource.poolId) : undefined;
    };

    const images = new Map<string, CloudImage>();
    const vendorData = new Map<string, Snippet>();
    for (const node of imageNodes(inv)) {
      images.set(node, new CloudImage(this, `image-${node}`, { node, url: d.image, datastore: d.snippetsDatastore }));
    }
    const hosts = computeHosts(inv);
    for (const node of new Set(hosts.filter((h) => bootsImage(h) && !h.adopt).map((h) => h.node))) {
      vendorData.set(node, new Snippet(this, `vendor-data-${node}`, { node, datastore: d.snippetsDatastore, fileName: VENDOR_DATA_FILE, content: renderAgentVendorData() }));
    }

    const lastVmOnNode = new Map<string, ITerraformDependable>();
    for (const host of hosts) {
      const guest = host.kind === 'vm' ? this.vm(host, site, poolOf(host), images, vendorData, lastVmOnNode) : new ProxmoxLxc(this, `guest-${host.name}`, { host, site, poolId: poolOf(host) });
      this.guests.push(guest);
      const firewall = new GuestFirewall(this, `firewall-${host.name}`, { host, guest: guest.resource });
      if (host.adopt) adopt(host, guest, firewall);
    }
  }

  /** A VM waits for the previous VM on its node, for the image download and the vendor-data snippet. */
  private vm(host: Host, site: GuestSite, poolId: string | undefined, images: Map<string, CloudImage>, vendorData: Map<string, Snippet>, last: Map<string, ITerraformDependable>): ProxmoxVm {
    const image = bootsImage(host) ? images.get(host.node) : undefined;
    const vendor = bootsImage(host) && !host.adopt ? vendorData.get(host.node) : undefined;
    const after = [last.get(host.node), image?.resource, vendor?.resource].filter((x): x is ITerraformDependable => x !== undefined);
    const vm = new ProxmoxVm(this, `guest-${host.name}`, {
      host,
      site,
      imageFileId: imageFor(this.inventory, host),
      poolId,
      vendorDataFileId: vendor?.fileId,
      after,
    });
    last.set(host.node, vm.resource);
    return vm;
  }
}

/**
 * An adopted guest already runs: import blocks (ids as bpg/proxmox 0.111.1 documents them:
 * node/vmid for the guest, vm|container/node/vmid for its firewall options and rules) make the
 * first plan import it instead of creating it; once in the state they are no-ops. What only
 * matters at creation, and that bpg's read cannot get back from Proxmox, is ignored, because
 * bpg replaces the guest when it differs (ForceNew): the VM's cloud image and vendor-data
 * snippet; the container's OS template, pool, mount points, user account and privilege mode.
 */
export const ADOPTED_IGNORED: Readonly<Record<Host['kind'], readonly string[]>> = {
  vm: ['disk[0].file_id', 'initialization[0].vendor_data_file_id'],
  lxc: ['operating_system', 'pool_id', 'mount_point', 'initialization[0].user_account', 'unprivileged'],
};

function adopt(host: Host, guest: ProxmoxVm | ProxmoxLxc, firewall: GuestFirewall): void {
  guest.resource.importFrom(`${host.node}/${host.vmid}`);
  guest.resource.lifecycle = { ...guest.resource.lifecycle, ignoreChanges: [...ADOPTED_IGNORED[host.kind]] };
  const target = `${host.kind === 'vm' ? 'vm' : 'container'}/${host.node}/${host.vmid}`;
  firewall.options.importFrom(target);
  firewall.rules.importFrom(target);
}
