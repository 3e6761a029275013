// A switch or UPS not answering, and the exporter itself not scraped. Written to fire in both
// ways of deploying the exporter:
// - per-target /snmp (the snmp_exporter pattern): the srw-snmp job gives every series the target's
//   `device` label; a dead device answers either srw_snmp_up 0 or, as snmp_exporter does, a failed
//   scrape (up 0, no srw_snmp_up at all);
// - /metrics: every series carries `device` from the exporter itself, srw_snmp_up 0 when dead.
// `srw_snmp_up or up` takes srw_snmp_up where the scrape has it and the scrape's own `up` where not.
import type { Inventory, SnmpDevice } from '../../infra/inventory/index.js';
import { buildAlert, type AlertSettings } from './alert-builder.js';
import { selector, type AlertRule } from './rule.js';

export function deviceDownAlert(s: AlertSettings, d: SnmpDevice): AlertRule {
  const sel = selector({ device: d.name });
  const department = d.type === 'switch' ? s.inv.alerts.departments.switches : s.inv.alerts.departments.upses;
  return buildAlert(s, 'DeviceDown', {
    expr: `min(srw_snmp_up${sel} or up${sel}) == 0`,
    severity: 'critical',
    department,
    context: { device: d.name, model: d.model, ...(d.location ? { location: d.location } : {}) },
    labels: { kind: d.type },
    cases: [
      {
        what: 'the exporter answers srw_snmp_up 0',
        fires: [{ series: `srw_snmp_up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '0x{n}' }, { series: `up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '1x{n}' }],
        silent: [{ series: `srw_snmp_up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '1x{n}' }, { series: `up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '1x{n}' }],
      },
      {
        what: 'the /snmp scrape fails as snmp_exporter does (up 0, no srw_snmp_up)',
        fires: [{ series: `up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '0x{n}' }],
        silent: [{ series: `up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '1x{n}' }, { series: `srw_snmp_up${selector({ device: d.name, job: 'srw-snmp' })}`, values: '1x{n}' }],
      },
      {
        what: 'the device is down in the /metrics deployment (one exporter target, device label from the exporter)',
        fires: [{ series: `srw_snmp_up${selector({ device: d.name, job: 'srw', instance: '127.0.0.1:9116' })}`, values: '0x{n}' }, { series: `up${selector({ job: 'srw', instance: '127.0.0.1:9116' })}`, values: '1x{n}' }],
        silent: [{ series: `srw_snmp_up${selector({ device: 'other-device', job: 'srw', instance: '127.0.0.1:9116' })}`, values: '0x{n}' }, { series: `srw_snmp_up${selector({ device: d.name, job: 'srw', instance: '127.0.0.1:9116' })}`, values: '1x{n}' }],
      },
    ],
  });
}

/**
 * Every scrape through an exporter failing (its /metrics target and every /snmp target), or no
 * srw target in Prometheus at all. The `exporter` target label is written by the generated
 * Prometheus configuration (infra/constructs/prometheus-config.ts).
 */
export function exporterDownAlert(s: AlertSettings): AlertRule {
  return buildAlert(s, 'ExporterDown', {
    expr: `max by (exporter) (up{exporter!=""}) == 0 or absent(up{exporter!=""})`,
    severity: 'critical',
    department: s.inv.alerts.departments.monitoring,
    context: { device: 'srw-exporter' },
    cases: [
      {
        what: 'every target through the exporter fails',
        seriesLabels: { exporter: '127.0.0.1:9116' },
        fires: [
          { series: `up${selector({ exporter: '127.0.0.1:9116', job: 'srw-snmp', instance: 'core-1' })}`, values: '0x{n}' },
          { series: `up${selector({ exporter: '127.0.0.1:9116', job: 'srw-pbx', instance: '127.0.0.1:9116' })}`, values: '0x{n}' },
        ],
        silent: [
          // One dead device behind a live exporter is a DeviceDown, not an ExporterDown.
          { series: `up${selector({ exporter: '127.0.0.1:9116', job: 'srw-snmp', instance: 'core-1' })}`, values: '0x{n}' },
          { series: `up${selector({ exporter: '127.0.0.1:9116', job: 'srw-pbx', instance: '127.0.0.1:9116' })}`, values: '1x{n}' },
        ],
      },
      {
        what: 'Prometheus has no srw target at all',
        fires: [{ series: `up${selector({ job: 'prometheus', instance: 'localhost:9090' })}`, values: '1x{n}' }],
        silent: [{ series: `up${selector({ exporter: '127.0.0.1:9116', job: 'srw', instance: '127.0.0.1:9116' })}`, values: '1x{n}' }],
      },
    ],
  });
}

export function snmpDevicesOf(inv: Inventory): SnmpDevice[] {
  return [...inv.switches.map((d) => ({ ...d, type: 'switch' as const })), ...inv.upses.map((d) => ({ ...d, type: 'ups' as const }))];
}
