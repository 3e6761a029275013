// snmpsimd (Debian snmpsim 0.4.5) serving the shared LibreNMS recordings in place
// (snmp-lab.md §2). Community = file stem; v3 context name = file stem.
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNMPSIM_V3, SNMPSIM_V3_DEFAULT } from './credentials.js';
import { requireSnmprecDir } from '../../helpers/snmprec.js';
import { freeUdpPort, isRoot, snmpAnswers, startOnFreePort } from './process.js';

export type LabPeer = { port: number; stop(): Promise<void> };
export type SnmpsimPeer = LabPeer & {
  /** Where snmpsimd reads the recordings: the shared directory itself, or (see copiedForNobody) a temp copy. */
  dataDir: string;
  /** True when `nobody` could not read the shared directory and a temp copy under /tmp is served instead. */
  copiedForNobody: boolean;
  pid: number;
  stems: string[];
  tempDir: string;
};

/** The recordings' directory; only tests tagged `snmprec` start snmpsim (see test/helpers/snmprec.ts). */
export function snmprecDir(): string {
  return requireSnmprecDir();
}

/** Stems of the recordings (community strings), sorted. */
export function recordingStems(dir = snmprecDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.snmprec'))
    .map((f) => f.slice(0, -'.snmprec'.length))
    .sort();
}

/** Can `nobody` read every recording where it lies (as root snmpsimd drops to nobody)? */
function nobodyCanRead(dir: string): boolean {
  const r = spawnSync('runuser', ['-u', 'nobody', '--', 'sh', '-c', 'for f in "$1"/*.snmprec; do test -r "$f" || exit 1; done', 'sh', dir]);
  return r.status === 0;
}

const UID_NOBODY = 65534;
const GID_NOGROUP = 65534;

export async function startSnmpsim(opts: { dataDir?: string; timeoutMs?: number } = {}): Promise<SnmpsimPeer> {
  const sharedDir = opts.dataDir ?? snmprecDir();
  const stems = recordingStems(sharedDir);
  const tmp = mkdtempSync(join(tmpdir(), 'srw-snmpsim-'));
  const cacheDir = join(tmp, 'cache');
  mkdirSync(cacheDir);
  let dataDir = sharedDir;
  let copiedForNobody = false;
  const args = [
    `--cache-dir=${cacheDir}`,
    `--logging-method=file:${join(tmp, 'snmpsimd.log')}`,
    // Once any --v3-user is given the built-in `simulator` user disappears: list it again.
    ...v3Args(SNMPSIM_V3_DEFAULT, 'MD5', 'DES'),
    ...v3Args(SNMPSIM_V3, 'SHA', 'AES'),
  ];
  if (isRoot()) {
    // As root snmpsimd refuses to run without dropping privileges ("Must drop priveleges"),
    // and then nobody must be able to read the data and write the cache.
    if (!nobodyCanRead(sharedDir)) {
      // Only when in-place reading is impossible (e.g. a checkout under /root): a plain copy of
      // the recordings in this run's temp dir under /tmp, removed by stop(). Never in the repo.
      dataDir = join(tmp, 'data');
      mkdirSync(dataDir);
      for (const stem of stems) copyFileSync(join(sharedDir, `${stem}.snmprec`), join(dataDir, `${stem}.snmprec`));
      chmodSync(dataDir, 0o755);
      copiedForNobody = true;
    }
    args.push('--process-user=nobody', '--process-group=nogroup');
    chmodSync(tmp, 0o755);
    chownSync(cacheDir, UID_NOBODY, GID_NOGROUP);
  }
  args.unshift(`--data-dir=${dataDir}`);
  const probeStem = stems.includes('ios_2960x') ? 'ios_2960x' : (stems[0] ?? 'none');
  const daemon = await startOnFreePort({
    what: 'snmpsimd',
    command: 'snmpsimd',
    args: (port) => [...args, `--agent-udpv4-endpoint=127.0.0.1:${port}`],
    freePort: freeUdpPort,
    ready: (port) => snmpAnswers(port, ['-v2c', '-c', probeStem]),
    tempDir: tmp,
    // The first start indexes every file (~1 s for all 14); allow for a loaded machine.
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
  return { port: daemon.port, dataDir, copiedForNobody, stems, pid: daemon.pid, tempDir: tmp, stop: daemon.stop };
}

function v3Args(u: { user: string; authKey: string; privKey: string }, auth: string, priv: string): string[] {
  return [`--v3-user=${u.user}`, `--v3-auth-key=${u.authKey}`, `--v3-auth-proto=${auth}`, `--v3-priv-key=${u.privKey}`, `--v3-priv-proto=${priv}`];
}
