// Derives pve-api-schema.json from the Proxmox VE API viewer's data (pve-docs api-viewer/
// apidata.js, AGPL-3.0-or-later): the GET entries of the three paths srw import proxmox reads,
// with only the properties the stand-in serves and srw reads. Run from the repository root:
//   node cli/bin/run-ts.js test/infra/adopt/pve-api/extract.ts /path/to/apidata.js > test/infra/adopt/pve-api/pve-api-schema.json
import { readFileSync } from 'node:fs';

type Node = { path: string; info?: Record<string, { parameters?: unknown; returns?: { properties?: Record<string, unknown>; items?: unknown } } & Record<string, unknown>>; children?: Node[] };

const KEEP: Record<string, readonly string[] | 'all'> = {
  '/cluster/resources': 'all',
  '/nodes/{node}/qemu/{vmid}/config': [
    'name', 'cores', 'sockets', 'memory', 'net[n]', 'scsi[n]', 'virtio[n]', 'sata[n]', 'ide[n]', 'ipconfig[n]', 'onboot', 'tags', 'description', 'template',
    'ciuser', 'sshkeys', 'nameserver', 'digest', 'efidisk0', 'tpmstate0', 'hostpci[n]', 'usb[n]', 'bios', 'agent', 'ostype', 'scsihw', 'boot', 'cpu', 'unused[n]', 'vmgenid', 'smbios1', 'meta',
  ],
  '/nodes/{node}/lxc/{vmid}/config': ['hostname', 'cores', 'memory', 'swap', 'rootfs', 'mp[n]', 'net[n]', 'onboot', 'tags', 'description', 'template', 'unprivileged', 'ostype', 'arch', 'features', 'nameserver', 'digest', 'unused[n]'],
};

const src = readFileSync(process.argv[2]!, 'utf8').replace(/^[^[]*/, '').replace(/;\s*$/, '');
const index = new Map<string, Node>();
const walk = (ns: Node[]) => ns.forEach((n) => (index.set(n.path, n), n.children && walk(n.children)));
walk(JSON.parse(src) as Node[]);

const paths: Record<string, unknown> = {};
for (const [path, keep] of Object.entries(KEEP)) {
  const get = index.get(path)?.info?.GET;
  if (!get) throw new Error(`no GET ${path} in the API schema`);
  const returns = get.returns!;
  const props = returns.properties;
  const trimmed = keep === 'all' || !props ? returns : { ...returns, properties: Object.fromEntries(keep.filter((k) => k in props).map((k) => [k, props[k]])) };
  paths[path] = { GET: { method: 'GET', name: get.name, description: get.description, parameters: get.parameters, permissions: get.permissions, returns: trimmed } };
}
process.stdout.write(JSON.stringify({ source: 'proxmox/pve-docs api-viewer/apidata.js', paths }, null, 1) + '\n');
