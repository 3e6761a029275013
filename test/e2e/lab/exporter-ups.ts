// Debian's prometheus-snmp-exporter 0.21 with UPS modules (snmp-ups.yml: upstream's apcups and an
// RFC 1628 module, generated from the MIBs once and kept here because the MIBs are not): one
// module per agent community, `<module>_<community>`, as 0.21 keeps the auth in the module.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { freeTcpPort, repoRoot, startOnFreePort } from './process.js';
import type { LabPeer } from './snmpsim.js';

export type UpsModule = 'apcups' | 'rfc1628_ups';
export type UpsExporterPeer = LabPeer & { url: string; module: (base: UpsModule, community: string) => string };

const moduleName = (base: UpsModule, community: string) => `${base}_${community.replace(/[^A-Za-z0-9_]/g, '_')}`;

export async function startUpsSnmpExporter(targets: { module: UpsModule; community: string }[]): Promise<UpsExporterPeer> {
  // Maps, not objects: enum_values have integer keys, which snmp_exporter will not read as strings.
  const generated = parseYaml(readFileSync(resolve(repoRoot, 'test/e2e/lab/snmp-ups.yml'), 'utf8'), { mapAsMap: true }) as Map<string, Map<string, unknown>>;
  const config = new Map(
    targets.map((t) => {
      const m = new Map(generated.get(t.module));
      m.set('version', 2);
      m.set('auth', new Map([['community', t.community]]));
      return [moduleName(t.module, t.community), m];
    }),
  );
  const tmp = mkdtempSync(join(tmpdir(), 'srw-exporter-ups-'));
  const configFile = join(tmp, 'snmp.yml');
  writeFileSync(configFile, stringify(config));
  const daemon = await startOnFreePort({
    what: 'snmp_exporter (UPS modules)',
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
    timeoutMs: 15_000,
  });
  return { port: daemon.port, url: `http://127.0.0.1:${daemon.port}`, module: moduleName, stop: daemon.stop };
}
