// A notification asks for a fresh poll of its device, so the state on screen and on /metrics
// follows within a round trip instead of at the next interval. At most one re-poll per device
// per `minGapMs` starts (a trailing one catches what came in meanwhile): a flapping port that
// sends ten traps a second costs two polls a second, not ten.
import type { Notification } from './notification.js';

export type Repoller = { repoll(name: string): Promise<void> };

export function createTrapRepoll(poller: Repoller, opts: { minGapMs?: number; now?: () => number } = {}): { onNotification(n: Notification): void; stop(): void } {
  const gap = opts.minGapMs ?? 500;
  const now = opts.now ?? Date.now;
  const last = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  const fire = (device: string) => {
    last.set(device, now());
    void poller.repoll(device);
  };
  return {
    onNotification(n) {
      // authenticationFailure tells of someone else's mistake; the device's state did not change.
      if (n.about === 'auth') return;
      const since = now() - (last.get(n.device) ?? -Infinity);
      if (since >= gap) return fire(n.device);
      if (trailing.has(n.device)) return;
      trailing.set(
        n.device,
        setTimeout(() => {
          trailing.delete(n.device);
          fire(n.device);
        }, gap - since),
      );
    },
    stop() {
      for (const t of trailing.values()) clearTimeout(t);
      trailing.clear();
    },
  };
}
