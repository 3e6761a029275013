// Small process helpers shared by the lab harness: free ports, waiting for an agent to answer,
// stopping a child for sure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** An ephemeral UDP port on 127.0.0.1: bind port 0, read it, close. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((ok, fail) => {
    socket.once('error', fail);
    socket.bind(0, '127.0.0.1', () => ok());
  });
  const { port } = socket.address();
  await new Promise<void>((ok) => socket.close(() => ok()));
  return port;
}

/** An ephemeral TCP port on 127.0.0.1. */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Polls `probe` until it returns true or `timeoutMs` passes; throws with `what` and the last output. */
export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, child?: ChildProcess, log?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${what}: exited with ${child.exitCode} before answering\n${log?.() ?? ''}`);
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`${what}: no answer within ${timeoutMs} ms\n${log?.() ?? ''}`);
    await sleep(200);
  }
}

/** One snmpget of sysObjectID via the Net-SNMP CLI; true when the agent answered. */
export function snmpAnswers(port: number, args: string[]): boolean {
  const r = spawnSync('snmpget', [...args, '-On', '-t', '0.5', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.2.0'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('1.3.6.1.2.1.1.2.0');
}

/** Starts a long-running daemon without a shell, so `child.pid` is the daemon itself. */
export function startDaemon(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** True while a process with this pid exists. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `cleanup` when this process exits without having called stop() (a crashed test, an
 * uncaught error in a script): daemons are separate processes and would otherwise outlive us.
 * Returns the function that stop() calls to run it now and unregister it.
 */
export function onExitCleanup(cleanup: () => void): () => void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    cleanup();
  };
  process.once('exit', run);
  return () => {
    process.removeListener('exit', run);
    run();
  };
}

/**
 * Starts a daemon on a port chosen just before it binds. Another process may take the port
 * between our probe and the daemon's bind, so up to three fresh ports are tried. stop() (or
 * this process exiting without it) kills the daemon and removes `tempDir`.
 */
export async function startOnFreePort(opts: {
  what: string;
  command: string;
  args: (port: number) => string[];
  freePort: () => Promise<number>;
  ready: (port: number) => Promise<boolean> | boolean;
  tempDir: string;
  timeoutMs: number;
}): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await opts.freePort();
    const { child, output } = startDaemon(opts.command, opts.args(port));
    const cleanup = onExitCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(opts.tempDir, { recursive: true, force: true });
    });
    try {
      await waitUntil(opts.what, () => opts.ready(port), opts.timeoutMs, child, output);
      return {
        port,
        pid: child.pid ?? -1,
        stop: async () => {
          await stopChild(child);
          cleanup();
        },
      };
    } catch (e) {
      lastError = e;
      // A later attempt may still use tempDir; the exit hook stays as a harmless last resort.
      await stopChild(child);
    }
  }
  rmSync(opts.tempDir, { recursive: true, force: true });
  throw lastError;
}
