// srw's trap receiver against the real Net-SNMP senders (Debian `snmp`: snmptrap, snmpinform)
// on loopback: SNMPv1 traps, v2c traps and informs, v3 USM authPriv traps and informs (engine
// discovery, a stale engineBoots resynchronised by srw's authenticated report), and the checks
// that keep strangers out. Then the same traps go to Debian's snmptrapd, and srw's names and
// values must agree with what snmptrapd decodes.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrapReceiver, UPS_ALARMS, v1TrapOid, type Notification } from '../../monitoring/traps/index.js';
import type { PollDevice } from '../../monitoring/index.js';
import { freeUdpPort, repoRoot, waitUntil } from './lab/process.js';

const COMMUNITY = 'srw-trap-community';
const V3 = { user: 'srw-traps', auth: 'trap-auth-pass-1', priv: 'trap-priv-pass-1' };
const SENDER_ENGINE = '0x8000000001020304';

function run(cmd: string, args: string[], timeoutMs = 10_000): Promise<{ code: number; out: string }> {
  // Async on purpose: the receiver runs in this process and must answer informs meanwhile.
  return new Promise((ok) => {
    execFile(cmd, args, { timeout: timeoutMs }, (e, stdout, stderr) => ok({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });
}

const snmpDefaults = { port: 161, timeoutMs: 1000, retries: 0, maxRepetitions: 25, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' } as const;
const devices: PollDevice[] = [
  { name: 'sw-v2c', type: 'switch', address: '127.0.0.1', modules: ['if_mib'], snmp: { ...snmpDefaults, version: '2c', community: { env: 'SRW_TRAP_COMMUNITY' } } },
  { name: 'ups-v3', type: 'ups', address: '127.0.0.2', modules: ['ups'], snmp: { ...snmpDefaults, version: '3', user: V3.user, authKey: { env: 'SRW_TRAP_AUTH' }, privKey: { env: 'SRW_TRAP_PRIV' } } },
  { name: 'ups-v1', type: 'ups', address: '127.0.0.3', modules: ['ups'], snmp: { ...snmpDefaults, version: '1', community: { env: 'SRW_TRAP_COMMUNITY' } } },
];

const v3Args = (password = V3.auth) => ['-v3', '-u', V3.user, '-l', 'authPriv', '-a', 'SHA', '-A', password, '-x', 'AES', '-X', V3.priv];

/** The traps both receivers get: [sender, args after the target]. */
const TRAPS: { what: string; from: string; args: string[]; name: string }[] = [
  { what: 'v2c linkDown', from: '127.0.0.1', name: 'linkDown', args: ['-v2c', '-c', COMMUNITY, '@', '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.3', 'i', '3', '1.3.6.1.2.1.2.2.1.7.3', 'i', '1', '1.3.6.1.2.1.2.2.1.8.3', 'i', '2', '1.3.6.1.2.1.31.1.1.1.1.3', 's', 'Gi1/0/3'] },
  { what: 'v2c coldStart', from: '127.0.0.1', name: 'coldStart', args: ['-v2c', '-c', COMMUNITY, '@', '', '1.3.6.1.6.3.1.1.5.1'] },
  { what: 'v2c entConfigChange', from: '127.0.0.1', name: 'entConfigChange', args: ['-v2c', '-c', COMMUNITY, '@', '', '1.3.6.1.2.1.47.2.0.1', '1.3.6.1.2.1.47.1.4.1.0', 't', '12345'] },
  { what: 'v1 APC upsOnBattery', from: '127.0.0.3', name: 'upsOnBattery', args: ['-v1', '-c', COMMUNITY, '@', '1.3.6.1.4.1.318', '127.0.0.3', '6', '5', '1234', '1.3.6.1.4.1.318.2.3.3.0', 's', 'UPS: On battery power in response to an input power problem.'] },
  { what: 'v1 linkUp (generic 3)', from: '127.0.0.3', name: 'linkUp', args: ['-v1', '-c', COMMUNITY, '@', '1.3.6.1.4.1.9', '127.0.0.3', '3', '0', '99', '1.3.6.1.2.1.2.2.1.1.7', 'i', '7'] },
  { what: 'v3 upsTrapOnBattery', from: '127.0.0.2', name: 'upsTrapOnBattery', args: [...v3Args(), '-e', SENDER_ENGINE, '@', '', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12', '1.3.6.1.2.1.33.1.2.2.0', 'i', '30'] },
  { what: 'v3 upsTrapAlarmEntryAdded', from: '127.0.0.2', name: 'upsTrapAlarmEntryAdded', args: [...v3Args(), '-e', SENDER_ENGINE, '@', '', '1.3.6.1.2.1.33.2.3', '1.3.6.1.2.1.33.1.6.2.1.1.4', 'i', '4', '1.3.6.1.2.1.33.1.6.2.1.2.4', 'o', '1.3.6.1.2.1.33.1.6.3.2'] },
  { what: 'v3 upsTrapTestCompleted', from: '127.0.0.2', name: 'upsTrapTestCompleted', args: [...v3Args(), '-e', SENDER_ENGINE, '@', '', '1.3.6.1.2.1.33.2.2', '1.3.6.1.2.1.33.1.7.3.0', 'i', '1', '1.3.6.1.2.1.33.1.7.4.0', 's', 'battery ok'] },
];

const withTarget = (args: string[], target: string) => args.map((a) => (a === '@' ? target : a));

describe('trap receiver with Net-SNMP senders', () => {
  let receiver: TrapReceiver;
  let port = 0;
  let stateDir = '';
  const got: Notification[] = [];

  beforeAll(async () => {
    Object.assign(process.env, { SRW_TRAP_COMMUNITY: COMMUNITY, SRW_TRAP_AUTH: V3.auth, SRW_TRAP_PRIV: V3.priv });
    stateDir = mkdtempSync(join(tmpdir(), 'srw-traps-state-'));
    receiver = new TrapReceiver({ host: '127.0.0.1', port: 0, devices, secrets: { baseDir: tmpdir(), file: 'inventory.yaml' }, stateDir, onNotification: (n) => got.push(n) });
    port = (await receiver.start()).port;
  });
  afterAll(async () => {
    await receiver?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const target = () => `127.0.0.1:${port}`;
  const waitFor = async (pred: (n: Notification) => boolean) => {
    await waitUntil('notification', () => got.some(pred), 5000);
    return got.find(pred)!;
  };

  it.each(TRAPS)('decodes $what', async (t) => {
    const before = got.length;
    const r = await run('snmptrap', [`--clientaddr=${t.from}`, ...withTarget(t.args, target())]);
    expect(r.code, r.out).toBe(0);
    const n = await waitFor((x) => got.indexOf(x) >= before && x.name === t.name);
    expect(n.known).toBe(true);
    expect(n.device).toBe(devices.find((d) => d.address === t.from)!.name);
  });

  it('names ports and values a person can read', async () => {
    const down = got.find((n) => n.name === 'linkDown')!;
    expect(down.ifIndex).toBe(3);
    expect(down.summary).toBe('linkDown Gi1/0/3 (ifIndex 3) admin up oper down');
    const alarm = got.find((n) => n.name === 'upsTrapAlarmEntryAdded')!;
    expect(alarm.varbinds.find((v) => v.name === 'upsAlarmDescr')?.value).toBe('upsAlarmOnBattery');
    expect(got.find((n) => n.name === 'upsTrapTestCompleted')!.varbinds.find((v) => v.name === 'upsTestResultsSummary')?.value).toBe('donePass(1)');
    expect(got.find((n) => n.name === 'upsOnBattery')!.oid).toBe('1.3.6.1.4.1.318.0.5');
  });

  it('acknowledges a v2c inform (snmpinform exits 0)', async () => {
    const r = await run('snmpinform', ['-t', '2', '-r', '1', '-v2c', '-c', COMMUNITY, target(), '', '1.3.6.1.6.3.1.1.5.4', '1.3.6.1.2.1.2.2.1.1.3', 'i', '3']);
    expect(r.code, r.out).toBe(0);
    const n = await waitFor((x) => x.pdu === 'inform' && x.version === '2c');
    expect(n.name).toBe('linkUp');
  });

  it('acknowledges a v3 authPriv inform after engine discovery, with srw\'s stable engine ID', async () => {
    const r = await run('snmpinform', ['--clientaddr=127.0.0.2', '-t', '2', '-r', '1', ...v3Args(), target(), '', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '9']);
    expect(r.code, r.out).toBe(0);
    const n = await waitFor((x) => x.pdu === 'inform' && x.version === '3');
    expect(n.name).toBe('upsTrapOnBattery');
    expect(receiver.stats.informsAcknowledged).toBeGreaterThanOrEqual(2);
  });

  it('answers a v3 inform with stale engineBoots with an authenticated report, and the sender resends in the window', async () => {
    const engine = `0x${receiver.engine!.engineId.toString('hex')}`;
    const before = receiver.stats.dropped.get('not-in-time-window') ?? 0;
    // -e/-Z skip discovery: the sender believes srw is at boots 0, time 5 — a replay or a stale cache.
    const r = await run('snmpinform', ['--clientaddr=127.0.0.2', '-t', '2', '-r', '2', ...v3Args(), '-e', engine, '-Z', '0,5', target(), '', '1.3.6.1.6.3.1.1.5.2']);
    expect(r.code, r.out).toBe(0);
    expect(receiver.stats.dropped.get('not-in-time-window')).toBe(before + 1);
    await waitFor((x) => x.name === 'warmStart' && x.pdu === 'inform');
  });

  it('does not acknowledge a v3 inform with the wrong password, and counts it', async () => {
    const before = receiver.stats.dropped.get('auth-failed') ?? 0;
    const r = await run('snmpinform', ['--clientaddr=127.0.0.2', '-t', '1', '-r', '0', ...v3Args('wrong-password-1'), target(), '', '1.3.6.1.6.3.1.1.5.1']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Timeout|authentication/i);
    expect(receiver.stats.dropped.get('auth-failed') ?? 0).toBeGreaterThan(before);
  });

  it('drops and counts senders outside the inventory and wrong communities', async () => {
    const count = got.length;
    const unknown = receiver.stats.unknownSenders;
    await run('snmptrap', ['--clientaddr=127.0.0.9', '-v2c', '-c', COMMUNITY, target(), '', '1.3.6.1.6.3.1.1.5.3']);
    // The right address with another device's kind of credentials: v2c to the v3 UPS, and a wrong community.
    await run('snmptrap', ['--clientaddr=127.0.0.2', '-v2c', '-c', COMMUNITY, target(), '', '1.3.6.1.6.3.1.1.5.3']);
    await run('snmptrap', ['--clientaddr=127.0.0.1', '-v2c', '-c', 'not-the-community', target(), '', '1.3.6.1.6.3.1.1.5.3']);
    await waitUntil('counted', () => receiver.stats.unknownSenders === unknown + 1 && (receiver.stats.dropped.get('bad-community') ?? 0) >= 1 && (receiver.stats.dropped.get('wrong-version') ?? 0) >= 1, 5000);
    expect(got.length).toBe(count);
  });
});

/** snmptrapd's decoding of the same traps: the trap identity and "OID = TYPE: value" per varbind. */
function parseTrapd(log: string): { oid: string; varbinds: Map<string, string> }[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith('TRAP|'))
    .map((l) => {
      const [, enterprise, generic, specific, vbs] = l.split('|');
      const varbinds = new Map<string, string>();
      for (const part of (vbs ?? '').split('\t').filter(Boolean)) {
        const m = /^\.?([\d.]+) = (?:[A-Za-z0-9 ]+): (.*)$/.exec(part);
        if (m) varbinds.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1').replace(/^\((\d+)\) .*$/, '$1').replace(/^\.(?=\d)/, ''));
      }
      // v1: snmptrapd shows enterprise, generic and specific; RFC 3584 says which snmpTrapOID that is.
      const oid = enterprise ? v1TrapOid(enterprise.replace(/^\./, ''), Number(generic), Number(specific!.replace(/^\./, ''))) : (varbinds.get('1.3.6.1.6.3.1.1.4.1.0') ?? '');
      return { oid, varbinds };
    });
}

const alarmOid = new Map([...UPS_ALARMS].map(([oid, name]) => [name, oid]));
/** srw's value in snmptrapd's spelling: enums as name(n) only where snmptrapd has the MIB, well-known UPS alarms as their OID. */
function inTrapdTerms(ours: string, theirs: string): string {
  if (alarmOid.has(ours)) return alarmOid.get(ours)!;
  const e = /^[A-Za-z]+\((\d+)\)$/.exec(ours);
  return e && !/\(/.test(theirs) ? e[1]! : ours;
}

describe('srw and snmptrapd decode the same traps alike', () => {
  let trapd: ChildProcess | undefined;
  let dir = '';
  let port = 0;
  let receiver: TrapReceiver;
  let srwPort = 0;
  const got: Notification[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'srw-snmptrapd-'));
    // The MIBs net-snmp (npm) ships (SNMPv2-MIB, IF-MIB, …), so snmptrapd names enums as srw does.
    const mibs = join(dir, 'mibs');
    mkdirSync(mibs);
    const src = join(repoRoot, 'node_modules/net-snmp/lib/mibs');
    for (const f of readdirSync(src)) copyFileSync(join(src, f), join(mibs, f.replace(/\.mib$/, '.txt')));
    writeFileSync(
      join(dir, 'snmptrapd.conf'),
      [`authCommunity log ${COMMUNITY}`, `createUser -e ${SENDER_ENGINE} ${V3.user} SHA ${V3.auth} AES ${V3.priv}`, `authUser log ${V3.user}`, 'format1 TRAP|%N|%w|%q|%V\\t%v\\n', 'format2 TRAP||||%V\\t%v\\n', ''].join('\n'),
    );
    port = await freeUdpPort();
    trapd = spawn('snmptrapd', ['-f', '-n', '-C', '-c', join(dir, 'snmptrapd.conf'), '-M', mibs, '-m', 'IF-MIB:SNMPv2-MIB', '-On', '-Lf', join(dir, 'trapd.log'), `127.0.0.1:${port}`, '-p', join(dir, 'pid')], { stdio: 'ignore' });
    await waitUntil('snmptrapd', () => readFileSync(join(dir, 'trapd.log'), { flag: 'a+' }).toString().includes('NET-SNMP version'), 10_000);
    Object.assign(process.env, { SRW_TRAP_COMMUNITY: COMMUNITY, SRW_TRAP_AUTH: V3.auth, SRW_TRAP_PRIV: V3.priv });
    receiver = new TrapReceiver({ host: '127.0.0.1', port: 0, devices, secrets: { baseDir: tmpdir(), file: 'inventory.yaml' }, stateDir: dir, onNotification: (n) => got.push(n) });
    srwPort = (await receiver.start()).port;
  });
  afterAll(async () => {
    trapd?.kill('SIGTERM');
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('agrees on every trap: the snmpTrapOID (v1 mapped per RFC 3584) and every varbind value', async () => {
    for (const t of TRAPS) {
      for (const to of [`127.0.0.1:${port}`, `127.0.0.1:${srwPort}`]) {
        const r = await run('snmptrap', [`--clientaddr=${t.from}`, ...withTarget(t.args, to)]);
        expect(r.code, r.out).toBe(0);
      }
    }
    await waitUntil('both decoded all', () => got.length >= TRAPS.length && parseTrapd(readFileSync(join(dir, 'trapd.log'), 'utf8')).length >= TRAPS.length, 10_000);
    const theirs = parseTrapd(readFileSync(join(dir, 'trapd.log'), 'utf8'));
    expect(theirs).toHaveLength(TRAPS.length);
    TRAPS.forEach((t, i) => {
      const ours = got[i]!;
      const their = theirs[i]!;
      expect(ours.name, t.what).toBe(t.name);
      expect(ours.oid, t.what).toBe(their.oid);
      for (const vb of ours.varbinds) {
        const v = their.varbinds.get(vb.oid);
        expect(v, `${t.what} ${vb.oid}`).toBeDefined();
        expect(inTrapdTerms(vb.value, v!), `${t.what} ${vb.oid}`).toBe(v);
      }
      expect(ours.varbinds.length, t.what).toBe([...their.varbinds.keys()].filter((k) => k !== '1.3.6.1.2.1.1.3.0' && k !== '1.3.6.1.6.3.1.1.4.1.0').length);
    });
  });
});
