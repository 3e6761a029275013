// The inventory schema: the one description of the server room that every part of srw reads.
// Field shapes live here; rules that span several entries (unique names, references, addresses
// inside networks) live in references.ts, because zod checks one value at a time.
import { z } from 'zod';
// One validation per process: zod's JIT (new Function per object schema) costs more to compile
// than it saves on a single inventory (srw validate: ~15 ms of its start-up).
z.config({ jitless: true });
import { isIPv4 } from './ipv4.js';
import { callFlowsSchema } from './callflow-schema.js';
import { alertsSchema } from './alerts-schema.js';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected a lower-case name of letters, digits and "-" starting with a letter');

/**
 * `srw synth` (cdktf) reads "${TfToken[…]}", "#{TfToken[…]}" and "&{TfToken[…]}" in any string as
 * a reference to one of its own values: written in the inventory, it would pull another value
 * (a variable reference) into a description, or stop the synth. Everything else Terraform would
 * evaluate ("${…}", "%{…}") is escaped when the stacks are written.
 */
function noCdktfToken(s: string): boolean {
  return !/[$#&]\{TfToken\[/.test(s);
}
const CDKTF_TOKEN_MESSAGE = 'expected text without "${TfToken[", which srw synth (cdktf) would read as one of its own values';

/**
 * Text that reaches a terminal, a config file or a phone's display: no control characters (C0,
 * DEL, C1). An ESC in a department would be an escape sequence on the admin's terminal, a CR or
 * NUL would cut a line of pjsip.conf or cloud-init; none has a use in a name or a label.
 */
const text = z
  .string()
  .regex(/^[^\x00-\x1f\x7f-\x9f]*$/, 'expected text without control characters (ESC, CR, NUL, line breaks, …)')
  .refine(noCdktfToken, CDKTF_TOKEN_MESSAGE);
/** Free text that may span lines (a host's notes in Proxmox): line breaks and tabs, nothing else. */
const notes = z
  .string()
  .regex(/^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$/, 'expected text without control characters other than line breaks and tabs')
  .refine(noCdktfToken, CDKTF_TOKEN_MESSAGE);

const ipv4 = z.string().refine((s) => isIPv4(s), { message: 'expected an IPv4 address such as 10.0.10.5' });

/**
 * One DNS host name or one IPv4 address. pjsip's identify `match=` takes a comma-separated list of
 * addresses and networks, so "x,0.0.0.0/0" would let every source address in as the trunk.
 */
const hostOrAddress = z.string().refine(
  (s) => isIPv4(s) || (s.length <= 253 && /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/.test(s) && !/^[0-9.]+$/.test(s)),
  { message: 'expected one host name or IPv4 address such as sip.operator.pl or 192.0.2.10 (no lists, networks or ports)' },
);

const cidr = z.string().refine(
  (s) => {
    const [addr, len, extra] = s.split('/');
    return extra === undefined && addr !== undefined && isIPv4(addr) && /^\d{1,2}$/.test(len ?? '') && Number(len) <= 32;
  },
  { message: 'expected an IPv4 network in CIDR form such as 10.0.10.0/24' },
);

/** A secret is never written in the inventory, only where to find it at run time. */
export const secretRefSchema = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name') }),
    z.strictObject({
      file: text.min(1),
      /** Name of one KEY=value line in the file; without it the whole file (trimmed) is the secret. */
      key: z.string().regex(/^[A-Za-z0-9_.-]+$/).optional(),
    }),
  ],
  { error: 'expected a secret reference: { env: NAME } or { file: path } (optionally with key: NAME)' },
);

export const siteSchema = z.strictObject({
  name: text.min(1),
  locale: z.enum(['pl', 'en']).default('pl'),
  timezone: text.min(1).default('Europe/Warsaw'),
});

export const proxmoxNodeSchema = z.strictObject({ name, address: ipv4 });

export const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), path: text.optional() }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: text,
    key: text,
    region: text,
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
  }),
  z.strictObject({ type: z.literal('pg'), schemaName: text.optional() }),
  z.strictObject({ type: z.literal('http'), address: z.url({ protocol: /^https?$/ }), lockAddress: z.url({ protocol: /^https?$/ }).optional() }),
]);

