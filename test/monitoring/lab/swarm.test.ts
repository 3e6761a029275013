// Many simulated switches in one child process (the scale benchmark's target).
import { describe, expect, it } from 'vitest';
import { startSwarm } from '../../../monitoring/lab/index.js';
import { snmp, text } from './snmp-cli.js';

describe('startSwarm', () => {
  it('serves distinct switches from one child process and goes away on stop', async () => {
    const swarm = await startSwarm({ count: 25 });
    try {
      expect(swarm.ports).toHaveLength(25);
      const names = await Promise.all([0, 12, 24].map(async (k) => text((await snmp('snmpget', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${swarm.ports[k]}`, '1.3.6.1.2.1.1.5.0']))[0])));
      expect(names).toEqual(['sw-0001', 'sw-0013', 'sw-0025']);
      const rows = await snmp('snmpbulkwalk', ['-v2c', '-c', 'srw-lab', `127.0.0.1:${swarm.ports[3]}`, '1.3.6.1.2.1.31.1.1.1.6']);
      expect(rows).toHaveLength(51);
      const stats = await swarm.stats();
      expect(stats.requests).toBeGreaterThanOrEqual(4);
      expect(stats.peakRssKb).toBeGreaterThan(0);
    } finally {
      await swarm.stop();
    }
    expect(() => process.kill(swarm.pid, 0)).toThrow();
  });
});
