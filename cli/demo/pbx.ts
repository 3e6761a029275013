// The demo's PBX: the AMI simulator (voip/lab) with a least-privilege monitoring user, and a
// PbxScript bringing it to life.
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { PbxScript } from './pbx-script.js';

export type DemoPbx = { port: number; simulator: AmiSimulator; start(): void; stop(): void; close(): Promise<void> };

export async function startDemoPbx(o: { extensions: string[]; user: string; secret: string; seed?: number }): Promise<DemoPbx> {
  const model = new PbxModel({ extensions: o.extensions, systemName: 'srw-demo' });
  const simulator = await startAmiSimulator({
    model,
    // The same classes `srw voip render` gives the monitoring user (write=reporting only).
    users: { [o.user]: { secret: o.secret, read: ['system', 'call', 'reporting'], write: ['reporting'] } },
  });
  const script = new PbxScript(model, { extensions: o.extensions, seed: o.seed });
  script.prepare();
  return {
    port: simulator.port,
    simulator,
    start: () => script.start(),
    stop: () => script.stop(),
    close: async () => {
      script.stop();
      await simulator.stop();
    },
  };
}
