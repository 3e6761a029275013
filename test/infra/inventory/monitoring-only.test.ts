// Inventories that only watch devices (issue 11, item 12): no Proxmox section, and several
// devices behind one address (an SNMP proxy, port-forwards, a lab) when port or credentials differ.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseInventory } from '../../../infra/inventory/index.js';
import { synthInventory, NothingToSynthError } from '../../../infra/synth/synth.js';
import { renderPrometheusFiles } from '../../../infra/constructs/prometheus-config.js';

const MONITORING_ONLY = `site: { name: Gmina Testowa }
networks:
  - { name: mgmt, vlan: 10, cidr: 10.0.0.0/24, gateway: 10.0.0.1 }
switches:
  # two agents behind one SNMP proxy: told apart by port
  - { name: sw-a, address: 10.0.0.5, network: mgmt, model: HPE 1920, snmp: { version: 2c, community: { env: C } } }
  - { name: sw-b, address: 10.0.0.5, model: HPE 1920, snmp: { version: 2c, community: { env: C }, port: 1161 } }
  # the same agent with another community (another view, as Cisco contexts give)
  - { name: sw-a-vlan20, address: 10.0.0.5, model: HPE 1920, snmp: { version: 2c, community: { env: C20 } } }
  # an L3 switch that is also the gateway
  - { name: core, address: 10.0.0.1, model: Aruba CX, snmp: { version: "3", user: poller, authKey: { env: A }, privKey: { env: P } } }
upses:
  - { name: ups-1, address: 10.0.0.5, model: APC, snmp: { version: "3", user: ups, authKey: { env: A }, privKey: { env: P } } }
pbx:
  host: asterisk
  ami: { address: 10.0.0.60, monitor: { user: srw-monitor, secret: { env: AMI } } }
  extensionRange: { from: 200, to: 299 }
  extensions:
    - { number: 201, name: Anna Kowalska, department: Sekretariat }
`;

const problems = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('a monitoring-only inventory', () => {
  it('needs no proxmox section, and its PBX host need not be an inventory host', () => {
    expect(problems(MONITORING_ONLY)).toEqual([]);
  });

  it('lets devices share an address when port or credentials differ, and the scrape targets stay apart', () => {
    const r = parseInventory(MONITORING_ONLY, 'inventory.yaml');
    if (!r.ok) throw new Error('setup');
    const sd = JSON.parse(renderPrometheusFiles(r.value, { exporterPort: 9116 })['srw-snmp.json']) as { targets: string[] }[];
    expect(sd.map((g) => g.targets[0])).toEqual(['sw-a', 'sw-b', 'sw-a-vlan20', 'core', 'ups-1']);
  });

  it('refuses the same agent twice (address, port and credentials all equal)', () => {
    const twice = MONITORING_ONLY.replace('community: { env: C20 }', 'community: { env: C }');
    expect(problems(twice)).toEqual(['inventory.yaml:9:35 switches[2].address: 10.0.0.5:161 with the same SNMP credentials is already switches[0]: give one of them another port or credentials, or remove it (first at line 6)']);
  });

  it('hosts without a proxmox section are one located problem', () => {
    const withHost = MONITORING_ONLY.replace('switches:\n', 'hosts:\n  - { name: web, kind: vm, node: pve1, vmid: 100, role: web, nics: [{ network: mgmt, address: 10.0.0.9 }] }\nswitches:\n');
    expect(problems(withHost)).toEqual(['inventory.yaml:5:3 hosts: 1 host but no proxmox section to run them on: add proxmox (endpoint, apiToken, nodes) or remove hosts']);
  });

  it('srw synth says there is nothing to provision', () => {
    const r = parseInventory(MONITORING_ONLY, 'inventory.yaml');
    if (!r.ok) throw new Error('setup');
    expect(() => synthInventory(r.value, { outDir: '/nonexistent/out', dryRun: true })).toThrow(NothingToSynthError);
  });
});
