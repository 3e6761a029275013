// bcrypt checks off the main thread. bcryptjs is pure JavaScript: even its async API computes on
// the event loop, so 200 requests with a wrong password delayed an authorised scrape by 16 s
// (issue 12). One worker thread does the hashing; the event loop only posts messages. At most
// `maxPending` checks wait: beyond that the caller is told 'busy' before any user is looked up,
// so a flood costs a bounded queue and reveals nothing.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated by the worker, so it runs the same from TypeScript sources (tsx)
// and from compiled JavaScript; bcryptjs is loaded by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptjs);
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(password, hash); } catch { ok = false; }
  parentPort.postMessage({ id, ok });
});
`;

export type BcryptChecker = {
  /** True when `password` matches `hash`; undefined when too many checks are waiting. */
  compare(password: string, hash: string): Promise<boolean> | undefined;
  /** Checks done so far (tests use it to show every failing path costs the same). */
  readonly compares: number;
  close(): Promise<void>;
};

export function createBcryptChecker(maxPending = 16): BcryptChecker {
  let worker: Worker | undefined;
  let nextId = 0;
  let compares = 0;
  const pending = new Map<number, (ok: boolean) => void>();
  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs: createRequire(import.meta.url).resolve('bcryptjs') } });
    w.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      const done = pending.get(id);
      pending.delete(id);
      done?.(ok);
    });
    // A worker that dies fails what it was asked (refused, never accepted) and is replaced on demand.
    const fail = () => {
      if (worker === w) worker = undefined;
      for (const done of pending.values()) done(false);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', fail);
    // Idle, it must not keep the process alive.
    w.unref();
    return w;
  };
  return {
    compare(password, hash) {
      if (pending.size >= maxPending) return undefined;
      worker ??= start();
      const id = nextId++;
      compares++;
      const p = new Promise<boolean>((resolve) => pending.set(id, resolve));
      worker.ref();
      worker.postMessage({ id, password, hash });
      return p.finally(() => {
        if (pending.size === 0) worker?.unref();
      });
    },
    get compares() {
      return compares;
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
