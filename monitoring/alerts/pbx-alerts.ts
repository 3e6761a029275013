// PBX alerts on the exporter's AMI series (voip/ami/pbx-metrics.ts): srw not logged in (or
// refused), a trunk of the inventory not registered, too many extensions offline, a trunk near
// the capacity the inventory gives it. The registration series is matched on the URIs srw's own
// pjsip.conf gives the trunk (voip/extensions/pjsip.ts): domain = server_uri, username = client_uri.
import type { Pbx, Trunk } from '../../infra/inventory/index.js';
import { buildAlert, percent, type AlertSettings } from './alert-builder.js';
import { selector, type AlertRule, type SeriesInput } from './rule.js';

export const trunkUris = (t: Trunk): { domain: string; username: string } => ({ domain: `sip:${t.host}:${t.port}`, username: `sip:${t.username}@${t.host}:${t.port}` });

const connection = (state: string): SeriesInput[] => [
  { series: 'srw_ami_up', values: `${state === 'connected' ? 1 : 0}x{n}` },
  ...['connecting', 'connected', 'disconnected', 'auth-failed'].map((st) => ({ series: `srw_ami_connection_state${selector({ state: st })}`, values: `${st === state ? 1 : 0}x{n}` })),
];

export function pbxAlerts(s: AlertSettings, pbx: Pbx): AlertRule[] {
  const department = s.inv.alerts.departments.pbx;
  const device = pbx.host;
  const out: AlertRule[] = [
    buildAlert(s, 'AmiDown', {
      // A refused login is its own alert (the fix differs): not this one.
      expr: `max(srw_ami_up) == 0 unless on() max(srw_ami_connection_state${selector({ state: 'auth-failed' })}) == 1`,
      severity: 'critical',
      department,
      context: { device },
      cases: [
        { what: 'the AMI connection is down', fires: connection('disconnected'), silent: connection('connected') },
        { what: 'a refused login is AmiLoginRefused, not AmiDown', fires: connection('connecting'), silent: connection('auth-failed') },
      ],
    }),
    buildAlert(s, 'AmiLoginRefused', {
      expr: `max(srw_ami_connection_state${selector({ state: 'auth-failed' })}) == 1`,
      severity: 'critical',
      department,
      context: { device },
      cases: [{ what: 'the PBX refuses srw\'s login', fires: connection('auth-failed'), silent: connection('connected') }],
    }),
  ];
  for (const t of pbx.trunks.filter((t) => t.register)) {
    const sel = selector(trunkUris(t));
    const reg = (v: number): SeriesInput[] => [{ series: `asterisk_pjsip_outbound_registration_status${sel}`, values: `${v}x{n}` }];
    out.push(
      buildAlert(s, 'TrunkUnregistered', {
        expr: `max(asterisk_pjsip_outbound_registration_status${sel}) != 1`,
        severity: 'critical',
        department,
        context: { device, trunk: t.name },
        labels: { trunk: t.name },
        cases: [
          { what: 'the registration is lost', fires: reg(0), silent: reg(1) },
          { what: 'the operator rejects the registration', fires: reg(2), silent: [...reg(1), { series: `asterisk_pjsip_outbound_registration_status${selector({ domain: 'sip:other.example:5060', username: 'sip:1@other.example:5060' })}`, values: '0x{n}' }] },
        ],
      }),
    );
  }
  const numbers = pbx.extensions.map((e) => e.number);
  if (numbers.length > 0) {
    const thr = s.inv.alerts.pbx.unreachableEndpoints;
    const sel = `{resource=~${JSON.stringify(numbers.join('|'))}}`;
    const endpoints = (offline: number): SeriesInput[] =>
      numbers.map((n, k) => ({ series: `asterisk_endpoints_state${selector({ id: `PJSIP/${n}`, tech: 'PJSIP', resource: n })}`, values: `${k < offline ? 1 : 2}x{n}` }));
    // "more than thr": floor(thr × N) offline is at most thr, one more is above it.
    const under = Math.floor(thr * numbers.length);
    const over = Math.min(numbers.length, under + 1);
    out.push(
      buildAlert(s, 'EndpointsUnreachable', {
        expr: `count(asterisk_endpoints_state${sel} == 1) / count(asterisk_endpoints_state${sel}) > ${thr}`,
        severity: 'warning',
        department,
        context: { device, threshold: percent(thr) },
        cases: [{ what: `more than ${percent(thr)} of ${numbers.length} extensions offline`, fires: endpoints(over), silent: endpoints(under) }],
      }),
    );
  }
  for (const [trunk, capacity] of Object.entries(s.inv.alerts.pbx.trunkChannels)) {
    if (!pbx.trunks.some((t) => t.name === trunk)) continue;
    const ratio = s.inv.alerts.pbx.trunkChannelsRatio;
    const limit = Math.ceil(ratio * capacity);
    const channels = (k: number, other = 0): SeriesInput[] => [
      ...Array.from({ length: k }, (_, i) => ({ series: `asterisk_channels_state${selector({ name: `PJSIP/${trunk}-${(i + 1).toString(16).padStart(8, '0')}`, id: `1700000000.${i}`, type: 'PJSIP', linkedid: `1700000000.${i}` })}`, values: '6x{n}' })),
      ...Array.from({ length: other }, (_, i) => ({ series: `asterisk_channels_state${selector({ name: `PJSIP/201-${(i + 1).toString(16).padStart(8, '0')}`, id: `1700000100.${i}`, type: 'PJSIP', linkedid: `1700000100.${i}` })}`, values: '6x{n}' })),
    ];
    out.push(
      buildAlert(s, 'TrunkChannels', {
        expr: `count(asterisk_channels_state{name=~${JSON.stringify(`PJSIP/${trunk}-.*`)}}) / ${capacity} >= ${ratio}`,
        severity: 'warning',
        department,
        context: { device, trunk, threshold: s.lang === 'pl' ? `co najmniej ${limit} z ${capacity} kanałów` : `at least ${limit} of its ${capacity} channels` },
        labels: { trunk },
        cases: [{ what: `${limit} of ${capacity} channels in use`, fires: channels(limit), silent: channels(limit - 1, 3) }],
      }),
    );
  }
  return out;
}
