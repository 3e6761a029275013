// Debian's prometheus-snmp-exporter 0.21 as the yardstick (snmp-lab.md §4). Debian ships no
// usable snmp.yml and no IETF MIBs, so the standard if_mib module is generated at test time with
// Debian's prometheus-snmp-generator from the MIBs inside node_modules/net-snmp.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LAB_COMMUNITY, LAB_V3 } from './credentials.js';
import { freeTcpPort, repoRoot, startOnFreePort } from './process.js';
import { recordingStems, snmprecDir, type LabPeer } from './snmpsim.js';

export type SnmpExporterPeer = LabPeer & { url: string; configFile: string; modules: string[]; pid: number; tempDir: string };

// RFC1213-MIB is left out on purpose: it redefines ifType/ifOperStatus with the old enum names
// and the module would no longer match upstream's if_mib.
const MIBS = ['SNMPv2-SMI', 'SNMPv2-TC', 'SNMPv2-CONF', 'SNMPv2-MIB', 'IF-MIB', 'IANAifType-MIB'];

/** The body of upstream's if_mib generator module (same as Debian's example generator.yml). */
const IF_MIB_BODY = `    walk: [sysUpTime, interfaces, ifXTable]
    lookups:
      - source_indexes: [ifIndex]
        lookup: ifAlias
      - source_indexes: [ifIndex]
        lookup: 1.3.6.1.2.1.2.2.1.2 # ifDescr
      - source_indexes: [ifIndex]
        lookup: 1.3.6.1.2.1.31.1.1.1.1 # ifName
    overrides:
      ifAlias:
        ignore: true
      ifDescr:
        ignore: true
      ifName:
        ignore: true
      ifType:
        type: EnumAsInfo
`;

function moduleYaml(name: string, auth: string[]): string {
  return `  ${name}:\n${IF_MIB_BODY}${auth.map((l) => `    ${l}\n`).join('')}`;
}

/** generator.yml: if_mib (labcommunity), if_mib_v3 (labv3) and if_mib_<stem> per recording. */
export function generatorYaml(stems: string[], extraCommunities: string[] = []): string {
  const modules = [
    moduleYaml('if_mib', ['version: 2', 'auth:', `  community: ${LAB_COMMUNITY}`]),
    moduleYaml('if_mib_v3', [
      'version: 3',
      'auth:',
      `  username: ${LAB_V3.user}`,
      '  security_level: authPriv',
      `  password: ${LAB_V3.authKey}`,
      '  auth_protocol: SHA',
      '  priv_protocol: AES',
      `  priv_password: ${LAB_V3.privKey}`,
    ]),
    ...[...stems, ...extraCommunities].map((s) => moduleYaml(`if_mib_${s}`, ['version: 2', 'auth:', `  community: ${s}`])),
  ];
  return `modules:\n${modules.join('')}`;
}

const generated = new Map<string, string>();

/** Generates snmp.yml once per process (per set of communities) and returns its text. */
export function generateSnmpYml(extraCommunities: string[] = []): string {
  const key = extraCommunities.join(',');
  const cached = generated.get(key);
  if (cached !== undefined) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'srw-snmpgen-'));
  try {
    const mibDir = join(dir, 'mibs');
    mkdirSync(mibDir);
    const source = resolve(repoRoot, 'node_modules/net-snmp/lib/mibs');
    for (const m of MIBS) copyFileSync(join(source, `${m}.mib`), join(mibDir, `${m}.txt`));
    let stems: string[] = [];
    try {
      stems = recordingStems(snmprecDir());
    } catch {
      // no recordings available: the if_mib and if_mib_v3 modules still work against snmpd48
    }
    writeFileSync(join(dir, 'generator.yml'), generatorYaml(stems, extraCommunities));
    const r = spawnSync('prometheus-snmp-generator', ['--fail-on-parse-errors', 'generate'], {
      cwd: dir,
      env: { ...process.env, MIBDIRS: mibDir },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`prometheus-snmp-generator failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const text = readFileSync(join(dir, 'snmp.yml'), 'utf8');
    generated.set(key, text);
    return text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts prometheus-snmp-exporter on an ephemeral loopback port.
 * `extraCommunities` adds if_mib_<community> modules (e.g. for the simulated lab devices).
 */
export async function startSnmpExporter(opts: { extraCommunities?: string[]; timeoutMs?: number } = {}): Promise<SnmpExporterPeer> {
  const yml = generateSnmpYml(opts.extraCommunities ?? []);
  const tmp = mkdtempSync(join(tmpdir(), 'srw-exporter-'));
  const configFile = join(tmp, 'snmp.yml');
  writeFileSync(configFile, yml);
  const modules = Object.keys(parseYaml(yml) as Record<string, unknown>);
  const daemon = await startOnFreePort({
    what: 'snmp_exporter',
    command: 'prometheus-snmp-exporter',
    args: (port) => [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`],
    freePort: freeTcpPort,
    ready: async (port) => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/metrics`)).ok;
      } catch {
        return false;
      }
    },
    tempDir: tmp,
    timeoutMs: opts.timeoutMs ?? 15_000,
  });
  return { port: daemon.port, url: `http://127.0.0.1:${daemon.port}`, configFile, modules, pid: daemon.pid, tempDir: tmp, stop: daemon.stop };
}
