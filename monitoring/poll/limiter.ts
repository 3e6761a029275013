// At most `n` tasks run at once; the rest wait in arrival order. A dead device holds one slot
// for its timeout and never blocks the others.

export type Limiter = { run<T>(task: () => Promise<T>): Promise<T>; readonly active: number; readonly waiting: number };

export function createLimiter(n: number): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run(task) {
      if (active >= n) await new Promise<void>((r) => queue.push(r));
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
