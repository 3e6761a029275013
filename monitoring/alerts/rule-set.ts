// The whole rule set of a site, from its inventory: recording rules first (the alerts and the
// dashboards read them), then one group per kind of alert. Rules are written per device, port,
// UPS and trunk, so each one says in plain words which thing is wrong and where it is.
import type { Inventory } from '../../infra/inventory/index.js';
import type { AlertSettings } from './alert-builder.js';
import { deviceDownAlert, exporterDownAlert, snmpDevicesOf } from './device-alerts.js';
import type { Lang } from './messages.js';
import { pbxAlerts } from './pbx-alerts.js';
import { portAlerts, portUtilisationRecord } from './port-alerts.js';
import { isAlert, type AlertRule, type RecordingRule, type RuleGroup } from './rule.js';
import { upsAlerts } from './ups-alerts.js';

export const DEVICE_UP_RECORD = 'srw:device_up';
export const ENDPOINTS_OFFLINE_RECORD = 'srw:pbx_endpoints_offline:ratio';

/** Recording rules that hold whatever the deployment mode (see device-alerts.ts). */
export function sharedRecords(): RecordingRule[] {
  return [
    // 1 answering, 0 not: srw_snmp_up where the scrape has it, the /snmp scrape's `up` where not.
    { record: DEVICE_UP_RECORD, expr: 'min by (device) (srw_snmp_up{device!=""} or up{device!="",srw_kind=~"switch|ups"})' },
    { record: ENDPOINTS_OFFLINE_RECORD, expr: '(count(asterisk_endpoints_state == 1) or vector(0)) / count(asterisk_endpoints_state)' },
  ];
}

export type RuleSetOptions = { lang?: Lang };

export function ruleSet(inv: Inventory, o: RuleSetOptions = {}): RuleGroup[] {
  const s: AlertSettings = { inv, lang: o.lang ?? inv.alerts.language ?? inv.site.locale };
  const interval = inv.alerts.evaluationInterval;
  const ports = inv.switches.flatMap((sw) => sw.ports.map((p) => ({ sw, p })));
  const groups: RuleGroup[] = [
    { name: 'srw-recording', interval, rules: [...sharedRecords(), ...ports.map(({ sw, p }) => portUtilisationRecord(s, sw, p))] },
    { name: 'srw-devices', interval, rules: [exporterDownAlert(s), ...snmpDevicesOf(inv).map((d) => deviceDownAlert(s, d))] },
    { name: 'srw-ports', interval, rules: ports.flatMap(({ sw, p }) => portAlerts(s, sw, p)) },
    { name: 'srw-ups', interval, rules: inv.upses.flatMap((u) => upsAlerts(s, u)) },
    { name: 'srw-pbx', interval, rules: inv.pbx ? pbxAlerts(s, inv.pbx) : [] },
  ];
  return groups.filter((g) => g.rules.length > 0);
}

export function alertsOf(groups: RuleGroup[]): AlertRule[] {
  return groups.flatMap((g) => g.rules.filter(isAlert));
}
