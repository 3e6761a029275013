// Polls every device at its own interval with bounded concurrency and publishes the whole
// MonitoringState into a store (the TUI subscribes, the exporter reads). Owns timers and
// sessions, hence the closure over mutable per-device state.
import type { DeviceSnapshot, MonitoringState } from '../model/device.js';
import { createStore, type WritableStore } from '../publisher.js';
import type { SnmpSource } from '../snmp/source.js';
import { applyRates, emptyPortMemory, type PortMemory } from '../snmp/port-history.js';
import type { AgentLimits } from '../snmp/walk.js';
import type { SecretsContext } from './credentials.js';
import type { PollDevice } from './device.js';
import { createSessionPool } from './session-pool.js';
import { createLimiter } from './limiter.js';
import { emptySnapshot, pollOnce, silentLogger, type PollLogger } from './poll-once.js';

export type PollerOptions = {
  store?: WritableStore<MonitoringState>;
  /** Devices polled at the same time (default 64). */
  concurrency?: number;
  secrets?: SecretsContext;
  logger?: PollLogger;
  now?: () => number;
  /** Replace the network (tests, the demo): a source per device; the poller closes it on stop(). */
  sourceFor?: (device: PollDevice) => SnmpSource;
  /**
   * Spread the first polls over this many ms so that 1000 devices do not all fall due in the
   * same second of every interval. Default: 30 ms per device, at most the shortest interval
   * (8 devices: all polled within 0.25 s; 1000 devices every 30 s: evenly over the interval).
   */
  startSpreadMs?: number;
};

export type PollerStats = { polls: number; missedIntervals: number; running: number };

type DeviceState = {
  device: PollDevice;
  snapshot: DeviceSnapshot;
  memory: PortMemory;
  limits: AgentLimits;
  running: boolean;
  nextDue: number;
  missed: number;
};

export type Poller = {
  store: WritableStore<MonitoringState>;
  start(): void;
  stop(): Promise<void>;
  /** Polls now (every device, or one by name) and resolves when done. */
  pollNow(name?: string): Promise<void>;
  /**
   * Re-poll one device because something happened (a trap): now, or, when a poll of it is
   * already running (and may have read the old state), once more right after it. Requests that
   * arrive meanwhile coalesce into that one. Resolves when the state it asked for is published.
   */
  repoll(name: string): Promise<void>;
  stats(): PollerStats;
};