export const proxmoxSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/, error: 'expected a URL such as https://pve1:8006/' }),
  /** Self-signed certificates are the norm on fresh PVE installs; say so explicitly. */
  insecure: z.boolean().default(false),
  apiToken: secretRefSchema.describe('API token (user@realm!id=uuid) as a secret reference'),
  /** User the provider's ssh block uses to upload cloud-init snippets. */
  sshUser: text.default('root'),
  nodes: z.array(proxmoxNodeSchema).min(1),
  defaults: z
    .strictObject({
      datastore: text.default('local-lvm'),
      snippetsDatastore: text.default('local'),
      bridge: text.default('vmbr0'),
      /** Cloud image URL downloaded once per node, used when a host names no template. */
      image: text.default('https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2'),
      lxcTemplate: text.default('local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'),
      dns: z.array(ipv4).default([]),
    })
    .prefault({}),
  /** bridge: Linux bridge + VLAN interfaces per node; sdn: an SDN VLAN zone with one vnet per network. */
  networkMode: z.enum(['bridge', 'sdn']).default('bridge'),
  backend: backendSchema.default({ type: 'local' }),
});

export const dhcpRangeSchema = z.strictObject({ start: ipv4, end: ipv4 });

export const networkSchema = z.strictObject({
  name,
  vlan: z.number().int().min(1).max(4094).describe('802.1Q VLAN id'),
  cidr,
  gateway: ipv4,
  dhcp: dhcpRangeSchema.optional(),
  description: text.optional(),
});

export const serviceSchema = z.strictObject({
  port: z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d+(:\d+)?$/)]),
  proto: z.enum(['tcp', 'udp']).default('tcp'),
  /** Network allowed to reach the service; omitted means any source. */
  from: name.optional(),
  comment: text.optional(),
});

export const roleSchema = z.strictObject({
  name,
  description: text.optional(),
  /** Inbound services; everything else inbound is denied by the guest firewall. */
  services: z.array(serviceSchema).default([]),
});

export const diskSchema = z.strictObject({
  size: z.number().int().min(1).max(65536),
  datastore: text.optional(),
});

export const nicSchema = z.strictObject({
  network: name,
  address: z.union([ipv4, z.literal('dhcp')]),
});

export const hostSchema = z.strictObject({
  name,
  kind: z.enum(['vm', 'lxc']),
  node: name.describe('Proxmox node (proxmox.nodes[].name) the guest runs on'),
  vmid: z.number().int().min(100).max(999_999_999),
  role: name.describe('A roles[].name: decides the firewall rules and the resource pool'),
  description: notes.optional(),
  cpu: z.number().int().min(1).max(512).default(2),
  /** MiB */
  memory: z.number().int().min(64).default(2048),
  /** GiB each; the first is the boot disk. */
  disks: z.array(diskSchema).min(1).default([{ size: 20 }]),
  nics: z.array(nicSchema).min(1).describe('Network interfaces: a networks[].name and an address inside it (or dhcp)'),
  tags: z.array(z.string().regex(/^[a-z0-9_-]+$/)).default([]),
  /** Clone from this template VM id instead of booting the default cloud image. */
  template: z.number().int().min(100).optional(),
  startOnBoot: z.boolean().default(true),
  /** A guest that already runs (srw import proxmox writes it): the first plan imports it instead of creating it. */
  adopt: z.boolean().optional().describe('An existing guest: srw plan imports it (Terraform import blocks) instead of creating it'),
  cloudInit: z
    .strictObject({
      user: text.default('admin'),
      sshKeys: z.array(text.regex(/^(ssh-|ecdsa-)/, 'expected an OpenSSH public key')).default([]),
    })
    .prefault({}),
});

export const snmpModuleNames = ['system', 'if_mib', 'entity', 'lldp', 'ups'] as const;

export const snmpSchema = z
  .strictObject({
    version: z.enum(['1', '2c', '3']),
    community: secretRefSchema.optional(),
    user: text.optional(),
    level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).default('authPriv'),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha'),
    authKey: secretRefSchema.optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).default('aes'),
    privKey: secretRefSchema.optional(),
    context: text.optional(),
    port: z.number().int().min(1).max(65535).default(161),
    timeoutMs: z.number().int().min(50).max(60_000).default(2000),
    retries: z.number().int().min(0).max(10).default(1),
    maxRepetitions: z.number().int().min(1).max(200).default(25),
  });

