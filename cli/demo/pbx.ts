// The demo's PBX: the AMI simulator (voip/lab) with a least-privilege monitoring user, and a
// PbxScript bringing it to life: calls between the offices, and outside callers queueing for the
// citizens' service office (Biuro Obsługi Mieszkańców), as the example city's call flows do.
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labDialplanConf, parseConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { simQueues } from '../../voip/lab/queues.js';
import { DEMO_EXTENSIONS, DEMO_TRUNK } from './lab-inventory.js';
import { PbxScript } from './pbx-script.js';

export type DemoPbx = { port: number; simulator: AmiSimulator; start(): void; stop(): void; close(): Promise<void> };

/** The queue the demo's outside callers wait in: queues.conf as `srw voip render` writes a call-flow queue. */
export const DEMO_QUEUE = 'srw-bom';
const DEMO_QUEUE_DEPARTMENT = 'Biuro Obsługi Mieszkańców';

function demoQueuesConf(extensions: readonly string[]): string {
  const members = DEMO_EXTENSIONS.filter((e) => e.department === DEMO_QUEUE_DEPARTMENT && extensions.includes(e.number));
  return [
    '[general]',
    '',
    `[${DEMO_QUEUE}]`,
    'strategy = rrmemory',
    'ringinuse = no',
    'joinempty = paused,unavailable,invalid,unknown',
    ...members.map((m) => `member = PJSIP/${m.number},0,${m.name},PJSIP/${m.number}`),
    '',
  ].join('\n');
}

export async function startDemoPbx(o: { extensions: string[]; user: string; secret: string; seed?: number }): Promise<DemoPbx> {
  const model = new PbxModel({
    extensions: o.extensions,
    systemName: 'srw-demo',
    files: { 'extensions.conf': labDialplanConf(o.extensions), 'queues.conf': parseConf(demoQueuesConf(o.extensions)) },
  });
  const simulator = await startAmiSimulator({
    model,
    // The same classes `srw voip render` gives the monitoring user (write=reporting only).
    users: { [o.user]: { secret: o.secret, read: ['system', 'call', 'reporting'], write: ['reporting'] } },
  });
  const queues = simQueues(model);
  const members = (queues.get(DEMO_QUEUE)?.members ?? []).map((m) => m.interface.replace(/^PJSIP\//, ''));
  const script = new PbxScript(model, {
    extensions: o.extensions,
    seed: o.seed,
    ...(members.length ? { queue: { name: DEMO_QUEUE, members, from: DEMO_TRUNK.name, queues, hangupChannel: (name: string) => void model.hangupChannel(name) } } : {}),
  });
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
