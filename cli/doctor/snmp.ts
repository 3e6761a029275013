// Each switch and UPS answers SNMP with the credentials the inventory gives it: one GET of the
// system group through the same code the poller uses, timed.
import { devicesOf, pollOnce, silentLogger, type PollDevice } from '../../monitoring/index.js';
import type { LoadedInventory } from '../../infra/inventory/index.js';
import { elapsed, type CheckResult } from './check.js';

function credentials(d: PollDevice): string {
  return d.snmp.version === '3' ? `v3 ${d.snmp.level} user ${d.snmp.user ?? '?'}` : `v${d.snmp.version}`;
}

export async function checkSnmp(loaded: LoadedInventory, opts: { timeoutMs?: number } = {}): Promise<CheckResult[]> {
  const devices = devicesOf(loaded.inventory).map((d) => (opts.timeoutMs ? { ...d, snmp: { ...d.snmp, timeoutMs: Math.min(d.snmp.timeoutMs, opts.timeoutMs) } } : d));
  const secrets = { baseDir: loaded.baseDir, file: loaded.file };
  return Promise.all(
    devices.map(async (d): Promise<CheckResult> => {
      const start = performance.now();
      const r = await pollOnce(d, ['system'], { secrets, logger: silentLogger });
      const ms = elapsed(start);
      const target = `${d.name} ${d.address}:${d.snmp.port}`;
      const s = r.snapshot;
      if (s.status === 'ok') return { check: 'snmp', target, status: 'ok', detail: `answered in ${ms} ms (${credentials(d)}${s.system?.sysName ? `, sysName ${s.system.sysName}` : ''})`, ms };
      const fix =
        s.status === 'auth'
          ? "check the v3 user, protocols and keys against the device's SNMP settings"
          : s.status === 'timeout'
            ? 'check the address, that the device allows SNMP from this machine, and the community (a wrong community looks like no answer)'
            : /port unreachable/i.test(s.reason ?? '')
              ? `nothing takes SNMP at ${d.address}:${d.snmp.port}: check the address and port, and that the SNMP agent runs`
              : 'see the reason; srw validate --secrets checks the references';
      return { check: 'snmp', target, status: 'fail', detail: `${s.status}: ${s.reason ?? 'no answer'}`, fix, ms };
    }),
  );
}