const snmpDevice = {
  name,
  address: ipv4,
  /** Management network the address belongs to (checked when given). */
  network: name.optional(),
  model: text.min(1),
  rack: text.optional(),
  location: text.optional(),
  snmp: snmpSchema.describe('SNMP version and credentials (as secret references), timeout, retries, max-repetitions'),
  /** Seconds between polls. */
  interval: z.number().int().min(1).max(3600).default(30),
};

export const portRoles = ['uplink', 'server', 'phone', 'access'] as const;

/** One switch port the inventory says something about: what it is for, who should be at the
 *  other end (LLDP, checked for drift), and limits for alerts. Ports not listed are unchecked. */
export const switchPortSchema = z.strictObject({
  name: z.string().min(1).describe('The port as the switch names it (ifName: Gi1/0/49, 1/1/5, …)'),
  role: z.enum(portRoles).describe('uplink (to another switch), server, phone, access (a desk: any LLDP neighbour there is a rogue device)'),
  description: z.string().optional(),
  neighbour: z
    .strictObject({
      sysName: z.string().min(1).describe('LLDP system name of the expected neighbour'),
      portId: z.string().min(1).optional().describe('its port, as its LLDP port ID or description names it'),
    })
    .optional()
    .describe('The LLDP neighbour expected on this port; missing or different is reported as drift'),
  thresholds: z
    .strictObject({
      utilisation: z.number().min(0).max(1).optional().describe('ratio of the port speed, 0..1'),
      errorsPerSecond: z.number().min(0).optional(),
      discardsPerSecond: z.number().min(0).optional(),
    })
    .optional(),
});

export const switchSchema = z.strictObject({
  ...snmpDevice,
  modules: z.array(z.enum(snmpModuleNames)).min(1).default(['system', 'if_mib', 'entity', 'lldp']),
  ports: z.array(switchPortSchema).default([]).describe('Ports with a role, an expected LLDP neighbour or alert thresholds'),
});

export const upsSchema = z.strictObject({
  ...snmpDevice,
  modules: z.array(z.enum(snmpModuleNames)).min(1).default(['system', 'ups']),
});

export const amiUserSchema = z.strictObject({ user: z.string().regex(/^[A-Za-z0-9_-]+$/), secret: secretRefSchema });

/** An extension number as written in YAML (201 or "201"), kept as text. */
const extensionNumber = z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(/^\d{2,6}$/, 'expected 2 to 6 digits'));

/** Where calls arriving on a trunk go. Without it the trunk's calls are refused. */
export const inboundSchema = z.strictObject({
  /** Extensions that ring together (first to answer takes the call). */
  ring: z.array(extensionNumber).min(1),
  ringSeconds: z.number().int().min(5).max(300).default(30),
  /** Unanswered calls go to this extension's mailbox (it must have voicemail); omitted: hang up. */
  voicemail: extensionNumber.optional(),
});

export const trunkSchema = z.strictObject({
  name,
  host: hostOrAddress.describe('The operator\'s SIP server: one host name or IPv4 address (it becomes the identify match)'),
  port: z.number().int().min(1).max(65535).default(5060),
  // No spaces or separators: Asterisk refuses a from_user or client URI with them and keeps the old trunk.
  username: z.string().regex(/^[A-Za-z0-9._~+-]+$/, 'expected a SIP user name of letters, digits and . _ ~ + - (Asterisk refuses spaces in it)'),
  secret: secretRefSchema,
  register: z.boolean().default(true),
  inbound: inboundSchema.optional(),
});

/**
 * One pjsip.conf option line `name=value` as Asterisk's GetConfig shows it. Only printable text,
 * no `;` (it starts a comment), no spaces around the value (Asterisk trims them): the line goes
 * into pjsip.conf and into an AMI UpdateConfig header as it is.
 */
const pjsipOption = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_.\/-]+=(?:[^;\s\x00-\x1f\x7f-\x9f](?:[^;\x00-\x1f\x7f-\x9f]*[^;\s\x00-\x1f\x7f-\x9f])?)?$/, 'expected a pjsip.conf option "name=value" without ";", control characters or spaces around the value')
  .refine(noCdktfToken, CDKTF_TOKEN_MESSAGE);
const pjsipObjectName = z.string().regex(/^[A-Za-z0-9_.+-]{1,64}$/, 'expected a pjsip.conf object name of letters, digits and . _ + -');
const noTypeLine = (lines: readonly string[]) => !lines.some((l) => /^type=/i.test(l));
const noSecretLine = (lines: readonly string[]) => !lines.some((l) => /^(password|md5_cred)=/i.test(l));

