import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadInventory, parseInventory } from '../../../infra/inventory/index.js';
import { BASE, change } from './base.js';
import { badCases } from './cases.js';

const messages = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('parseInventory', () => {
  it('accepts the base inventory and fills in defaults', () => {
    const r = parseInventory(BASE, 'inventory.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inv = r.value;
    expect(inv.site.locale).toBe('pl');
    expect(inv.hosts[0]?.cpu).toBe(2);
    expect(inv.hosts[0]?.disks).toEqual([{ size: 20 }]);
    expect(inv.switches[0]?.modules).toEqual(['system', 'if_mib', 'entity', 'lldp']);
    expect(inv.upses[0]?.modules).toEqual(['system', 'ups']);
    expect(inv.pbx?.extensions.map((e) => e.number)).toEqual(['201', '202']);
    expect(inv.pbx?.ami.port).toBe(5038);
  });

  it.each(badCases)('$name', ({ text, expected }) => {
    expect(messages(text)).toEqual(expected);
  });

  it('reports five different mistakes in one file as five located errors', () => {
    let text = change('vmid: 102', 'vmid: 101');
    text = change('{ network: voice, address: 10.0.40.10 }', '{ network: voise, address: 10.0.40.10 }', text);
    text = change('vlan: 20', 'vlan: 5000', text);
    text = change('number: 202', 'number: 302', text);
    text = change('version: 2c', 'version: 4', text);
    const got = messages(text);
    expect(got).toEqual([
      'inventory.yaml:15:11 networks[1].vlan: expected a value <= 4094, found number 5000',
      'inventory.yaml:39:11 hosts[1].vmid: VM id 101 is already used by "portal" (first at line 32)',
      'inventory.yaml:42:20 hosts[1].nics[0].network: unknown network "voise" (did you mean "voice"? known: mgmt, voice)',
      'inventory.yaml:48:22 switches[0].snmp.version: expected one of "1", "3", "2c", found number 4',
      'inventory.yaml:62:17 pbx.extensions[1].number: extension 302 is outside the PBX range 200–299',
    ]);
  });

  it('finds a second mistake in an entry whose first mistake failed the schema', () => {
    // host pbx: a bad kind (schema) and the VM id of portal (cross-check), both in one entry
    let text = change('    kind: vm\n    node: pve2', '    kind: docker\n    node: pve2');
    text = change('vmid: 102', 'vmid: 101', text);
    text = change('address: 10.0.40.10 }', 'address: 10.0.41.10 }', text);
    expect(messages(text)).toEqual([
      'inventory.yaml:37:11 hosts[1].kind: expected one of "vm", "lxc", found "docker"',
      'inventory.yaml:39:11 hosts[1].vmid: VM id 101 is already used by "portal" (first at line 32)',
      'inventory.yaml:42:36 hosts[1].nics[0].address: address 10.0.41.10 is not inside network voice (10.0.40.0/24)',
    ]);
  });

  it('does not report references to an entry that itself failed the schema', () => {
    // "services" has a bad VLAN id; the host on it must not also be told "unknown network".
    const got = messages(change('vlan: 20', 'vlan: 0'));
    expect(got).toEqual(['inventory.yaml:15:11 networks[1].vlan: expected a value >= 1, found number 0']);
  });
});

describe('loadInventory: the file itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srw-inv-'));
  const cases = [
    { name: 'missing file', setup: () => join(dir, 'nope.yaml'), message: 'no such file (pass --inventory FILE or set SRW_INVENTORY)' },
    { name: 'a directory', setup: () => (mkdirSync(join(dir, 'd.yaml')), join(dir, 'd.yaml')), message: 'is a directory, expected an inventory YAML file' },
    { name: 'empty file', setup: () => (writeFileSync(join(dir, 'e.yaml'), ''), join(dir, 'e.yaml')), message: 'the file is empty, expected an inventory with at least site (and proxmox, switches, upses or pbx)' },
    { name: 'a device, not a file', setup: () => '/dev/zero', message: 'is not a regular file, expected an inventory YAML file' },
    { name: 'larger than any inventory', setup: () => (writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(9 * 1024 * 1024, 0x20)), join(dir, 'big.yaml')), message: 'the file is 9 MB; an inventory larger than 8 MB is not read' },
    { name: 'only comments', setup: () => (writeFileSync(join(dir, 'c.yaml'), '# nothing yet\n\n# really\n'), join(dir, 'c.yaml')), message: 'the file is empty, expected an inventory with at least site (and proxmox, switches, upses or pbx)' },
  ];
  it.each(cases)('$name gets one clear line', ({ setup, message }) => {
    const file = setup();
    const r = loadInventory(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([`${file}: ${message}`]);
  });

  it('loads the bundled example', () => {
    const r = loadInventory('examples/starachowice.yaml');
    expect(r.ok ? 'ok' : r.problems.map(formatProblem)).toBe('ok');
    if (!r.ok) return;
    expect(r.value.inventory.proxmox?.nodes).toHaveLength(3);
    expect(r.value.inventory.switches).toHaveLength(6);
    expect(r.value.inventory.upses).toHaveLength(2);
    expect(r.value.inventory.pbx?.extensions.length).toBeGreaterThanOrEqual(35);
    expect(r.value.inventory.networks.map((n) => n.name)).toEqual(['mgmt', 'services', 'dmz', 'voice', 'backup']);
  });
});
