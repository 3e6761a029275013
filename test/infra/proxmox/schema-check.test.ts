import { describe, expect, it } from 'vitest';
import { checkTerraformJson, loadProviderSchema } from '../../../infra/proxmox/schema-check.js';
import { ProxmoxVm } from '../../../infra/constructs/vm.js';
import { guestSite } from '../../../infra/constructs/guest-site.js';
import { example } from '../inventories.js';
import { synthScope } from '../synth-json.js';

const schema = loadProviderSchema();
const inv = example();

/** A real synthesized VM to break in one place per case. */
function vmDoc(): any {
  const host = inv.hosts.find((h) => h.name === 'db')!;
  return synthScope((s) => new ProxmoxVm(s, 'vm', { host, site: guestSite(inv), imageFileId: 'cephfs:iso/d.img' }));
}
const theVm = (doc: any) => Object.values(doc.resource.proxmox_virtual_environment_vm)[0] as any;
const codes = (doc: any) => checkTerraformJson(doc, schema).map((f) => [f.code, f.path.replace(/^resource\.proxmox_virtual_environment_vm\.[^.]+\./, '')]);

describe('schema checker', () => {
  it('passes the VM as synthesized', () => {
    expect(checkTerraformJson(vmDoc(), schema)).toEqual([]);
  });

  it.each([
    { what: 'a misspelt attribute', edit: (vm: any) => (vm.memory.dedicatd = 1024), expected: [['unknown-attribute', 'memory.dedicatd']] },
    { what: 'a string where a number belongs', edit: (vm: any) => (vm.disk[1].size = '500G'), expected: [['wrong-type', 'disk[1].size']] },
    { what: 'a missing required attribute', edit: (vm: any) => delete vm.node_name, expected: [['missing-required', 'node_name']] },
    { what: 'a missing required attribute in a block', edit: (vm: any) => delete vm.disk[0].interface, expected: [['missing-required', 'disk[0].interface']] },
    { what: 'a network_device object without all fields', edit: (vm: any) => delete vm.network_device[0].mtu, expected: [['missing-required', 'network_device[0].mtu']] },
    { what: 'two blocks where at most one is allowed', edit: (vm: any) => (vm.cpu = [{ cores: 1 }, { cores: 2 }]), expected: [['item-count', 'cpu']] },
    { what: 'a read-only attribute', edit: (vm: any) => (vm.ipv4_addresses = [['10.0.0.1']]), expected: [['read-only', 'ipv4_addresses']] },
    { what: 'a scalar where a block belongs', edit: (vm: any) => (vm.agent = true), expected: [['wrong-nesting', 'agent']] },
  ])('catches $what', ({ edit, expected }) => {
    const doc = vmDoc();
    edit(theVm(doc));
    expect(codes(doc)).toEqual(expected);
  });

  it('accepts Terraform expressions and explicit nulls for any type', () => {
    const doc = vmDoc();
    theVm(doc).vm_id = '${var.vmid}';
    theVm(doc).description = null;
    expect(checkTerraformJson(doc, schema)).toEqual([]);
  });

  it('reports an unknown type, and a deprecated alias as a warning', () => {
    const findings = checkTerraformJson(
      { resource: { proxmox_virtual_enviroment_vm: { x: {} }, proxmox_virtual_environment_download_file: { y: { node_name: 'pve1', datastore_id: 'local', content_type: 'iso', url: 'https://x/y.img' } } } },
      schema,
    );
    expect(findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['unknown-type', 'error', 'resource.proxmox_virtual_enviroment_vm'],
      ['deprecated', 'warning', 'resource.proxmox_virtual_environment_download_file'],
    ]);
  });

  it('checks the provider block too', () => {
    const findings = checkTerraformJson({ provider: { proxmox: [{ endpoint: 'https://pve:8006/', ssh: [{ node: [{ name: 'pve1' }] }] }] } }, schema);
    expect(findings.map((f) => [f.code, f.path])).toEqual([['missing-required', 'provider.proxmox[0].ssh[0].node[0].address']]);
  });
});
