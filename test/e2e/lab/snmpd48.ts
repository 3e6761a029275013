// Net-SNMP snmpd that looks like a 48-port switch (snmp-lab.md §3): 48 veth pairs whose near ends
// live in the root namespace (what snmpd lists) and whose far ends live in a network namespace
// made for this run. Ports 1–40 are connected; 41–48 have their far end down (admin up, oper
// down). Needs root.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_COMMUNITY, LAB_V3, LAB_WRITE_COMMUNITY } from './credentials.js';
import { freeUdpPort, isRoot, pidAlive, snmpAnswers, startDaemon, stopChild, waitUntil } from './process.js';
import type { LabPeer } from './snmpsim.js';

export type Snmpd48Port = { port: number; name: string; ifIndex: number; alias: string; connected: boolean };
export type Snmpd48Peer = LabPeer & {
  pid: number;
  netns: string;
  tempDir: string;
  /** The 48 front ports in order, with the kernel ifIndex snmpd reports for each. */
  ports: Snmpd48Port[];
};

export type Snmpd48Options = {
  /** Ping each connected port twice a second so its counters move (default true). */
  traffic?: boolean;
  /** Number of ports (default 48) and how many are connected (default 40). */
  ports?: number;
  connected?: number;
  /** ifAlias for port i (1-based); default "Room <100+i> / lab port <i>". */
  alias?: (i: number) => string;
  timeoutMs?: number;
};

const NETNS_PREFIX = 'srwlab-';
let runCounter = 0;

/** True when this process may build the fake ports (root, ip netns and snmpd available). */
export function canRunSnmpd48(): boolean {
  if (!isRoot()) return false;
  const ip = spawnSync('ip', ['netns', 'list']);
  const snmpd = spawnSync('/usr/sbin/snmpd', ['-v']);
  return ip.status === 0 && snmpd.error === undefined;
}

