// One row per class of mistake: the change to the base inventory and the exact located
// message(s) a user must see.
import { BASE, change } from './base.js';

export type BadCase = { name: string; text: string; expected: string[] };

const c = (name: string, text: string, ...expected: string[]): BadCase => ({ name, text, expected });

export const badCases: BadCase[] = [
  // --- YAML and file shape
  c('YAML syntax error', change('    vlan: 20\n', '    vlan: [20\n'), 'inventory.yaml:16:5: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]'),
  c('top level is a list', '- site\n- proxmox\n', 'inventory.yaml:1:1: expected a mapping with site, proxmox, networks, hosts, …'),
  c('YAML alias with no anchor', change('  name: Test City', '  name: *city'), 'inventory.yaml:2:9: YAML alias *city names no anchor (write &city on a value above it, or write the value out)'),
  c(
    'YAML alias bomb',
    change('site:\n', 'x0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nx3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nsite:\n'),
    'inventory.yaml:4:9: YAML alias *c expands too many times (more than 100 copies of aliased values, as an "alias bomb" does); write the values out',
  ),
  c('duplicate key in a mapping', change('    vlan: 10\n', '    vlan: 10\n    vlan: 11\n'), 'inventory.yaml:12:5: YAML syntax: Map keys must be unique'),
  // --- schema: required, types, enums, ranges, formats, unknown fields
  c('missing site', change('site:\n  name: Test City\n', ''), 'inventory.yaml:1:1 site: required field "site" is missing (expected object)'),
  c('missing proxmox nodes', change('  nodes:\n    - { name: pve1, address: 10.0.0.11 }\n    - { name: pve2, address: 10.0.0.12 }\n', ''), 'inventory.yaml:4:3 proxmox.nodes: required field "nodes" is missing (expected array)'),
  c('empty node list', change('  nodes:\n    - { name: pve1, address: 10.0.0.11 }\n    - { name: pve2, address: 10.0.0.12 }\n', '  nodes: []\n'), 'inventory.yaml:6:10 proxmox.nodes: expected number of entries >= 1, found 0'),
  c('endpoint not a URL', change('https://10.0.0.11:8006/', 'pve1:8006'), 'inventory.yaml:4:13 proxmox.endpoint: expected a URL such as https://pve1:8006/, found "pve1:8006"'),
  c('VLAN id out of range', change('vlan: 20', 'vlan: 4095'), 'inventory.yaml:15:11 networks[1].vlan: expected a value <= 4094, found number 4095'),
  c('VLAN id as text', change('vlan: 20', 'vlan: twenty'), 'inventory.yaml:15:11 networks[1].vlan: expected number, found "twenty"'),
  c('CIDR without prefix', change('cidr: 10.0.20.0/24', 'cidr: 10.0.20.0'), 'inventory.yaml:16:11 networks[1].cidr: expected an IPv4 network in CIDR form such as 10.0.10.0/24, found "10.0.20.0"'),
  c('bad IPv4 address', change('address: 10.0.20.10 }', 'address: 10.0.20.300 }'), 'inventory.yaml:35:39 hosts[0].nics[0].address: expected an IPv4 address such as 10.0.10.5, found "10.0.20.300"'),
  c('unknown host kind', change('    kind: vm\n    node: pve1', '    kind: docker\n    node: pve1'), 'inventory.yaml:30:11 hosts[0].kind: expected one of "vm", "lxc", found "docker"'),
  c('vmid below 100', change('vmid: 101', 'vmid: 42'), 'inventory.yaml:32:11 hosts[0].vmid: expected a value >= 100, found number 42'),
  c('vmid not whole', change('vmid: 101', 'vmid: 101.5'), 'inventory.yaml:32:11 hosts[0].vmid: expected a whole number, found number 101.5'),
  c('misspelt field gets a suggestion', change('    vlan: 40\n', '    vlna: 40\n'), 'inventory.yaml:20:5 networks[2].vlna: unknown field "vlna" (did you mean "vlan"?)'),
  c('unknown field lists the allowed ones', change('    vlan: 40\n', '    vlan: 40\n    colour: blue\n'), 'inventory.yaml:21:5 networks[2].colour: unknown field "colour" (expected one of: name, vlan, cidr, gateway, dhcp, description)'),
  c('bad name', change('  - name: portal', '  - name: Portal_1'), 'inventory.yaml:29:11 hosts[0].name: expected a lower-case name of letters, digits and "-" starting with a letter, found "Portal_1"'),
  c('secret written in clear', change('apiToken: { env: PVE_TOKEN }', 'apiToken: root@pam!srw=1234'), 'inventory.yaml:5:13 proxmox.apiToken: expected a secret reference: { env: NAME } or { file: path } (optionally with key: NAME), found "root@pam!srw=1234"'),
  c('SNMP version unknown', change('version: 2c', 'version: 4'), 'inventory.yaml:48:22 switches[0].snmp.version: expected one of "1", "3", "2c", found number 4'),
  c('extension number with letters', change('number: 201', 'number: 20a'), 'inventory.yaml:61:17 pbx.extensions[0].number: expected 2 to 6 digits, found "20a"'),
  c('display name with a quote', change('name: Anna Kowalska', 'name: Anna "Ania" Kowalska'), 'inventory.yaml:61:28 pbx.extensions[0].name: expected a display name without quotes, semicolons, backslashes or control characters, found "Anna \\"Ania\\" Kowalska"'),
  c('escape sequence in a department', change('department: Sekretariat', 'department: "Sekretariat\\e[2J\\e]8;;http://x\\a"'), 'inventory.yaml:61:55 pbx.extensions[0].department: expected text without control characters (ESC, CR, NUL, line breaks, …), found "Sekretariat\\u001b[2J\\u001b]8;;http://x\\u0007"'),
  c('carriage return in a switch model', change('model: Aruba CX 6300', 'model: "Aruba\\rCX"'), 'inventory.yaml:47:12 switches[0].model: expected text without control characters (ESC, CR, NUL, line breaks, …), found "Aruba\\rCX"'),
  ...['x,0.0.0.0/0', '0.0.0.0/0', 'sip.example.invalid:5060', '10.0.0.300', 'a b', '-sip.example', 'sip..example'].map((host) =>
    c(
      `trunk host ${host}`,
      change('  extensionRange: { from: 200, to: 299 }\n', `  extensionRange: { from: 200, to: 299 }\n  trunks:\n    - { name: op, host: "${host}", username: u, secret: { env: T } }\n`),
      `inventory.yaml:61:25 pbx.trunks[0].host: expected one host name or IPv4 address such as sip.operator.pl or 192.0.2.10 (no lists, networks or ports), found "${host}"`,
    ),
  ),
  c('cdktf token syntax in a description', change('  - name: web\n', '  - name: web\n    description: "${TfToken[TOKEN.99999]}"\n'), 'inventory.yaml:25:18 roles[0].description: expected text without "${TfToken[", which srw synth (cdktf) would read as one of its own values, found "${TfToken[TOKEN.99999]}"'),
  // --- cross-checks: uniqueness
  c('duplicate host name', change('  - name: pbx\n    kind: vm', '  - name: portal\n    kind: vm'), 'inventory.yaml:36:11 hosts[1].name: host name portal is already used (first at line 29)', 'inventory.yaml:55:9 pbx.host: unknown host "pbx" (known: portal)'),
  c('duplicate VM id', change('vmid: 102', 'vmid: 101'), 'inventory.yaml:39:11 hosts[1].vmid: VM id 101 is already used by "portal" (first at line 32)'),
  c('duplicate VLAN id', change('vlan: 40', 'vlan: 20'), 'inventory.yaml:20:11 networks[2].vlan: VLAN id 20 is already used by "services" (first at line 15)'),
  c('duplicate IP address', change('address: 10.0.20.10 }', 'address: 10.0.20.1 }'), 'inventory.yaml:17:14 networks[1].gateway: address 10.0.20.1 is already used by hosts[0].nics[0].address (first at line 35)'),
  c('duplicate extension number', change('number: 202', 'number: 201'), 'inventory.yaml:62:17 pbx.extensions[1].number: extension 201 is already used by "Anna Kowalska" (first at line 61)'),
  c('switch and UPS share a name', change('  - name: ups-a', '  - name: core'), 'inventory.yaml:50:11 upses[0].name: device name core is already used (first at line 44)'),
  // --- cross-checks: references
  c('unknown node', change('node: pve2', 'node: pve3'), 'inventory.yaml:38:11 hosts[1].node: unknown node "pve3" (did you mean "pve1"? known: pve1, pve2)'),
  c('unknown network on a NIC', change('{ network: voice, address: 10.0.40.10 }', '{ network: voise, address: 10.0.40.10 }'), 'inventory.yaml:42:20 hosts[1].nics[0].network: unknown network "voise" (did you mean "voice"? known: mgmt, services, voice)'),
  c('unknown role', change('role: web\n    nics', 'role: www\n    nics'), 'inventory.yaml:33:11 hosts[0].role: unknown role "www" (known: web, pbx)'),
  c('unknown PBX host', change('  host: pbx\n', '  host: asterisk\n'), 'inventory.yaml:55:9 pbx.host: unknown host "asterisk" (known: portal, pbx)'),
  c('role service from an unknown network', change('from: services }', 'from: dmz }'), 'inventory.yaml:26:28 roles[0].services[0].from: unknown network "dmz" (known: mgmt, services, voice)'),
  // --- cross-checks: addresses and ranges
  c('address outside its network', change('address: 10.0.20.10 }', 'address: 10.0.21.10 }'), 'inventory.yaml:35:39 hosts[0].nics[0].address: address 10.0.21.10 is not inside network services (10.0.20.0/24)'),
  c('address is the broadcast address', change('address: 10.0.20.10 }', 'address: 10.0.20.255 }'), 'inventory.yaml:35:39 hosts[0].nics[0].address: address 10.0.20.255 is the broadcast address of services (10.0.20.0/24), not a host address'),
  c('gateway outside the CIDR', change('gateway: 10.0.40.1', 'gateway: 10.0.41.1'), 'inventory.yaml:22:14 networks[2].gateway: gateway 10.0.41.1 is not a host address in 10.0.40.0/24'),
  c('CIDR with host bits', change('cidr: 10.0.40.0/24', 'cidr: 10.0.40.7/24'), 'inventory.yaml:21:11 networks[2].cidr: 10.0.40.7/24 has host bits set; write the network address'),
  c('DHCP range outside the network', change('end: 10.0.20.200', 'end: 10.0.21.200'), 'inventory.yaml:18:38 networks[1].dhcp.end: DHCP end 10.0.21.200 is outside 10.0.20.0/24'),
  c('DHCP range reversed', change('start: 10.0.20.100, end: 10.0.20.200', 'start: 10.0.20.200, end: 10.0.20.100'), 'inventory.yaml:18:11 networks[1].dhcp: DHCP range starts (10.0.20.200) after it ends (10.0.20.100)'),
  c('switch outside its management network', change('address: 10.0.0.2\n', 'address: 10.0.1.2\n'), 'inventory.yaml:45:14 switches[0].address: address 10.0.1.2 is not inside network mgmt (10.0.0.0/24)'),
  c('extension outside the PBX range', change('number: 202', 'number: 302'), 'inventory.yaml:62:17 pbx.extensions[1].number: extension 302 is outside the PBX range 200–299'),
  c('extension range reversed', change('{ from: 200, to: 299 }', '{ from: 299, to: 200 }'), 'inventory.yaml:59:19 pbx.extensionRange: extension range starts (299) after it ends (200)'),
  c(
    'inbound route to unknown extensions and to a phone without voicemail',
    change('  extensionRange: { from: 200, to: 299 }\n', '  extensionRange: { from: 200, to: 299 }\n  trunks:\n    - { name: op, host: sip.example.invalid, username: u, secret: { env: T }, inbound: { ring: [201, 2002, 250], voicemail: 201 } }\n'),
    'inventory.yaml:61:102 pbx.trunks[0].inbound.ring[1]: unknown extension 2002 (did you mean 202?)',
    'inventory.yaml:61:108 pbx.trunks[0].inbound.ring[2]: unknown extension 250',
    'inventory.yaml:61:125 pbx.trunks[0].inbound.voicemail: extension 201 (Anna Kowalska) has no voicemail: set voicemail: true on it or pick another mailbox',
  ),
  c(
    'dialplanInclude naming a context srw writes',
    change('  extensionRange: { from: 200, to: 299 }\n', '  extensionRange: { from: 200, to: 299 }\n  dialplanInclude: [conference, internal]\n'),
    'inventory.yaml:60:33 pbx.dialplanInclude[1]: "internal" is a context srw writes itself; include only contexts written by hand on the PBX',
  ),
  // --- cross-checks: SNMP settings
  c('v2c without community', change('snmp: { version: 2c, community: { env: SNMP_COMMUNITY } }', 'snmp: { version: 2c }'), 'inventory.yaml:48:11 switches[0].snmp: SNMP v2c needs a community (a secret reference)'),
  c('v3 authPriv without privKey', change(', privKey: { env: P } }', ' }'), 'inventory.yaml:53:11 upses[0].snmp: SNMPv3 level authPriv needs privKey (a secret reference)'),
  c('timeout longer than the poll interval', change('snmp: { version: 2c, community: { env: SNMP_COMMUNITY } }', 'snmp: { version: 2c, community: { env: SNMP_COMMUNITY }, timeoutMs: 20000, retries: 2 }\n    interval: 30'), 'inventory.yaml:48:73 switches[0].snmp.timeoutMs: timeout 20000 ms × 3 tries is longer than the 30 s poll interval'),
];