/**
 * An extension's pjsip.conf objects as they were on the PBX `srw voip import-pbx` read them from:
 * rendered verbatim instead of srw's standard endpoint/auth/aor, so an imported PBX is not
 * rewritten by the next apply. Remove it to let srw write its standard objects.
 */
export const extensionPjsipSchema = z.strictObject({
  /** Every line of the endpoint after `type=endpoint`, in order (repeated names such as `allow` kept). */
  endpoint: z.array(pjsipOption).min(1).max(256).refine(noTypeLine, 'expected the lines after type=endpoint, without another type='),
  /** The auth object's name (default auth<number>). */
  auth: pjsipObjectName.optional(),
  /** The auth's lines after `type=auth`; the bare word `password` stands where the secret goes. Default: auth_type=userpass, username=<number>, password. */
  authOptions: z
    .array(z.union([z.literal('password'), pjsipOption]))
    .max(64)
    .refine(noTypeLine, 'expected the lines after type=auth, without another type=')
    .refine(noSecretLine, 'expected `password` alone where the secret goes: the inventory never holds a password (it is in pbx.secretsFile or the extension\'s secret reference)')
    .refine((l) => l.filter((x) => x === 'password').length === 1, 'expected exactly one `password` line')
    .optional(),
  /** The aor object's name (default: the number). */
  aor: pjsipObjectName.optional(),
  /** The aor's lines after `type=aor`. Default: max_contacts=1, remove_existing=yes, qualify_frequency=30. */
  aorOptions: z.array(pjsipOption).max(64).refine(noTypeLine, 'expected the lines after type=aor, without another type=').optional(),
});

