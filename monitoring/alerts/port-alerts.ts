// The ports the inventory lists under switches[].ports: down while administratively up (by role),
// errors, discards and sustained utilisation. Thresholds: the port's own `thresholds`, else
// alerts.ports.<role>. Ports are matched on the IF-MIB ifName label, as the inventory names them.
import type { Switch, SwitchPort } from '../../infra/inventory/index.js';
import { durationSeconds } from '../../infra/inventory/index.js';
import { buildAlert, percent, type AlertSettings } from './alert-builder.js';
import type { Context } from './messages.js';
import { selector, type AlertRule, type RecordingRule, type Severity } from './rule.js';

const DOWN_SEVERITY: Record<SwitchPort['role'], Severity> = { uplink: 'critical', server: 'critical', phone: 'warning', access: 'info' };

export type PortThresholds = { down: boolean; utilisation: number; errorsPerSecond: number; discardsPerSecond: number };

export function portThresholds(s: AlertSettings, p: SwitchPort): PortThresholds {
  const role = s.inv.alerts.ports[p.role];
  return {
    down: role.down,
    utilisation: p.thresholds?.utilisation ?? role.utilisation,
    errorsPerSecond: p.thresholds?.errorsPerSecond ?? role.errorsPerSecond,
    discardsPerSecond: p.thresholds?.discardsPerSecond ?? role.discardsPerSecond,
  };
}

const portContext = (sw: Switch, p: SwitchPort): Context => ({
  device: sw.name,
  model: sw.model,
  port: p.name,
  role: p.role,
  ...(p.description ? { portDescription: p.description } : {}),
  ...(p.neighbour ? { neighbour: p.neighbour.portId ? `${p.neighbour.sysName} ${p.neighbour.portId}` : p.neighbour.sysName } : {}),
});

export const UTILISATION_RECORD = 'srw:port_utilisation:ratio';

/** max(in, out) bits per second over the port speed, for the listed ports only (dashboards read it too). */
export function portUtilisationRecord(s: AlertSettings, sw: Switch, p: SwitchPort): RecordingRule {
  const sel = selector({ device: sw.name, ifName: p.name });
  const w = s.inv.alerts.rateWindow;
  const rin = `max(rate(ifHCInOctets${sel}[${w}]))`;
  const rout = `max(rate(ifHCOutOctets${sel}[${w}]))`;
  return {
    record: UTILISATION_RECORD,
    expr: `(${rin} > ${rout} or ${rout}) * 8 / (max(ifHighSpeed${sel}) * 1000000 > 0)`,
    labels: { device: sw.name, ifName: p.name, role: p.role },
  };
}

