// The embedded lab behind `srw demo`: simulated switches (several vendor profiles) and UPSes
// from monitoring/lab, each on its own loopback address and ephemeral UDP port, plus the AMI
// simulator from voip/lab driven by PbxScript; and the generated inventory pointing at them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labProfiles } from '../../monitoring/lab/sim-lab.js';
import { startSimDevice, type SimDevice } from '../../monitoring/lab/device.js';
import { DEMO_EXTENSIONS, labInventoryYaml, labSecrets, type LabDevice } from './lab-inventory.js';
import { startDemoPbx, type DemoPbx } from './pbx.js';

export type DemoLabOptions = {
  locale: 'pl' | 'en';
  /** Seconds between polls written into the inventory. */
  interval?: number;
  accessSwitches?: number;
  upses?: number;
  /** Leave the PBX out (no AMI simulator). */
  noPbx?: boolean;
};

export type DemoLab = {
  dir: string;
  inventoryPath: string;
  devices: LabDevice[];
  /** Start the PBX's life (registrations, calls); the demo calls it once the dashboard watches, so the
   *  first registrations arrive as events the monitor sees (contact addresses included). */
  startActivity(): void;
  stop(): Promise<void>;
};

export async function startDemoLab(o: DemoLabOptions): Promise<DemoLab> {
  const dir = await mkdtemp(join(tmpdir(), 'srw-demo-'));
  const sims: SimDevice[] = [];
  let pbx: DemoPbx | undefined;
  const stop = async () => {
    pbx?.stop();
    await Promise.allSettled([...sims.map((s) => s.stop()), pbx?.close()]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const community = randomBytes(9).toString('base64url');
    const { core, access, upses } = labProfiles(o.accessSwitches ?? 3, o.upses ?? 2);
    const devices: LabDevice[] = [];
    let n = 1;
    // One loopback address per device: the inventory refuses two devices with the same address.
    for (const p of [core, ...access]) {
      const s = await startSimDevice(p, { host: `127.0.1.${n++}`, community, flap: { everyS: 90, downS: 20 } });
      sims.push(s);
      devices.push({ kind: 'switch', name: p.sysName, model: p.model, location: p.sysLocation, address: s.host, port: s.port });
    }
    for (const p of upses) {
      const s = await startSimDevice(p, { host: `127.0.1.${n++}`, community, powerCut: { everyS: 240, durationS: 45 } });
      sims.push(s);
      devices.push({ kind: 'ups', name: p.sysName, model: p.model, location: p.sysLocation, address: s.host, port: s.port, modules: ['system', 'ups'] });
    }
    const amiSecret = randomBytes(12).toString('base64url');
    if (!o.noPbx) pbx = await startDemoPbx({ extensions: DEMO_EXTENSIONS.map((e) => e.number), user: 'srw-monitor', secret: amiSecret });
    await mkdir(join(dir, 'secrets'), { mode: 0o700 });
    await writeFile(join(dir, 'secrets', 'lab.env'), labSecrets(community, amiSecret), { mode: 0o600 });
    const inventoryPath = join(dir, 'inventory.yaml');
    const yaml = labInventoryYaml({
      devices,
      pbx: pbx ? { address: '127.0.0.1', port: pbx.port, user: 'srw-monitor' } : undefined,
      locale: o.locale,
      interval: o.interval ?? 2,
      secretsFile: 'secrets/lab.env',
    });
    await writeFile(inventoryPath, yaml, { mode: 0o600 });
    return { dir, inventoryPath, devices, startActivity: () => pbx?.start(), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