function ip(args: string[], input?: string): void {
  const r = spawnSync('ip', args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr}`);
}

/**
 * Removes what earlier runs left when their process died before stop() (kill -9): namespaces
 * (which take the veths with them), the snmpd they started, and their temp dirs. Both names
 * carry the owner's pid, so only runs whose owner is gone are touched.
 */
function removeOrphans(): void {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const line of r.stdout.split('\n')) {
    const m = /^(srwlab-(\d+)-\d+)/.exec(line);
    if (m?.[1] && m[2] && !pidAlive(Number(m[2]))) spawnSync('ip', ['netns', 'del', m[1]]);
  }
  for (const name of readdirSync(tmpdir())) {
    const m = /^srw-snmpd48-(\d+)-/.exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    const dir = join(tmpdir(), name);
    try {
      const daemon = Number(readFileSync(join(dir, 'snmpd.pid'), 'utf8').trim());
      // Only if that pid is still our snmpd (its command line names this dir).
      if (daemon > 0 && readFileSync(`/proc/${daemon}/cmdline`, 'utf8').includes(dir)) process.kill(daemon, 'SIGKILL');
    } catch {
      // no pid file or the daemon is gone already
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startSnmpd48(opts: Snmpd48Options = {}): Promise<Snmpd48Peer> {
  if (!canRunSnmpd48()) throw new Error('startSnmpd48 needs root, iproute2 and /usr/sbin/snmpd');
  removeOrphans();
  const count = opts.ports ?? 48;
  const connected = opts.connected ?? 40;
  const aliasOf = opts.alias ?? ((i: number) => `Room ${100 + i} / lab port ${i}`);
  const run = runCounter++;
  const netns = `${NETNS_PREFIX}${process.pid}-${run}`;
  // Interface names are global in the root namespace and limited to 15 bytes: make them unique
  // per process and run (g<pid base36><run>-<n>, e.g. "g1x2k0-48").
  const prefix = `g${process.pid.toString(36)}${run.toString(36)}-`;
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  const tmp = mkdtempSync(join(tmpdir(), `srw-snmpd48-${process.pid}-`));
  const children: ChildProcess[] = [];
  let cleaned = false;
  const cleanupSync = (): void => {
    if (cleaned) return;
    cleaned = true;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // Deleting the namespace destroys the far ends, which takes the near ends with them.
    spawnSync('ip', ['netns', 'del', netns]);
    for (const n of names) spawnSync('ip', ['link', 'del', n], { stdio: 'ignore' });
    rmSync(tmp, { recursive: true, force: true });
  };
  // Last resort when a test crashes without calling stop().
  process.once('exit', cleanupSync);

  try {
    ip(['netns', 'add', netns]);
    ip(['-n', netns, 'link', 'set', 'lo', 'up']);
    // Link-local IPv6 addresses are scoped to their interface, so concurrent runs never clash
    // over routes the way per-run IPv4 subnets could.
    const root: string[] = [];
    const far: string[] = [];
    names.forEach((n, k) => {
      const i = k + 1;
      root.push(`link add ${n} type veth peer name p${i} netns ${netns}`);
      root.push(`addr add fe80::1/64 dev ${n} nodad`);
      root.push(`link set ${n} up`);
      far.push(`addr add fe80::2/64 dev p${i} nodad`);
      if (i <= connected) far.push(`link set p${i} up`);
    });
    ip(['-batch', '-'], root.join('\n') + '\n');
    ip(['-n', netns, '-batch', '-'], far.join('\n') + '\n');

    const persist = join(tmp, 'persist');
    mkdirSync(persist);
    const snmpUser = spawnSync('id', ['-u', 'Debian-snmp'], { encoding: 'utf8' });
    const snmpGroup = spawnSync('id', ['-g', 'Debian-snmp'], { encoding: 'utf8' });
    const dropPrivileges = snmpUser.status === 0;
    if (dropPrivileges) chownSync(persist, Number(snmpUser.stdout.trim()), Number(snmpGroup.stdout.trim()));

    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeUdpPort();
      const conf = join(tmp, 'snmpd.conf');
      // The endpoint goes in agentAddress only: also giving it on the command line makes snmpd exit
      // with "Error opening specified endpoint".
      writeFileSync(
        conf,
        [
          `agentAddress udp:127.0.0.1:${port}`,
          `rocommunity ${LAB_COMMUNITY} 127.0.0.1`,
          `createUser ${LAB_V3.user} SHA "${LAB_V3.authKey}" AES "${LAB_V3.privKey}"`,
          `rouser ${LAB_V3.user} priv`,
          `rwcommunity ${LAB_WRITE_COMMUNITY} 127.0.0.1 .1.3.6.1.2.1.31.1.1.1.18`,
          'sysName lab-sw48',
          'sysLocation Server room, lab',
          'sysContact noc@example.invalid',
          'sysDescr Net-SNMP lab agent pretending to be a 48-port switch',
          'interface_fadeout 10',
          'interface_replace_old yes',
          '',
        ].join('\n'),
      );
      // -C: do not also read /etc/snmp/snmpd.conf; -m "": no MIB loading noise (Debian ships none).
      const args = ['-f', '-C', '-c', conf, '-m', '', '-Lf', join(tmp, 'snmpd.log'), '-I', '-smux,mteTrigger,mteTriggerConf', '-p', join(tmp, 'snmpd.pid')];
      if (dropPrivileges) args.push('-u', 'Debian-snmp', '-g', 'Debian-snmp');
      const { child, output } = startDaemon('/usr/sbin/snmpd', args, { ...process.env, SNMP_PERSISTENT_DIR: persist });
      children.push(child);
      const log = (): string => output() + readLog(join(tmp, 'snmpd.log'));
      try {
        await waitUntil('snmpd48', () => snmpAnswers(port, ['-v2c', '-c', LAB_COMMUNITY]), opts.timeoutMs ?? 15_000, child, log);
      } catch (e) {
        lastError = e;
        await stopChild(child);
        continue;
      }
      const ports = names.map((name, k): Snmpd48Port => ({
        port: k + 1,
        name,
        ifIndex: Number(readFileSync(`/sys/class/net/${name}/ifindex`, 'utf8').trim()),
        alias: aliasOf(k + 1),
        connected: k + 1 <= connected,
      }));
      setAliases(port, ports);
      const traffic = opts.traffic ?? true ? startTraffic(ports.filter((x) => x.connected)) : undefined;
      const stop = async (): Promise<void> => {
        traffic?.stop();
        await stopChild(child);
        cleanupSync();
        process.removeListener('exit', cleanupSync);
      };
      return { port, pid: child.pid ?? -1, netns, tempDir: tmp, ports, stop };
    }
    throw lastError;
  } catch (e) {
    cleanupSync();
    process.removeListener('exit', cleanupSync);
    throw e;
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

/** ifAlias is not taken from `ip link set … alias`; a real switch's descriptions come by SET. */
function setAliases(port: number, ports: Snmpd48Port[]): void {
  // One snmpset per 16 ports keeps the PDU small and the start fast.
  for (let k = 0; k < ports.length; k += 16) {
    const args = ['-v2c', '-c', LAB_WRITE_COMMUNITY, '-On', '-t', '2', '-r', '2', `127.0.0.1:${port}`];
    for (const p of ports.slice(k, k + 16)) args.push(`1.3.6.1.2.1.31.1.1.1.18.${p.ifIndex}`, 's', p.alias);
    const r = spawnSync('snmpset', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`snmpset ifAlias failed: ${r.stderr}`);
  }
}

/**
 * Light traffic so counters move: twice a second one UDP datagram per connected port to the far
 * end's link-local address (Debian here has no ping). Nothing listens there, so the far end
 * answers with ICMPv6 port unreachable and both in and out counters grow. Sizes differ per port
 * so ports differ in octet rate, as on a real switch.
 */
function startTraffic(ports: Snmpd48Port[]): { stop(): void } {
  const socket = createSocket('udp6');
  socket.on('error', () => undefined);
  const send = (): void => {
    for (const p of ports) socket.send(Buffer.alloc(56 + p.port * 30), 9, `fe80::2%${p.name}`, () => undefined);
  };
  const timer = setInterval(send, 500);
  timer.unref();
  socket.unref();
  send();
  return {
    stop() {
      clearInterval(timer);
      socket.close();
    },
  };
}
