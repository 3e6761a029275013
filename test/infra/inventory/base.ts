// A small valid inventory; each bad-input test changes one thing in it, so the expected
// line numbers below stay easy to check by eye.
export const BASE = `site:
  name: Test City
proxmox:
  endpoint: https://10.0.0.11:8006/
  apiToken: { env: PVE_TOKEN }
  nodes:
    - { name: pve1, address: 10.0.0.11 }
    - { name: pve2, address: 10.0.0.12 }
networks:
  - name: mgmt
    vlan: 10
    cidr: 10.0.0.0/24
    gateway: 10.0.0.1
  - name: services
    vlan: 20
    cidr: 10.0.20.0/24
    gateway: 10.0.20.1
    dhcp: { start: 10.0.20.100, end: 10.0.20.200 }
  - name: voice
    vlan: 40
    cidr: 10.0.40.0/24
    gateway: 10.0.40.1
roles:
  - name: web
    services:
      - { port: 443, from: services }
  - name: pbx
hosts:
  - name: portal
    kind: vm
    node: pve1
    vmid: 101
    role: web
    nics:
      - { network: services, address: 10.0.20.10 }
  - name: pbx
    kind: vm
    node: pve2
    vmid: 102
    role: pbx
    nics:
      - { network: voice, address: 10.0.40.10 }
switches:
  - name: core
    address: 10.0.0.2
    network: mgmt
    model: Aruba CX 6300
    snmp: { version: 2c, community: { env: SNMP_COMMUNITY } }
upses:
  - name: ups-a
    address: 10.0.0.31
    model: APC SMT750
    snmp: { version: "3", user: poller, authKey: { env: A }, privKey: { env: P } }
pbx:
  host: pbx
  ami:
    address: 10.0.40.10
    monitor: { user: srw-monitor, secret: { env: AMI_SECRET } }
  extensionRange: { from: 200, to: 299 }
  extensions:
    - { number: 201, name: Anna Kowalska, department: Sekretariat }
    - { number: 202, name: Marek Nowak, department: Finanse, voicemail: true }
`;

/** Replaces exactly one occurrence of `from`; fails loudly if the base changed under the test. */
export function change(from: string, to: string, text = BASE): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`test setup: "${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
