// Many simulated 48-port switches in ONE separate child process, for the scale benchmark: the
// poller under test runs elsewhere, so neither steals the other's CPU time in the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SwarmMessage } from './swarm-child.js';

export type Swarm = {
  host: string;
  ports: number[];
  community: string;
  pid: number;
  /** CPU time and peak RSS of the swarm process, and requests it answered. */
  stats(): Promise<Extract<SwarmMessage, { type: 'stats' }>>;
  stop(): Promise<void>;
};

const runTs = fileURLToPath(new URL('../../cli/bin/run-ts.js', import.meta.url));
const childFile = fileURLToPath(new URL('./swarm-child.ts', import.meta.url));

export async function startSwarm(opts: { count: number; community?: string; timeoutMs?: number }): Promise<Swarm> {
  const community = opts.community ?? 'srw-lab';
  const child: ChildProcess = spawn(process.execPath, [runTs, childFile], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SRW_SWARM_COUNT: String(opts.count), SRW_SWARM_COMMUNITY: community },
  });
  const ready = await new Promise<Extract<SwarmMessage, { type: 'ready' }>>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('swarm did not start in time')), opts.timeoutMs ?? 60_000);
    child.on('message', (m: SwarmMessage) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        ok(m);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        fail(new Error(`swarm: ${m.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`swarm exited with ${code} before it was ready`));
    });
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const stats = (): Promise<Extract<SwarmMessage, { type: 'stats' }>> =>
    new Promise((ok) => {
      const on = (m: SwarmMessage): void => {
        if (m.type === 'stats') {
          child.off('message', on);
          ok(m);
        }
      };
      child.on('message', on);
      child.send({ type: 'stats' });
    });
  return { host: ready.host, ports: ready.ports, community, pid: child.pid ?? -1, stats, stop };
}
