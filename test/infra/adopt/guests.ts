// The guests of the stand-in cluster, written as Proxmox VE 9 describes them (every config is
// checked against the API schema excerpt by the stand-in), and the bpg/proxmox state the
// stand-in provider returns when Terraform imports them.
import type { StandinGuest } from './pve-standin.js';
import { updateWorld } from '../terraform/world.js';

export const GUESTS: StandinGuest[] = [
  {
    vmid: 101, type: 'qemu', node: 'pve1', name: 'ewidencja', pool: 'app',
    config: {
      name: 'ewidencja', cores: 2, sockets: 1, memory: '4096', scsihw: 'virtio-scsi-single', ostype: 'l26', agent: '1', boot: 'order=scsi0',
      scsi0: 'local-lvm:vm-101-disk-0,iothread=1,size=32G', scsi1: 'ceph-ssd:vm-101-disk-1,iothread=1,size=100G', ide2: 'local-lvm:vm-101-cloudinit,media=cdrom',
      net0: 'virtio=BC:24:11:2E:AA:01,bridge=vmbr0,firewall=1,tag=20', ipconfig0: 'ip=10.20.0.41/24,gw=10.20.0.1',
      onboot: 1, tags: 'app;ewidencja', ciuser: 'admin', description: 'Ewidencja ludności', digest: '5b8c1e0e4a0d2f3b9c7d6e5f4a3b2c1d0e9f8a7b',
    },
  },
  {
    // PVE sends some numbers as strings (bpg's CustomInt exists for this): cores "1", onboot "1".
    vmid: 102, type: 'lxc', node: 'pve1', name: 'archiwum', pool: 'app',
    config: {
      hostname: 'archiwum', cores: '1', memory: 1024, swap: 512, ostype: 'debian', arch: 'amd64', unprivileged: 1, features: 'nesting=1',
      rootfs: 'local-lvm:subvol-102-disk-0,size=8G', mp0: 'local-lvm:subvol-102-disk-1,mp=/srv/archiwum,size=50G',
      net0: 'name=eth0,bridge=vmbr0,firewall=1,gw=10.20.0.1,hwaddr=BC:24:11:5C:00:02,ip=10.20.0.42/24,tag=20,type=veth',
      onboot: '1', digest: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d',
    },
  },
  {
    vmid: 103, type: 'qemu', node: 'pve1', name: 'stary-portal', pool: 'app',
    config: { name: 'stary-portal', cores: 1, memory: '2048', virtio0: 'local-lvm:vm-103-disk-0,size=16G', net0: 'virtio=BC:24:11:00:01:03,bridge=vmbr0,tag=20', ipconfig0: 'ip=10.20.0.43/24', digest: 'aa' },
  },
  {
    vmid: 104, type: 'qemu', node: 'pve1', name: 'WinSrv', pool: 'app',
    config: { name: 'WinSrv', cores: 4, memory: '8192', bios: 'ovmf', efidisk0: 'local-lvm:vm-104-disk-1,efitype=4m,size=4M', scsi0: 'local-lvm:vm-104-disk-0,size=80G', net0: 'e1000=BC:24:11:00:01:04,bridge=vmbr0,tag=20', digest: 'bb' },
  },
  {
    vmid: 105, type: 'qemu', node: 'pve1', name: 'drukarki', pool: 'app',
    config: { name: 'drukarki', cores: 1, memory: '1024', scsi0: 'local-lvm:vm-105-disk-0,size=8G', net0: 'virtio=BC:24:11:00:01:05,bridge=vmbr1', digest: 'cc' },
  },
  { vmid: 110, type: 'qemu', node: 'pve1', name: 'portal', pool: 'web', config: { name: 'portal', cores: 2, memory: '2048', scsi0: 'local-lvm:vm-110-disk-0,size=20G', net0: 'virtio=BC:24:11:00:01:10,bridge=vmbr0,tag=20', digest: 'dd' } },
  { vmid: 9000, type: 'qemu', node: 'pve1', name: 'debian-12-tpl', template: 1, config: { name: 'debian-12-tpl', template: 1, scsi0: 'local-lvm:base-9000-disk-0,size=2G', digest: 'ee' } },
];

/**
 * What bpg 0.111.1 reads back after `terraform import` of the adopted guests, as far as the
 * stand-in compares it (replace-rules.ts): the guest's id is its VM id; a container's pool,
 * OS template and user account are not read from Proxmox (container.go containerRead), so they
 * are empty; disks keep their volume's datastore.
 */
export function seedAdoptedGuests(world: string): void {
  updateWorld(world, (w) => {
    w.objects.push(
      {
        type: 'proxmox_virtual_environment_vm', id: '101', importId: 'pve1/101',
        state: { id: '101', vm_id: 101, node_name: 'pve1', name: 'ewidencja', on_boot: true, tags: ['app', 'ewidencja'], cpu: [{ cores: 2, sockets: 1 }], memory: [{ dedicated: 4096 }], disk: [{ interface: 'scsi0', datastore_id: 'local-lvm', size: 32, file_id: '' }, { interface: 'scsi1', datastore_id: 'ceph-ssd', size: 100, file_id: '' }] },
      },
      {
        type: 'proxmox_virtual_environment_container', id: '102', importId: 'pve1/102',
        state: { id: '102', vm_id: 102, node_name: 'pve1', pool_id: '', unprivileged: true, start_on_boot: true, disk: [{ datastore_id: 'local-lvm', size: 8 }], mount_point: [{ volume: 'local-lvm:subvol-102-disk-1', path: '/srv/archiwum', size: '50G' }], operating_system: [{ type: 'debian' }], initialization: [{ hostname: 'archiwum', user_account: [] }] },
      },
      ...['vm/pve1/101', 'container/pve1/102'].flatMap((id) => [
        { type: 'proxmox_virtual_environment_firewall_options', id, importId: id, state: { id, node_name: 'pve1', ...(id.startsWith('vm') ? { vm_id: 101 } : { container_id: 102 }), enabled: false } },
        { type: 'proxmox_virtual_environment_firewall_rules', id, importId: id, state: { id, node_name: 'pve1', ...(id.startsWith('vm') ? { vm_id: 101 } : { container_id: 102 }), rule: [] } },
      ]),
    );
  });
}

/** The inventory the import tests start from: one host written by hand, comments to keep. */
export const INVENTORY = `# Gmina testowa: the cluster before srw
site: { name: Gmina testowa }
proxmox:
  endpoint: https://127.0.0.1:8006/
  apiToken: { env: PROXMOX_VE_API_TOKEN }
  nodes: [{ name: pve1, address: 10.1.0.11 }]
networks:
  - { name: services, vlan: 20, cidr: 10.20.0.0/24, gateway: 10.20.0.1 }   # e-services
roles:
  - { name: app, services: [{ port: 8080, proto: tcp }] }
  - { name: web, services: [{ port: 443, proto: tcp }] }
hosts:
  - name: portal             # already described by hand
    kind: vm
    node: pve1
    vmid: 110
    role: web
    nics: [{ network: services, address: 10.20.0.10 }]

# --- switches come later ---
`;
