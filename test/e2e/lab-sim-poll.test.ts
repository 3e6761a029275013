// srw's own poller against the simulated lab (what `srw demo` shows): every device answers, the
// LLDP wiring and the UPS readings come through, and counters move between polls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchSchema, upsSchema } from '../../infra/inventory/schema.js';
import { devicesOf, pollOnce, type PollDevice } from '../../monitoring/index.js';
import { startSimLab, type SimLab } from '../../monitoring/lab/index.js';

describe('srw polls the simulated lab', () => {
  let lab: SimLab;
  let devices: PollDevice[];
  const secrets = () => ({ baseDir: process.cwd(), file: 'inventory.yaml', env: { ...process.env, ...lab.env } });
  beforeAll(async () => {
    lab = await startSimLab({ communityEnv: 'SRW_E2E_SIM_COMMUNITY' });
    devices = devicesOf({ switches: lab.inventory.switches.map((s) => switchSchema.parse(s)), upses: lab.inventory.upses.map((u) => upsSchema.parse(u)) });
  });
  afterAll(async () => lab.stop());

  it('gets every device with its chassis, ports and neighbours', async () => {
    const results = await Promise.all(devices.map((d) => pollOnce(d, d.modules, { secrets: secrets() })));
    expect(results.map((r) => [r.snapshot.name, r.snapshot.status])).toEqual(devices.map((d) => [d.name, 'ok']));
    const core = results[0]!.snapshot;
    expect(core.entity?.model).toBe('JL658A');
    expect(core.lldp.map((n) => [n.localPort, n.remoteSystem])).toEqual([
      ['1/1/5', 'sw-parter'],
      ['1/1/6', 'sw-pietro1'],
      ['1/1/7', 'sw-budynek-b'],
    ]);
    const parter = results[1]!.snapshot;
    expect(parter.interfaces.find((i) => i.ifName === 'Gi1/0/49')?.ifAlias).toBe('Uplink do core-1 1/1/5');
    expect(parter.interfaces.some((i) => i.ifAlias.startsWith('Pokój '))).toBe(true);
    const ups = results.filter((r) => r.snapshot.type === 'ups').map((r) => r.snapshot.ups);
    expect(ups.map((u) => u?.source)).toEqual(['apc-powernet', 'ups-mib']);
    for (const u of ups) expect(u?.chargePercent).toBeGreaterThan(0);
  });

  it('sees counters grow between two polls', async () => {
    const sw = devices[1]!;
    const first = await pollOnce(sw, ['if_mib'], { secrets: secrets() });
    await new Promise((ok) => setTimeout(ok, 1000));
    const second = await pollOnce(sw, ['if_mib'], { secrets: secrets() });
    const port = (r: typeof first) => r.snapshot.interfaces.find((i) => i.ifName === 'Gi1/0/7')!;
    expect(port(second).inOctets!).toBeGreaterThan(port(first).inOctets!);
  });
});
