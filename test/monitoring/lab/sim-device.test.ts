// Simulated devices seen from the Net-SNMP command-line tools, as a poller or an admin would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchSchema, upsSchema } from '../../../infra/inventory/schema.js';
import { ciscoAccessSwitch, apcSmartUps, eatonUps, startSimDevice, startSimLab, type SimDevice, type SimLab } from '../../../monitoring/lab/index.js';
import { byOid, snmp, text } from './snmp-cli.js';

const IFX = '1.3.6.1.2.1.31.1.1.1';
const IFT = '1.3.6.1.2.1.2.2.1';
const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

describe('simulated 48-port access switch', () => {
  let sw: SimDevice;
  const target = (): string => `127.0.0.1:${sw.port}`;
  beforeAll(async () => {
    sw = await startSimDevice(ciscoAccessSwitch(48, { sysName: 'sw-pietro1', floor: 1, seed: 7 }), { flap: { everyS: 4, downS: 2 } });
  });
  afterAll(async () => sw.stop());

  it('answers snmpbulkwalk with a full ifTable and ifXTable for 48 ports, 2 uplinks and a VLAN', async () => {
    const names = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), `${IFX}.1`]);
    expect(names.map((r) => text(r))).toEqual(['Vl1', ...Array.from({ length: 50 }, (_, i) => `Gi1/0/${i + 1}`)]);
    expect(names[1]?.oid).toBe(`.${IFX}.1.10101`);
    const descr = byOid(await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', '-Cr30', target(), `${IFT}.2`]));
    expect(text(descr.get(`.${IFT}.2.10148`))).toBe('GigabitEthernet1/0/48');
    const speed = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), `${IFX}.15`]);
    expect(speed.map((r) => r.value)).toContain('1000');
  });

  it('labels office ports in Polish, sent as UTF-8', async () => {
    const alias = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), `${IFX}.18`]);
    const texts = alias.map((r) => text(r));
    expect(texts.some((t) => /^Pokój 1\d\d — \S/.test(t))).toBe(true);
    expect(texts).toContain('Uplink do core-1');
    expect(texts).toContain('wolny — wyłączony');
  });

  it('has ports up, free ports down and one port shut down by the admin', async () => {
    const admin = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), `${IFT}.7`]);
    const oper = byOid(await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), `${IFT}.8`]));
    expect(admin.filter((r) => r.value === '2').map((r) => r.oid)).toEqual([`.${IFT}.7.10148`]);
    expect(oper.get(`.${IFT}.8.10101`)?.value).toBe('1');
    expect(oper.get(`.${IFT}.8.10147`)?.value).toBe('2');
  });

  it('moves its 64-bit counters between two gets', async () => {
    const oids = [`${IFX}.6.10101`, `${IFX}.10.10101`, `${IFX}.6.10149`];
    const first = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', target(), ...oids]);
    await sleep(1100);
    const second = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', target(), ...oids]);
    expect(first.every((r) => r.type === 'Counter64')).toBe(true);
    for (let i = 0; i < oids.length; i++) expect(BigInt(second[i]!.value)).toBeGreaterThan(BigInt(first[i]!.value));
  });

  it('flaps a port: oper down, then up again, with ifLastChange following', async () => {
    const seen = new Set<string>();
    const changes = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const [oper, last] = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', target(), `${IFT}.8.10113`, `${IFT}.9.10113`]);
      seen.add(oper!.value);
      changes.add(last!.value);
      await sleep(300);
    }
    expect([...seen].sort()).toEqual(['1', '2']);
    expect(changes.size).toBeGreaterThan(1);
  });

  it('ignores a wrong community and refuses SET', async () => {
    await expect(snmp('snmpget', ['-v2c', '-c', 'public', target(), '1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/Timeout/);
    await expect(snmp('snmpset', ['-v2c', '-c', 'srw-lab', target(), `${IFX}.18.10101`, 's', 'x'])).rejects.toThrow(/notWritable/);
  });

  it('answers SNMPv1 with noSuchName instead of exceptions', async () => {
    await expect(snmp('snmpget', ['-v1', '-c', 'srw-lab', target(), '1.3.6.1.2.1.1.99.0'])).rejects.toThrow(/noSuchName|There is no such variable/);
    const sys = await snmp('snmpget', ['-v1', '-c', 'srw-lab', target(), '1.3.6.1.2.1.1.5.0']);
    expect(text(sys[0])).toBe('sw-pietro1');
  });

  it('describes its chassis in ENTITY-MIB', async () => {
    const ent = byOid(await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', target(), '1.3.6.1.2.1.47.1.1.1.1']));
    expect(text(ent.get('.1.3.6.1.2.1.47.1.1.1.1.13.1'))).toBe('WS-C2960X-48FPD-L');
    expect(text(ent.get('.1.3.6.1.2.1.47.1.1.1.1.11.1'))).toMatch(/^FOC[A-Z0-9]{8}$/);
    expect(ent.get('.1.3.6.1.2.1.47.1.1.1.1.5.1')?.value).toBe('3');
  });
});

describe('simulated UPSes', () => {
  it('go on battery now and then (APC PowerNet and RFC 1628)', async () => {
    const apc = await startSimDevice(apcSmartUps({ sysName: 'ups-1' }), { powerCut: { everyS: 3, durationS: 1.5 } });
    const eaton = await startSimDevice(eatonUps({ sysName: 'ups-2' }), { powerCut: { everyS: 3, durationS: 1.5 } });
    try {
      const apcStates = new Set<string>();
      const eatonStates = new Set<string>();
      for (let i = 0; i < 16 && (apcStates.size < 2 || !eatonStates.has('3') || !eatonStates.has('5')); i++) {
        // upsBasicOutputStatus (2 onLine, 3 onBattery) and upsOutputSource (3 normal, 5 battery).
        const [a] = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${apc.port}`, '1.3.6.1.4.1.318.1.1.1.4.1.1.0']);
        const [e] = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${eaton.port}`, '1.3.6.1.2.1.33.1.4.1.0']);
        apcStates.add(a!.value);
        eatonStates.add(e!.value);
        await sleep(250);
      }
      expect([...apcStates].sort()).toEqual(['2', '3']);
      // The Eaton is an online unit: between cuts it also spends a while on static bypass (4).
      expect([...eatonStates].sort()).toEqual(expect.arrayContaining(['3', '5']));
      expect([...eatonStates].every((s) => ['3', '4', '5'].includes(s))).toBe(true);
      const charge = await snmp('snmpget', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${eaton.port}`, '1.3.6.1.2.1.33.1.2.4.0', '1.3.6.1.2.1.33.1.4.4.1.5.1']);
      expect(Number(charge[0]!.value)).toBeGreaterThan(0);
      expect(Number(charge[0]!.value)).toBeLessThanOrEqual(100);
      expect(Number(charge[1]!.value)).toBeGreaterThan(20);
    } finally {
      await apc.stop();
      await eaton.stop();
    }
  });
});

describe('startSimLab', () => {
  let lab: SimLab;
  beforeAll(async () => {
    lab = await startSimLab();
  });
  afterAll(async () => lab.stop());

  it('returns inventory entries that the inventory schema accepts', () => {
    expect(lab.inventory.switches.map((s) => s.name)).toEqual(['core-1', 'sw-parter', 'sw-pietro1', 'sw-budynek-b']);
    for (const s of lab.inventory.switches) expect(switchSchema.safeParse(s).success).toBe(true);
    for (const u of lab.inventory.upses) expect(upsSchema.safeParse(u).success).toBe(true);
    expect(lab.env).toEqual({ SRW_LAB_COMMUNITY: 'srw-lab' });
    expect(new Set(lab.devices.map((d) => d.port)).size).toBe(lab.devices.length);
  });

  it('wires access switches to the core over LLDP, both ways', async () => {
    const core = lab.inventory.switches[0]!;
    const remote = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${core.snmp.port}`, '1.0.8802.1.1.2.1.4.1.1.9']);
    expect(remote.map((r) => text(r))).toEqual(['sw-parter', 'sw-pietro1', 'sw-budynek-b']);
    const access = lab.inventory.switches[1]!;
    const up = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${access.snmp.port}`, '1.0.8802.1.1.2.1.4.1.1']);
    expect(up.map((r) => text(r))).toEqual(expect.arrayContaining(['core-1', '1/1/5']));
  });
});
