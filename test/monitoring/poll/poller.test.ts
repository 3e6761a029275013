import { describe, expect, it, vi } from 'vitest';
import { createPoller } from '../../../monitoring/poll/poller.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { SnmpError, type SnmpSource } from '../../../monitoring/snmp/source.js';
import { fakeSwitch } from '../snmp/fake-agent.js';

const dev = (name: string, interval = 30): PollDevice => ({
  name,
  type: 'switch',
  address: '127.0.0.1',
  model: 'm',
  modules: ['if_mib'],
  interval,
  snmp: { version: '2c', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 100, retries: 0, maxRepetitions: 25 },
});

/** An agent that answers nothing: every request fails after `ms`, like a dead host. */
function deadSource(ms: number): SnmpSource {
  const fail = () => new Promise<never>((_, reject) => setTimeout(() => reject(new SnmpError('timeout', 'no answer within the timeout')), ms));
  return { version: '2c', pdusSent: 0, get: fail, getNext: fail, getBulk: fail, close() {} };
}

describe('createPoller', () => {
  it('publishes each device as soon as it is done: a dead device does not hold the others back', async () => {
    const poller = createPoller([dev('dead'), dev('alive')], { sourceFor: (d) => (d.name === 'dead' ? deadSource(300) : fakeSwitch(8)) });
    const seen: string[] = [];
    poller.store.subscribe(() => {
      for (const d of poller.store.getSnapshot().devices) if (d.status !== 'pending' && !seen.includes(d.name)) seen.push(d.name);
    });
    await poller.pollNow();
    expect(seen).toEqual(['alive', 'dead']);
    const byName = Object.fromEntries(poller.store.getSnapshot().devices.map((d) => [d.name, d]));
    expect(byName.alive).toMatchObject({ status: 'ok' });
    expect(byName.alive!.interfaces).toHaveLength(8);
    expect(byName.dead).toMatchObject({ status: 'timeout' });
    await poller.stop();
  });

  it('keeps the last good data of a device that stops answering, marked with the failure', async () => {
    let alive = true;
    const good = fakeSwitch(4);
    const poller = createPoller([dev('sw')], { sourceFor: () => ({ ...good, version: '2c', get pdusSent() { return good.pdusSent; }, get: (o) => (alive ? good.get(o) : deadSource(10).get(o)), getNext: (o) => good.getNext(o), getBulk: (o, r) => good.getBulk(o, r), close() {} }) });
    await poller.pollNow();
    alive = false;
    await poller.pollNow();
    const d = poller.store.getSnapshot().devices[0]!;
    expect(d.status).toBe('timeout');
    expect(d.interfaces).toHaveLength(4);
    expect(d.lastSuccessAt).toBeDefined();
    await poller.stop();
  });

  it('computes rates between polls of the same device', async () => {
    let t = 1_000_000;
    let bump = 0n;
    const base = fakeSwitch(2);
    const src: SnmpSource = {
      version: '2c',
      get pdusSent() {
        return base.pdusSent;
      },
      get: (o) => base.get(o),
      getNext: (o) => base.getNext(o),
      async getBulk(o, r) {
        const rows = await base.getBulk(o, r);
        return rows.map((col) => col.map((vb) => (vb.type === 'counter64' ? { ...vb, value: (vb.value as bigint) + bump } : vb)));
      },
      close() {},
    };
    const poller = createPoller([dev('sw')], { sourceFor: () => src, now: () => t });
    await poller.pollNow();
    t += 10_000;
    bump = 1_250_000n; // 1.25 MB in 10 s = 1 Mb/s
    await poller.pollNow();
    const ports = poller.store.getSnapshot().devices[0]!.interfaces;
    expect(ports.map((p) => p.inBps)).toEqual([1_000_000, 1_000_000]);
    expect(ports[0]!.inHistory).toEqual([1_000_000]);
    await poller.stop();
  });

  it('start() polls on the interval and stop() ends every timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const poller = createPoller([dev('a', 1)], { sourceFor: () => fakeSwitch(1) });
      poller.start();
      await vi.advanceTimersByTimeAsync(1500);
      await poller.stop();
      const polls = poller.stats().polls;
      expect(polls).toBe(2); // at start and one interval later
      await vi.advanceTimersByTimeAsync(5000);
      expect(poller.stats().polls).toBe(polls);
      expect(poller.stats().missedIntervals).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
