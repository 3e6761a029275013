// A management network on loopback for `srw discover`: several addresses 127.0.0.x answering on
// one UDP port. One snmpsimd serves a different LibreNMS recording on each address (the endpoint
// picks the file, by snmpsimd's own lookup by transport), Net-SNMP's snmpd answers on another with a v3 user and a v2c community, and plain
// sockets play a silent host (bound, never answers: no ICMP unreachable) and a host that answers
// every datagram with bytes that are not SNMP. Addresses not listed send port unreachable.
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createSocket, type Socket } from 'node:dgram';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRoot, startDaemon, stopChild, waitUntil } from './process.js';
import { requireSnmprecDir } from '../../helpers/snmprec.js';

export type DiscoverLabOptions = {
  port?: number;
  /** address → recording stem, served by snmpsimd with `community`. */
  recordings?: Record<string, string>;
  /** address → snmprec text written for this run (a device made up by the test), served the same way. */
  records?: Record<string, string>;
  community?: string;
  /** snmpd on this address: v3 user and v2c community (`community` too). */
  snmpd?: { address: string; sysName: string; v3: { user: string; authKey: string; privKey: string } };
  silent?: string[];
  garbage?: string[];
};

export type DiscoverLab = { port: number; stop(): Promise<void> };

async function bind(port: number, address: string, onMessage?: (s: Socket, msg: Buffer, from: { address: string; port: number }) => void): Promise<Socket | undefined> {
  const s = createSocket('udp4');
  s.on('message', (msg, from) => onMessage?.(s, msg, from));
  const ok = await new Promise<boolean>((done) => {
    s.once('error', () => done(false));
    s.bind(port, address, () => done(true));
  });
  if (ok) return s;
  s.close();
  return undefined;
}

/** A port free on every address (checked by binding each once). */
async function freePortOn(addresses: string[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const socks: Socket[] = [];
    let free = true;
    for (const a of addresses) {
      const s = await bind(port, a);
      if (!s) {
        free = false;
        break;
      }
      socks.push(s);
    }
    for (const s of socks) s.close();
    if (free) return port;
  }
  throw new Error(`no UDP port free on ${addresses.join(', ')}`);
}

function answers(port: number, address: string, args: string[]): boolean {
  const r = spawnSync('snmpget', [...args, '-On', '-t', '0.5', '-r', '0', `${address}:${port}`, '1.3.6.1.2.1.1.2.0'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('1.3.6.1.2.1.1.2.0');
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}

export async function startDiscoverLab(opts: DiscoverLabOptions): Promise<DiscoverLab> {
  const community = opts.community ?? 'public';
  const recordings: [string, string][] = [...Object.entries(opts.recordings ?? {}), ...Object.keys(opts.records ?? {}).map((a): [string, string] => [a, ''])];
  const all = [...recordings.map(([a]) => a), ...(opts.snmpd ? [opts.snmpd.address] : []), ...(opts.silent ?? []), ...(opts.garbage ?? [])];
  const port = opts.port ?? (await freePortOn(all));
  const tmp = mkdtempSync(join(tmpdir(), 'srw-discover-lab-'));
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    for (const a of opts.silent ?? []) {
      const s = await bind(port, a);
      if (!s) throw new Error(`cannot bind ${a}:${port}`);
      stops.push(async () => void s.close());
    }
    for (const a of opts.garbage ?? []) {
      const s = await bind(port, a, (sock, _msg, from) => sock.send(Buffer.from('\x30\x03\x02\x01not SNMP at all'), from.port, from.address));
      if (!s) throw new Error(`cannot bind ${a}:${port}`);
      stops.push(async () => void s.close());
    }
    if (recordings.length > 0) {
      const shared = opts.recordings && Object.keys(opts.recordings).length > 0 ? requireSnmprecDir() : '';
      const data = join(tmp, 'data');
      // snmpsimd (v3 architecture) accepts a v2c community only if <community>.snmprec exists, and
      // then looks for the data in md5(<community>)/<transport id>.snmprec before falling back to
      // that file: the transport id (1.3.6.1.6.1.1.<endpoint index>) picks the recording.
      const byEndpoint = join(data, createHash('md5').update(community).digest('hex'));
      mkdirSync(byEndpoint, { recursive: true });
      writeFileSync(join(data, `${community}.snmprec`), '1.3.6.1.2.1.1.1.0|4|srw discover lab: no recording for this endpoint\n');
      const cache = join(tmp, 'cache');
      mkdirSync(cache);
      recordings.forEach(([address, stem], i) => {
        const target = join(byEndpoint, `1.3.6.1.6.1.1.${i}.snmprec`);
        if (stem === '') return writeFileSync(target, opts.records![address]!);
        // As root snmpsimd drops to nobody: a copy in this run's temp dir is readable for sure.
        if (isRoot()) copyFileSync(join(shared, `${stem}.snmprec`), target);
        else symlinkSync(join(shared, `${stem}.snmprec`), target);
      });
      const args = [`--data-dir=${data}`, `--cache-dir=${cache}`, ...recordings.map(([a]) => `--agent-udpv4-endpoint=${a}:${port}`)];
      if (isRoot()) {
        args.push('--process-user=nobody', '--process-group=nogroup');
        for (const d of [tmp, data, byEndpoint]) chmodSync(d, 0o755);
        chownSync(cache, 65534, 65534);
      }
      const { child, output } = startDaemon('snmpsimd', args);
      stops.push(() => stopChild(child));
      // Its log goes to stdout (kept by startDaemon): a log file opened before it drops to nobody
      // stops it answering.
      for (const [a] of recordings) await waitUntil(`snmpsimd on ${a}`, () => answers(port, a, ['-v2c', '-c', community]), 30_000, child, output);
    }
    if (opts.snmpd) {
      const { address, sysName, v3 } = opts.snmpd;
      const persist = join(tmp, 'persist');
      mkdirSync(persist);
      const conf = join(tmp, 'snmpd.conf');
      writeFileSync(conf, [`agentAddress udp:${address}:${port}`, `rocommunity ${community} 127.0.0.0/8`, `createUser ${v3.user} SHA "${v3.authKey}" AES "${v3.privKey}"`, `rouser ${v3.user} priv`, `sysName ${sysName}`, 'sysDescr Net-SNMP agent of the srw discover lab', ''].join('\n'));
      const args = ['-f', '-C', '-c', conf, '-m', '', '-Lf', join(tmp, 'snmpd.log'), '-I', '-smux,mteTrigger,mteTriggerConf'];
      const snmpUser = spawnSync('id', ['-u', 'Debian-snmp'], { encoding: 'utf8' });
      if (isRoot() && snmpUser.status === 0) {
        chownSync(persist, Number(snmpUser.stdout.trim()), Number(spawnSync('id', ['-g', 'Debian-snmp'], { encoding: 'utf8' }).stdout.trim()));
        args.push('-u', 'Debian-snmp', '-g', 'Debian-snmp');
      }
      const { child, output } = startDaemon('/usr/sbin/snmpd', args, { ...process.env, SNMP_PERSISTENT_DIR: persist });
      stops.push(() => stopChild(child));
      await waitUntil(`snmpd on ${address}`, () => answers(port, address, ['-v2c', '-c', community]), 15_000, child, () => output() + tail(join(tmp, 'snmpd.log')));
    }
    return { port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