export function createPoller(devices: readonly PollDevice[], opts: PollerOptions = {}): Poller {
  const now = opts.now ?? Date.now;
  const log = opts.logger ?? silentLogger;
  const limiter = createLimiter(opts.concurrency ?? 64);
  const store = opts.store ?? createStore<MonitoringState>({ devices: devices.map(emptySnapshot), updatedAt: now() });
  const states = new Map<string, DeviceState>(
    devices.map((d) => [d.name, { device: d, snapshot: emptySnapshot(d), memory: emptyPortMemory(), limits: {}, running: false, nextDue: 0, missed: 0 }]),
  );
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let polls = 0;
  const inflight = new Set<Promise<void>>();

  const publish = (st: DeviceState) =>
    store.update((prev) => ({ devices: prev.devices.map((d) => (d.name === st.device.name ? st.snapshot : d)), updatedAt: now() }));

  const sessions = createSessionPool(devices, opts.secrets ?? { baseDir: process.cwd(), file: 'inventory' }, opts.sourceFor);

  const pollDevice = async (st: DeviceState): Promise<void> => {
    st.running = true;
    try {
      const source = sessions.get(st.device);
      const at = now();
      const prevStatus = st.snapshot.status;
      if (typeof source === 'string') {
        st.snapshot = { ...st.snapshot, status: 'error', reason: source, polledAt: at };
        log.warn(`snmp ${st.device.name}: error (${source})`);
      } else {
        const r = await pollOnce(st.device, st.device.modules, { source, limits: st.limits, logger: log, now });
        polls++;
        if (r.snapshot.status === 'ok') {
          st.memory = applyRates(r.snapshot.interfaces, st.memory, at, r.snapshot.sysUpTime);
          st.snapshot = r.snapshot;
        } else {
          // Keep the last good data on screen, marked with the failure and its reason.
          const { status, reason, polledAt, durationMs, pdusSent } = r.snapshot;
          st.snapshot = { ...st.snapshot, status, polledAt: polledAt ?? at, durationMs: durationMs ?? 0, pdusSent: pdusSent ?? 0, ...(reason ? { reason } : {}) };
          // Start the next poll with a fresh session (fresh USM state, engine boots/time) after
          // anything but silence: a fixed password or a restarted agent then just works.
          if (status !== 'timeout') sessions.drop(st.device.name);
        }
        if (prevStatus !== st.snapshot.status && st.snapshot.status === 'ok' && prevStatus !== 'pending')
          log.info(`snmp ${st.device.name}: answering again`);
      }
      publish(st);
    } finally {
      st.running = false;
    }
  };

  const waiting = new Map<string, Promise<void>>();
  const repollDevice = (st: DeviceState | undefined): Promise<void> => {
    if (!st) return Promise.resolve();
    const queued = waiting.get(st.device.name);
    if (queued) return queued;
    let tracked!: Promise<void>;
    const run = async () => {
      // Wait out a running poll (checked every 5 ms): it may have read the port before the
      // change the trap reports, so its result does not count.
      while (st.running) await new Promise((r) => setTimeout(r, 5));
      if (waiting.get(st.device.name) === tracked) waiting.delete(st.device.name);
      await limiter.run(() => pollDevice(st));
    };
    // Started on the next microtask, so that `tracked` is in the map before run() looks.
    tracked = Promise.resolve()
      .then(run)
      .catch((e) => log.warn(`snmp ${st.device.name}: ${(e as Error).message}`));
    waiting.set(st.device.name, tracked);
    inflight.add(tracked);
    void tracked.finally(() => inflight.delete(tracked));
    return tracked;
  };

  const schedule = () => {
    if (stopped) return;
    const t = now();
    let next = Infinity;
    for (const st of states.values()) {
      if (st.nextDue <= t) {
        const interval = (st.device.interval ?? 30) * 1000;
        // Skip ahead whole intervals; a poll still running when its next one is due is a miss.
        const behind = Math.floor((t - st.nextDue) / interval);
        st.nextDue += (behind + 1) * interval;
        if (st.running) {
          st.missed++;
          log.warn(`snmp ${st.device.name}: previous poll still running, interval missed`);
        } else {
          if (behind > 0) st.missed += behind;
          const p = limiter.run(() => pollDevice(st)).catch((e) => log.warn(`snmp ${st.device.name}: ${(e as Error).message}`));
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
      }
      next = Math.min(next, st.nextDue);
    }
    timer = setTimeout(schedule, Math.max(10, Math.min(next - now(), 60_000)));
  };

  return {
    store,
    start() {
      if (!stopped) return;
      stopped = false;
      const t = now();
      const shortest = Math.min(...devices.map((d) => (d.interval ?? 30) * 1000));
      const spread = opts.startSpreadMs ?? Math.min(shortest, 30 * states.size);
      let i = 0;
      for (const st of states.values()) st.nextDue = t + (states.size > 1 ? Math.floor((spread * i++) / states.size) : 0);
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inflight]);
      sessions.closeAll();
    },
    async pollNow(name) {
      const targets = [...states.values()].filter((s) => name === undefined || s.device.name === name);
      await Promise.all(targets.map((st) => (st.running ? Promise.resolve() : limiter.run(() => pollDevice(st)))));
    },
    repoll: (name) => repollDevice(states.get(name)),
    stats: () => ({ polls, missedIntervals: [...states.values()].reduce((n, s) => n + s.missed, 0), running: limiter.active }),
  };
}