export function portAlerts(s: AlertSettings, sw: Switch, p: SwitchPort): AlertRule[] {
  const t = portThresholds(s, p);
  const sel = selector({ device: sw.name, ifName: p.name });
  const at = (name: string, extra: Record<string, string> = {}) => `${name}${selector({ device: sw.name, ifName: p.name, ifIndex: '1', ...extra })}`;
  const ctx = portContext(sw, p);
  const labels = { ifName: p.name, role: p.role };
  const department = s.inv.alerts.departments.switches;
  const step = durationSeconds(s.inv.alerts.evaluationInterval);
  const out: AlertRule[] = [];
  if (t.down) {
    out.push(
      buildAlert(s, 'PortDown', {
        // down(2), notPresent(6), lowerLayerDown(7); dormant(5) is a normal state for some links.
        expr: `count(ifOperStatus${sel} == 2 or ifOperStatus${sel} == 6 or ifOperStatus${sel} == 7) > 0 and on() max(ifAdminStatus${sel}) == 1`,
        severity: DOWN_SEVERITY[p.role],
        department,
        context: ctx,
        labels,
        cases: [
          {
            what: 'the port is down while administratively up',
            fires: [{ series: at('ifOperStatus'), values: '2x{n}' }, { series: at('ifAdminStatus'), values: '1x{n}' }],
            silent: [{ series: at('ifOperStatus'), values: '1x{n}' }, { series: at('ifAdminStatus'), values: '1x{n}' }],
          },
          {
            what: 'a port shut down on purpose stays silent',
            fires: [{ series: at('ifOperStatus'), values: '7x{n}' }, { series: at('ifAdminStatus'), values: '1x{n}' }],
            silent: [{ series: at('ifOperStatus'), values: '2x{n}' }, { series: at('ifAdminStatus'), values: '2x{n}' }],
          },
        ],
      }),
    );
  }
  const w = s.inv.alerts.rateWindow;
  // rate() divides by the whole window: it reaches the true rate once the window is full of samples.
  const warm = Math.ceil(durationSeconds(w) / step);
  // A counter growing by `good` per step for a full window, then by `bad`: the fault starts at step `warm`.
  const counter = (good: number, bad: number) => `0+${good}x${warm} ${warm * good + bad}+${bad}x{n}`;
  const pair = (inName: string, outName: string, thr: number, key: 'PortErrors' | 'PortDiscards'): AlertRule => {
    const bad = Math.max(thr * 2, 1) * step;
    const good = (thr / 2) * step;
    return buildAlert(s, key, {
      expr: `sum(rate(${inName}${sel}[${w}])) + sum(rate(${outName}${sel}[${w}])) > ${thr}`,
      severity: 'warning',
      department,
      context: { ...ctx, threshold: String(thr) },
      labels,
      cases: [
        {
          what: `more than ${thr}/s on the port`,
          warmupSteps: warm,
          fires: [{ series: at(inName), values: counter(good, bad) }, { series: at(outName), values: '0+0x{n}' }],
          silent: [{ series: at(inName), values: `0+${good}x{n}` }, { series: at(outName), values: '0+0x{n}' }],
        },
      ],
    });
  };
  out.push(pair('ifInErrors', 'ifOutErrors', t.errorsPerSecond, 'PortErrors'));
  out.push(pair('ifInDiscards', 'ifOutDiscards', t.discardsPerSecond, 'PortDiscards'));
  // 1 Gb/s in the tests: ifHighSpeed 1000.
  const bytesPerStep = (ratio: number) => Math.round((ratio * 1e9 * step) / 8);
  out.push(
    buildAlert(s, 'PortUtilisation', {
      expr: `max(${UTILISATION_RECORD}${sel}) > ${t.utilisation}`,
      severity: 'warning',
      department,
      context: { ...ctx, threshold: percent(t.utilisation) },
      labels,
      cases: [
        {
          what: `traffic above ${percent(t.utilisation)} of the port speed`,
          warmupSteps: warm,
          fires: [
            { series: at('ifHCInOctets'), values: counter(bytesPerStep(t.utilisation / 2), bytesPerStep((t.utilisation + 1) / 2)) },
            { series: at('ifHCOutOctets'), values: `0+${bytesPerStep(t.utilisation / 4)}x{n}` },
            { series: at('ifHighSpeed'), values: '1000x{n}' },
          ],
          silent: [
            { series: at('ifHCInOctets'), values: `0+${bytesPerStep(t.utilisation / 2)}x{n}` },
            { series: at('ifHCOutOctets'), values: `0+${bytesPerStep(t.utilisation / 3)}x{n}` },
            { series: at('ifHighSpeed'), values: '1000x{n}' },
          ],
        },
        {
          what: 'transmit counts as much as receive',
          warmupSteps: warm,
          fires: [
            { series: at('ifHCInOctets'), values: `0+${bytesPerStep(t.utilisation / 4)}x{n}` },
            { series: at('ifHCOutOctets'), values: counter(bytesPerStep(t.utilisation / 3), bytesPerStep((t.utilisation + 1) / 2)) },
            { series: at('ifHighSpeed'), values: '1000x{n}' },
          ],
          silent: [
            // A port without a speed (ifHighSpeed 0) gives no ratio rather than infinity.
            { series: at('ifHCInOctets'), values: `0+${bytesPerStep(0.9)}x{n}` },
            { series: at('ifHCOutOctets'), values: `0+${bytesPerStep(0.9)}x{n}` },
            { series: at('ifHighSpeed'), values: '0x{n}' },
          ],
        },
      ],
    }),
  );
  return out;
}
