// `srw watch --once --json`: one snapshot of everything the dashboard shows, as plain JSON
// for scripts (cron, Nagios-style checks). Pure: the command supplies the state and the clock.
import type { MonitoringState, UpsStatus } from '../../monitoring/model/device.js';
import { countHealth, deviceHealth, physicalPorts, portState } from '../../monitoring/health.js';
import type { PbxState } from '../../voip/model/pbx.js';
import type { DashboardConfig } from './dashboard-config.js';
import { devicesOf, summarisePbx } from './view-model.js';

/**
 * A UPS as scripts read it: where the load is fed from (outputSource: normal, battery, bypass,
 * booster, reducer, none, other), every line, battery and probes. The raw MIB values (`mib`)
 * are the exporter's business and stay out.
 */
function upsJson(u: UpsStatus): Omit<UpsStatus, 'mib'> {
  const { mib: _mib, ...rest } = u;
  return rest;
}

export function watchSnapshot(cfg: DashboardConfig, mon: MonitoringState, pbxState: PbxState | undefined, now: number) {
  const interval = new Map(cfg.devices.map((d) => [d.name, d.intervalMs] as const));
  const devices = devicesOf(mon, cfg).map((d) => {
    const h = deviceHealth(d, now, interval.get(d.name));
    return {
      name: d.name,
      type: d.type,
      model: d.model,
      address: d.address,
      health: h.health,
      reasons: h.reasons,
      pollStatus: d.status,
      reason: d.reason,
      lastSuccessAt: d.lastSuccessAt !== undefined ? new Date(d.lastSuccessAt).toISOString() : undefined,
      ageSeconds: h.ageMs !== undefined ? Math.round(h.ageMs / 1000) : undefined,
      ...(d.type === 'switch'
        ? {
            portsUp: h.portsUp,
            portsTotal: h.portsTotal,
            worstUtilisation: h.worstUtilisation,
            worstPort: h.worstPort,
            errorRate: h.errorRate,
            ports: physicalPorts(d.interfaces).map((p) => ({
              ifIndex: p.ifIndex,
              name: p.ifName,
              alias: p.ifAlias,
              state: portState(p),
              speedBps: p.speedBps,
              inBps: p.inBps,
              outBps: p.outBps,
              utilisation: p.utilisation,
              errorsPerSec: p.errorsPerSec,
            })),
            lldp: d.lldp,
          }
        : { ups: d.ups && upsJson(d.ups) }),
    };
  });
  const pbx = summarisePbx(pbxState, cfg);
  const all = [...devices.map((d) => ({ health: d.health })), ...(pbx ? [{ health: pbx.health }] : [])];
  return {
    site: cfg.site,
    at: new Date(now).toISOString(),
    counts: countHealth(all),
    devices,
    pbx: pbx && {
      health: pbx.health,
      connection: pbx.connection,
      phonesRegistered: pbx.registered,
      phonesTotal: pbx.total,
      trunks: pbx.trunks.map((t) => ({ name: t.name, status: t.status })),
      calls: pbx.calls.map((c) => ({ parties: c.parties, state: c.state, durationSeconds: Math.round((now - c.startedAt) / 1000) })),
      extensions: pbx.extensions.map((e) => ({ number: e.number, name: e.name, department: e.department, line: e.line, contact: e.contact })),
      queues: pbx.queues.map(({ firstJoinedAt, ...q }) => ({ ...q, longestWaitSeconds: firstJoinedAt !== undefined ? Math.max(0, Math.round((now - firstJoinedAt) / 1000)) : 0 })),
    },
  };
}

export type WatchSnapshot = ReturnType<typeof watchSnapshot>;

/** Anything down (a device that does not answer, the PBX unreachable) makes `--once` exit 1. */
export const anythingDown = (s: WatchSnapshot): boolean => s.counts.down > 0;
