// The simulator's app_queue (voip/lab/queues.ts) against the real Asterisk 22.10.1 bytes: the
// README's "Sent" blocks written to a simulator set up as the recording lab was (queue srw-bom as
// srw renders it, srw-test from the apply-path recording, 232/233 registered, 234–236 not, the
// lab clock at app_queue's LoginTime), and the bytes compared after normalising only FullyBooted's
// times. That lab's asterisk.conf sets no systemname (no SystemName header). Users are the lab's: srw-monitor (read=system,call,reporting write=reporting), srw-admin
// (read=system,config write=config,system), lab-agent (srw-monitor's read classes plus agent,
// write=reporting,agent).
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startAmiSimulator, type AmiSimulator, type SimUser } from '../../../voip/lab/ami-simulator.js';
import { labPjsipConf, parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel, type SimChannel } from '../../../voip/lab/pbx-model.js';
import { simQueues } from '../../../voip/lab/queues.js';
import { readTranscript, sentActions } from '../ami/transcripts.js';

const users: Record<string, SimUser> = {
  'srw-monitor': { secret: 'MonLab7secretX1', read: ['system', 'call', 'reporting'], write: ['reporting'] },
  'srw-admin': { secret: 'AdmLab7secret', read: ['system', 'config'], write: ['config', 'system'] },
  'lab-agent': { secret: 'AgtLab7secret', read: ['system', 'call', 'reporting', 'agent'], write: ['reporting', 'agent'] },
};

const QUEUES_CONF = `
[srw-bom]
strategy = rrmemory
timeout = 15
member = PJSIP/232,0,Sylwia Witkowska,PJSIP/232
member = PJSIP/233,0,Janusz Walczak,PJSIP/233
member = PJSIP/234,0,Hanna Stępień,PJSIP/234
member = PJSIP/235,0,Zofia Górska,PJSIP/235
member = PJSIP/236,0,Dominika Rutkowska,PJSIP/236
[srw-test]
strategy = ringall
member = PJSIP/232,0,Sylwia Witkowska,PJSIP/232
member = PJSIP/233,0,Janusz Walczak,PJSIP/233
member = PJSIP/233,0,Janusz Walczak,PJSIP/233
member = PJSIP/234,0,Hanna Stępień,PJSIP/234
`;
/** app_queue's LoginTime in every recording (epoch s when it loaded the members). */
const LOGIN_TIME = 1796461384;

/** The lab as recorded; `clock` moves the simulated time (ms). */
function lab() {
  const clock = { t: LOGIN_TIME * 1000 };
  const exts = ['232', '233', '234', '235', '236'];
  const model = new PbxModel({ extensions: exts, config: labPjsipConf(exts), files: { 'queues.conf': parseConf(QUEUES_CONF) }, systemName: '', now: () => clock.t });
  simQueues(model); // app_queue loads at start: LoginTime
  model.register('232', { port: 5091 });
  model.register('233', { port: 5111 });
  return { model, clock };
}

/** The recorded caller: the queue side of `channel originate Local/s@srw-queue-bom …`. */
const localCaller = (): SimChannel => ({
  name: 'Local/s@srw-queue-bom-00000001;2', endpoint: '', state: 6, uniqueid: '1796461484.5', linkedid: '1796461484.4', callerNum: '<unknown>', callerName: '<unknown>',
  connectedNum: '<unknown>', connectedName: '<unknown>', context: 'srw-queue-bom', exten: 's', priority: 3, application: 'Queue', data: 'srw-bom', bridgeId: '', createdAt: 0,
});

const request = (actions: string[][]) => actions.map((a) => a.map((l) => `${l}\r\n`).join('') + '\r\n').join('');
const normalise = (t: string) => t.replace(/(Uptime|LastReload): \d+/g, '$1: N');

let sim: AmiSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** Log in, run `script` once accepted, send the rest, collect until the PBX closes. */
function session(port: number, actions: string[][], script: () => void = () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1');
    let ran = false;
    s.on('data', (c) => {
      chunks.push(c);
      if (!ran && Buffer.concat(chunks).includes('Authentication accepted')) {
        ran = true;
        script();
        setTimeout(() => s.write(request(actions.slice(1))), 20);
      }
    });
    s.on('connect', () => s.write(request(actions.slice(0, 1))));
    s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    s.on('error', reject);
  });
}

async function replay(name: string, setup: (l: ReturnType<typeof lab>) => void, script?: (l: ReturnType<typeof lab>) => void) {
  const l = lab();
  setup(l);
  sim = await startAmiSimulator({ model: l.model, users, authFailDelayMs: 10 });
  const got = await session(sim.port, sentActions(name), () => script?.(l));
  expect(normalise(got)).toBe(normalise(readTranscript(name).toString('utf8')));
}

describe('app_queue in the AMI simulator speaks like the recorded Asterisk 22.10.1', () => {
  it.each(['queuestatus-idle-least-privilege.txt', 'queuestatus-idle-admin.txt'])('%s: QueueStatus/QueueSummary idle; QueuePause refused without write=agent; no Action: Queues', async (name) => {
    await replay(name, () => {});
  });

  it('queuestatus-caller-waiting-least-privilege.txt: a caller waiting 7 s while 232 rings', async () => {
    await replay('queuestatus-caller-waiting-least-privilege.txt', ({ model, clock }) => {
      clock.t = 1796461484_000;
      const q = simQueues(model);
      const caller = q.join('srw-bom', localCaller());
      Object.assign(caller, { connectedNum: '232', connectedName: 'Sylwia Witkowska' });
      // 232 rings for this caller (its device state as app_queue sees it).
      for (const qu of q.queues) for (const m of qu.members) if (m.interface === 'PJSIP/232') m.status = 'RINGING';
      clock.t += 7000;
    });
  });

  it('queuepause-write-agent.txt: pause with a reason, QueueStatus filtered by member, unpause everywhere', async () => {
    await replay('queuepause-write-agent.txt', ({ model, clock }) => {
      // The statistics of the earlier recorded calls: one answered (talk 5 s), two abandoned.
      Object.assign(simQueues(model).get('srw-bom')!, { completed: 1, completedInSl: 1, abandoned: 2, abandonedInSl: 0, talktime: 5 });
      clock.t = 1796461655_000;
    });
  });

  it.each(['events-queue-pause-member-read-agent.txt', 'events-queue-pause-member-least-privilege.txt'])('%s: what a monitor sees of a pause, with and without read=agent', async (name) => {
    await replay(
      name,
      ({ clock }) => (clock.t = 1796461655_000),
      ({ model }) => {
        simQueues(model).pause('PJSIP/233', true, { queue: 'srw-bom', reason: 'przerwa' });
        simQueues(model).pause('PJSIP/233', false);
      },
    );
  });

  it('queues-reload-module-not-loaded.txt: app_queue unloaded — Reload has no such module, its actions are unknown, ModuleLoad brings it back once', async () => {
    await replay('queues-reload-module-not-loaded.txt', ({ model }) => {
      // The recorder's `module unload app_queue.so`: the module and its queues are gone. The
      // phones had no registration then (every member Status 5, as in the apply-path recordings).
      model.loadedModules.delete('app_queue');
      simQueues(model).queues = [];
      model.unregister('232');
      model.unregister('233');
    });
  });
});