export const extensionSchema = z.strictObject({
  number: extensionNumber,
  name: z
    .string()
    .min(1)
    .max(64)
    // Quotes, semicolons and control characters would break pjsip.conf or the callerid.
    .regex(/^[^";\\\x00-\x1f\x7f-\x9f]+$/, 'expected a display name without quotes, semicolons, backslashes or control characters')
    .refine(noCdktfToken, CDKTF_TOKEN_MESSAGE),
  /** Omitted when not known (an extension imported from a PBX that does not say). */
  department: text.min(1).max(64).optional(),
  voicemail: z.boolean().default(false),
  /** Omitted: srw generates one and keeps it under key sip_<number> in pbx.secretsFile. */
  secret: secretRefSchema.optional(),
  /**
   * Voicemail PIN (4 to 10 digits) as a secret reference; used only with voicemail: true.
   * Omitted: srw generates a 6-digit PIN and keeps it under key vm_<number> in pbx.secretsFile.
   */
  voicemailPin: secretRefSchema.optional().describe('Voicemail PIN (4-10 digits) as a secret reference; omitted: generated under vm_<number> in pbx.secretsFile'),
  pjsip: extensionPjsipSchema.optional().describe("The extension's pjsip.conf objects as found on the PBX by srw voip import-pbx, rendered verbatim; omitted: srw's standard endpoint, auth and aor"),
});

export const pbxSchema = z.strictObject({
  host: name,
  ami: z.strictObject({
    address: ipv4,
    port: z.number().int().min(1).max(65535).default(5038),
    /** Read-only user for status and metrics (least privilege). */
    monitor: amiUserSchema,
    /** Config-changing user that only `srw voip apply` uses. */
    admin: amiUserSchema.optional(),
    /** least-privilege: state from what write=reporting allows; system: PJSIPShow* too (sees secrets). */
    mode: z.enum(['least-privilege', 'system']).default('least-privilege'),
    /** Networks allowed to reach AMI (manager.conf permit); defaults to the PBX's own address. */
    permit: z.array(cidr).default([]),
  }),
  sip: z
    .strictObject({
      transport: z.enum(['udp', 'tcp', 'tls']).default('udp'),
      port: z.number().int().min(1).max(65535).default(5060),
      /** The address SIP listens on; omitted: every address (0.0.0.0), which render and apply warn about. */
      bind: ipv4.optional(),
    })
    .prefault({}),
  extensionRange: z.strictObject({
    // Inclusive bounds; `srw voip ext add` refuses numbers outside them.
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  }),
  /** Where generated SIP secrets are kept (mode 0600), relative to the inventory file. */
  secretsFile: text.default('secrets/pbx.env'),
  /** Hand-written dialplan contexts on the PBX (conference rooms, an IVR, the echo test) that the
   *  phones may dial as well: `include => <context>` in srw's [internal], searched after the extensions. */
  dialplanInclude: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a dialplan context name of letters, digits, "_" and "-"')).default([]),
  trunks: z.array(trunkSchema).default([]),
  extensions: z.array(extensionSchema).default([]),
  /** Where outside calls go: office hours and holidays, IVR menus, ring groups, queues (voip/callflows). */
  callFlows: callFlowsSchema.optional().describe('Call flows: schedules with Polish public holidays, IVR menus, ring groups, queues and the inbound routes of each trunk'),
});

export const auditSchema = z.strictObject({
  gitCommit: z.boolean().default(false).describe('commit each inventory edit srw makes (and its audit log line) when the inventory is in a git repository'),
});

export const inventorySchema = z.strictObject({
  site: siteSchema.describe('The city hall: its name, the language of the dashboard, its time zone'),
  proxmox: proxmoxSchema.optional().describe('The Proxmox VE cluster: API endpoint, token reference, nodes, defaults for new guests (leave it out for an inventory that only monitors)'),
  networks: z.array(networkSchema).default([]).describe('VLANs: name, VLAN id, CIDR, gateway, optional DHCP range'),
  roles: z.array(roleSchema).default([]).describe('What each kind of guest serves; the guest firewall allows only these inbound'),
  hosts: z.array(hostSchema).default([]).describe('VMs and LXC containers, one per service'),
  switches: z.array(switchSchema).default([]).describe('Managed switches polled over SNMP'),
  upses: z.array(upsSchema).default([]).describe('UPSes polled over SNMP (RFC 1628 UPS-MIB or APC PowerNet)'),
  pbx: pbxSchema.optional().describe('The Asterisk PBX: AMI access, SIP transport, trunks and phone extensions'),
  audit: auditSchema.optional().describe('The audit trail (<inventory>.audit.jsonl next to this file, shown by srw history): commit edits to git'),
  alerts: alertsSchema.prefault({}).describe('Alerting rules srw generates: thresholds, for-durations and routing labels (defaults documented per field)'),
});

export type SecretRef = z.infer<typeof secretRefSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Proxmox = z.infer<typeof proxmoxSchema>;
export type ProxmoxNode = z.infer<typeof proxmoxNodeSchema>;
export type Backend = z.infer<typeof backendSchema>;
export type Network = z.infer<typeof networkSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Host = z.infer<typeof hostSchema>;
export type Nic = z.infer<typeof nicSchema>;
export type Disk = z.infer<typeof diskSchema>;
export type SnmpSettings = z.infer<typeof snmpSchema>;
export type SnmpModuleName = (typeof snmpModuleNames)[number];
export type Switch = z.infer<typeof switchSchema>;
export type SwitchPort = z.infer<typeof switchPortSchema>;
export type PortRole = (typeof portRoles)[number];
export type Ups = z.infer<typeof upsSchema>;
/** A switch or a UPS: anything srw polls over SNMP. */
export type SnmpDevice = (Switch & { type: 'switch' }) | (Ups & { type: 'ups' });
export type Pbx = z.infer<typeof pbxSchema>;
export type AmiUser = z.infer<typeof amiUserSchema>;
export type Trunk = z.infer<typeof trunkSchema>;
export type Extension = z.infer<typeof extensionSchema>;
export type ExtensionPjsip = z.infer<typeof extensionPjsipSchema>;
export type Inventory = z.infer<typeof inventorySchema>;
export type { Alerts, AlertKey, UpsAlertThresholds, UpsAlertOverride } from './alerts-schema.js';
export { ALERT_KEYS, ALERT_FOR_DEFAULTS, UPS_ALERT_DEFAULTS } from './alerts-schema.js';
export type { CallFlows, Destination, Schedule, Menu, RingGroup, Queue, InboundRoute, CallCalendar } from './callflow-schema.js';
/** An inventory with a Proxmox section: what `srw synth` provisions. */
export type ProvisionedInventory = Inventory & { proxmox: Proxmox };
/** A monitoring-only inventory (switches, UPSes, a PBX to watch) has no Proxmox section. */
export const isProvisioned = (inv: Inventory): inv is ProvisionedInventory => inv.proxmox !== undefined;
