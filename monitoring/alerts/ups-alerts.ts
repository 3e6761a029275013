// UPS alerts on srw's own UPS series (monitoring/exporter/ups-metrics.ts), which mean the same
// whichever MIB the UPS speaks (RFC 1628, APC PowerNet, Eaton XUPS): on battery, on bypass, battery
// low, runtime low, replace battery, overload, high battery or room temperature.
import type { Ups, UpsAlertThresholds } from '../../infra/inventory/index.js';
import { buildAlert, percent, type AlertSettings } from './alert-builder.js';
import type { Context } from './messages.js';
import { selector, type AlertRule } from './rule.js';

export function upsThresholds(s: AlertSettings, u: Ups): UpsAlertThresholds {
  const own = s.inv.alerts.upses[u.name] ?? {};
  return { ...s.inv.alerts.ups, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
}

export function upsAlerts(s: AlertSettings, u: Ups): AlertRule[] {
  const t = upsThresholds(s, u);
  const sel = (extra: Record<string, string> = {}) => selector({ device: u.name, ...extra });
  const ctx: Context = { device: u.name, model: u.model, ...(u.location ? { location: u.location } : {}) };
  const department = s.inv.alerts.departments.upses;
  const source = (src: string) => [
    { series: `srw_ups_output_source${sel({ source: 'normal' })}`, values: `${src === 'normal' ? 1 : 0}x{n}` },
    { series: `srw_ups_output_source${sel({ source: 'battery' })}`, values: `${src === 'battery' ? 1 : 0}x{n}` },
    { series: `srw_ups_output_source${sel({ source: 'bypass' })}`, values: `${src === 'bypass' ? 1 : 0}x{n}` },
  ];
  const status = (st: string, charge: number) => [
    { series: `srw_ups_battery_status${sel({ status: 'normal' })}`, values: `${st === 'normal' ? 1 : 0}x{n}` },
    { series: `srw_ups_battery_status${sel({ status: 'low' })}`, values: `${st === 'low' ? 1 : 0}x{n}` },
    { series: `srw_ups_battery_charge_ratio${sel()}`, values: `${charge}x{n}` },
  ];
  const one = (name: string, v: number) => [{ series: `${name}${sel()}`, values: `${v}x{n}` }];
  const runtime = t.runtimeMinutes * 60;
  return [
    buildAlert(s, 'UpsOnBattery', {
      expr: `max(srw_ups_output_source${sel({ source: 'battery' })}) == 1`,
      severity: 'critical',
      department,
      context: ctx,
      cases: [
        { what: 'the load runs on the battery', fires: source('battery'), silent: source('normal') },
        { what: 'bypass is not battery', fires: source('battery'), silent: source('bypass') },
      ],
    }),
    buildAlert(s, 'UpsOnBypass', {
      expr: `max(srw_ups_output_source${sel({ source: 'bypass' })}) == 1`,
      severity: 'warning',
      department,
      context: ctx,
      cases: [{ what: 'the load runs on bypass, unprotected', fires: source('bypass'), silent: source('normal') }],
    }),
    buildAlert(s, 'UpsBatteryLow', {
      expr: `max(srw_ups_battery_status${sel({ status: 'low' })} == 1 or srw_ups_battery_status${sel({ status: 'depleted' })} == 1) or min(srw_ups_battery_charge_ratio${sel()}) < ${t.batteryLow}`,
      severity: 'critical',
      department,
      context: { ...ctx, threshold: percent(t.batteryLow) },
      cases: [
        { what: `charge below ${percent(t.batteryLow)}`, fires: status('normal', t.batteryLow / 2), silent: status('normal', (t.batteryLow + 1) / 2) },
        { what: 'the UPS itself reports the battery low', fires: status('low', 1), silent: status('normal', 1) },
      ],
    }),
    buildAlert(s, 'UpsRuntimeLow', {
      expr: `min(srw_ups_runtime_remaining_seconds${sel()}) < ${runtime}`,
      severity: 'critical',
      department,
      context: { ...ctx, threshold: `${t.runtimeMinutes} min` },
      cases: [{ what: `runtime under ${t.runtimeMinutes} min`, fires: one('srw_ups_runtime_remaining_seconds', Math.floor(runtime / 2)), silent: one('srw_ups_runtime_remaining_seconds', runtime * 3 + 60) }],
    }),
    buildAlert(s, 'UpsReplaceBattery', {
      expr: `max(srw_ups_battery_replace_needed${sel()}) == 1`,
      severity: 'warning',
      department,
      context: ctx,
      cases: [{ what: 'the UPS asks for a new battery', fires: one('srw_ups_battery_replace_needed', 1), silent: one('srw_ups_battery_replace_needed', 0) }],
    }),
    buildAlert(s, 'UpsOverload', {
      expr: `max(srw_ups_load_ratio${sel()}) > ${t.load}`,
      severity: 'warning',
      department,
      context: { ...ctx, threshold: percent(t.load) },
      cases: [{ what: `load above ${percent(t.load)}`, fires: one('srw_ups_load_ratio', t.load + 0.1), silent: one('srw_ups_load_ratio', t.load / 2) }],
    }),
    buildAlert(s, 'UpsTemperature', {
      expr: `max(srw_ups_battery_temperature_celsius${sel()}) > ${t.batteryTemperatureCelsius} or max(srw_ups_probe_temperature_celsius${sel()}) > ${t.ambientTemperatureCelsius}`,
      severity: 'warning',
      department,
      context: { ...ctx, threshold: s.lang === 'pl' ? `${t.batteryTemperatureCelsius} °C (bateria) lub ${t.ambientTemperatureCelsius} °C (czujnik)` : `${t.batteryTemperatureCelsius} °C (battery) or ${t.ambientTemperatureCelsius} °C (probe)` },
      cases: [
        {
          what: `battery above ${t.batteryTemperatureCelsius} °C`,
          fires: one('srw_ups_battery_temperature_celsius', t.batteryTemperatureCelsius + 5),
          silent: one('srw_ups_battery_temperature_celsius', t.batteryTemperatureCelsius - 5),
        },
        {
          what: `a probe above ${t.ambientTemperatureCelsius} °C`,
          fires: [...one('srw_ups_battery_temperature_celsius', t.batteryTemperatureCelsius - 5), { series: `srw_ups_probe_temperature_celsius${sel({ probe: '1' })}`, values: `${t.ambientTemperatureCelsius + 3}x{n}` }],
          silent: [...one('srw_ups_battery_temperature_celsius', t.batteryTemperatureCelsius - 5), { series: `srw_ups_probe_temperature_celsius${sel({ probe: '1' })}`, values: `${t.ambientTemperatureCelsius - 3}x{n}` }],
        },
      ],
    }),
  ];
}
