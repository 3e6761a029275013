// The four dashboards srw ships, in the site's language: the overview of the server room, one
// switch with its ports, one UPS, the PBX. Queries use srw's exposition as it is on either
// deployment (every series has `device`) and the recording rules of monitoring/alerts.
import type { Inventory } from '../../infra/inventory/index.js';
import { DEVICE_UP_RECORD, ENDPOINTS_OFFLINE_RECORD, UTILISATION_RECORD } from '../alerts/index.js';
import { dashboard, labelVariable, type Dashboard } from './panel.js';

type Lang = 'pl' | 'en';
const tr = (lang: Lang, pl: string, en: string) => (lang === 'pl' ? pl : en);

const UP_MAPPINGS = (lang: Lang) => [
  { value: '0', text: tr(lang, 'nie odpowiada', 'down'), color: 'red' },
  { value: '1', text: tr(lang, 'działa', 'up'), color: 'green' },
];

export function overviewDashboard(inv: Inventory, lang: Lang): Dashboard {
  return dashboard({
    uid: 'srw-overview',
    title: tr(lang, `srw — ${inv.site.name}: przegląd`, `srw — ${inv.site.name}: overview`),
    description: tr(lang, 'Przełączniki, zasilacze UPS i centrala w jednym miejscu', 'Switches, UPSes and the PBX at a glance'),
    variables: [],
    panels: [
      { title: tr(lang, 'Urządzenia odpowiadające', 'Devices answering'), type: 'stat', w: 4, h: 4, targets: [{ expr: `sum(${DEVICE_UP_RECORD})` }] },
      { title: tr(lang, 'Urządzenia bez odpowiedzi', 'Devices not answering'), type: 'stat', w: 4, h: 4, targets: [{ expr: `count(${DEVICE_UP_RECORD} == 0) or vector(0)` }], thresholds: [{ value: null, color: 'green' }, { value: 1, color: 'red' }] },
      { title: tr(lang, 'Aktywne alarmy', 'Alerts firing'), type: 'stat', w: 4, h: 4, targets: [{ expr: 'count(ALERTS{alertstate="firing"}) or vector(0)' }], thresholds: [{ value: null, color: 'green' }, { value: 1, color: 'orange' }] },
      { title: tr(lang, 'UPS na baterii', 'UPSes on battery'), type: 'stat', w: 4, h: 4, targets: [{ expr: 'sum(srw_ups_output_source{source="battery"}) or vector(0)' }], thresholds: [{ value: null, color: 'green' }, { value: 1, color: 'red' }] },
      { title: tr(lang, 'Centrala (AMI)', 'PBX (AMI)'), type: 'stat', w: 4, h: 4, targets: [{ expr: 'max(srw_ami_up)' }], mappings: UP_MAPPINGS(lang) },
      { title: tr(lang, 'Telefony niedostępne', 'Phones offline'), type: 'stat', w: 4, h: 4, unit: 'percentunit', targets: [{ expr: ENDPOINTS_OFFLINE_RECORD }] },
      { title: tr(lang, 'Urządzenia', 'Devices'), type: 'table', w: 8, h: 10, targets: [{ expr: DEVICE_UP_RECORD }], mappings: UP_MAPPINGS(lang) },
      { title: tr(lang, 'Ważne porty: wykorzystanie', 'Important ports: utilisation'), type: 'timeseries', w: 16, h: 10, unit: 'percentunit', targets: [{ expr: UTILISATION_RECORD, legend: '{{device}} {{ifName}} ({{role}})' }] },
      {
        title: tr(lang, 'Najbardziej obciążone porty (odbiór)', 'Busiest ports (receive)'),
        type: 'timeseries',
        w: 24,
        h: 9,
        unit: 'bps',
        targets: [{ expr: 'topk(10, max by (device, ifName) (rate(ifHCInOctets[$__rate_interval])) * 8)', legend: '{{device}} {{ifName}}' }],
      },
    ],
  });
}

export function switchDashboard(_inv: Inventory, lang: Lang): Dashboard {
  const d = 'device="$device"';
  const p = `${d},ifName=~"$interface"`;
  return dashboard({
    uid: 'srw-switch',
    title: tr(lang, 'srw — przełącznik', 'srw — switch'),
    description: tr(lang, 'Jeden przełącznik: porty, ruch, błędy, sąsiedzi LLDP', 'One switch: ports, traffic, errors, LLDP neighbours'),
    variables: [
      labelVariable('device', tr(lang, 'Przełącznik', 'Switch'), 'ifOperStatus', 'device'),
      labelVariable('interface', tr(lang, 'Port', 'Port'), `ifOperStatus{${d}}`, 'ifName', { all: true }),
    ],
    panels: [
      { title: tr(lang, 'Czas pracy', 'Uptime'), type: 'stat', w: 6, h: 4, unit: 's', targets: [{ expr: `sysUpTime{${d}} / 100` }] },
      { title: tr(lang, 'Porty działające', 'Ports up'), type: 'stat', w: 6, h: 4, targets: [{ expr: `count(ifOperStatus{${d}} == 1)` }] },
      {
        title: tr(lang, 'Porty włączone, bez łącza', 'Ports enabled, no link'),
        type: 'stat',
        w: 6,
        h: 4,
        targets: [{ expr: `count(ifOperStatus{${d}} != 1 and ifAdminStatus{${d}} == 1) or vector(0)` }],
      },
      { title: tr(lang, 'Odpowiada na SNMP', 'Answers SNMP'), type: 'stat', w: 6, h: 4, targets: [{ expr: `${DEVICE_UP_RECORD}{${d}}` }], mappings: UP_MAPPINGS(lang) },
      { title: tr(lang, 'Ruch (odbiór +, nadawanie −)', 'Traffic (receive +, transmit −)'), type: 'timeseries', w: 24, h: 9, unit: 'bps', targets: [{ expr: `rate(ifHCInOctets{${p}}[$__rate_interval]) * 8`, legend: '{{ifName}} in' }, { expr: `-rate(ifHCOutOctets{${p}}[$__rate_interval]) * 8`, legend: '{{ifName}} out' }] },
      {
        title: tr(lang, 'Wykorzystanie portów', 'Port utilisation'),
        type: 'timeseries',
        w: 12,
        h: 8,
        unit: 'percentunit',
        targets: [{ expr: `rate(ifHCInOctets{${p}}[$__rate_interval]) * 8 / (ifHighSpeed{${p}} * 1000000 > 0)`, legend: '{{ifName}}' }],
      },
      { title: tr(lang, 'Błędy i odrzucone pakiety', 'Errors and discards'), type: 'timeseries', w: 12, h: 8, unit: 'pps', targets: [{ expr: `rate(ifInErrors{${p}}[$__rate_interval]) + rate(ifOutErrors{${p}}[$__rate_interval])`, legend: '{{ifName}} errors' }, { expr: `rate(ifInDiscards{${p}}[$__rate_interval]) + rate(ifOutDiscards{${p}}[$__rate_interval])`, legend: '{{ifName}} discards' }] },
      { title: tr(lang, 'Porty', 'Ports'), type: 'table', w: 12, h: 12, targets: [{ expr: `ifOperStatus{${p}}` }] },
      { title: tr(lang, 'Sąsiedzi LLDP', 'LLDP neighbours'), type: 'table', w: 12, h: 12, targets: [{ expr: `srw_lldp_neighbor_info{${d}}` }] },
    ],
  });
}

export function upsDashboard(_inv: Inventory, lang: Lang): Dashboard {
  const u = 'device="$ups"';
  return dashboard({
    uid: 'srw-ups',
    title: tr(lang, 'srw — zasilacz UPS', 'srw — UPS'),
    description: tr(lang, 'Jeden UPS: źródło zasilania, bateria, obciążenie, napięcia, temperatury', 'One UPS: power source, battery, load, voltages, temperatures'),
    variables: [labelVariable('ups', 'UPS', 'srw_ups_output_source', 'device')],
    panels: [
      { title: tr(lang, 'Zasilanie z', 'Fed from'), type: 'stat', w: 6, h: 4, targets: [{ expr: `srw_ups_output_source{${u}} == 1`, legend: '{{source}}' }] },
      { title: tr(lang, 'Naładowanie baterii', 'Battery charge'), type: 'stat', w: 6, h: 4, unit: 'percentunit', targets: [{ expr: `srw_ups_battery_charge_ratio{${u}}` }], thresholds: [{ value: null, color: 'red' }, { value: 0.5, color: 'orange' }, { value: 0.9, color: 'green' }] },
      { title: tr(lang, 'Czas pracy na baterii', 'Runtime on battery'), type: 'stat', w: 6, h: 4, unit: 's', targets: [{ expr: `srw_ups_runtime_remaining_seconds{${u}}` }] },
      { title: tr(lang, 'Obciążenie (najgorsza faza)', 'Load (worst phase)'), type: 'stat', w: 6, h: 4, unit: 'percentunit', targets: [{ expr: `srw_ups_load_ratio{${u}}` }], thresholds: [{ value: null, color: 'green' }, { value: 0.8, color: 'red' }] },
      { title: tr(lang, 'Napięcia faz', 'Line voltages'), type: 'timeseries', w: 12, h: 8, unit: 'volt', targets: [{ expr: `srw_ups_line_voltage_volts{${u}}`, legend: '{{direction}} {{line}}' }] },
      { title: tr(lang, 'Obciążenie faz', 'Line load'), type: 'timeseries', w: 12, h: 8, unit: 'percentunit', targets: [{ expr: `srw_ups_line_load_ratio{${u}}`, legend: '{{direction}} {{line}}' }] },
      { title: tr(lang, 'Temperatury', 'Temperatures'), type: 'timeseries', w: 12, h: 8, unit: 'celsius', targets: [{ expr: `srw_ups_battery_temperature_celsius{${u}}`, legend: tr(lang, 'bateria', 'battery') }, { expr: `srw_ups_probe_temperature_celsius{${u}}`, legend: tr(lang, 'czujnik {{probe}}', 'probe {{probe}}') }] },
      { title: tr(lang, 'Bateria: czas na baterii i napięcie', 'Battery: time on battery and voltage'), type: 'timeseries', w: 12, h: 8, targets: [{ expr: `srw_ups_time_on_battery_seconds{${u}}`, legend: tr(lang, 'na baterii (s)', 'on battery (s)') }, { expr: `srw_ups_battery_voltage_volts{${u}}`, legend: tr(lang, 'napięcie (V)', 'voltage (V)') }] },
    ],
  });
}

export function pbxDashboard(_inv: Inventory, lang: Lang): Dashboard {
  return dashboard({
    uid: 'srw-pbx',
    title: tr(lang, 'srw — centrala telefoniczna', 'srw — PBX'),
    description: tr(lang, 'Asterisk przez AMI: połączenie, łącza, telefony, rozmowy', 'Asterisk over AMI: connection, trunks, phones, calls'),
    variables: [],
    panels: [
      { title: tr(lang, 'Połączenie AMI', 'AMI connection'), type: 'stat', w: 6, h: 4, targets: [{ expr: 'srw_ami_connection_state == 1', legend: '{{state}}' }] },
      { title: tr(lang, 'Rozmowy', 'Calls'), type: 'stat', w: 6, h: 4, targets: [{ expr: 'asterisk_calls_count' }] },
      { title: tr(lang, 'Kanały', 'Channels'), type: 'stat', w: 6, h: 4, targets: [{ expr: 'asterisk_channels_count' }] },
      { title: tr(lang, 'Telefony niedostępne', 'Phones offline'), type: 'stat', w: 6, h: 4, unit: 'percentunit', targets: [{ expr: ENDPOINTS_OFFLINE_RECORD }] },
      {
        title: tr(lang, 'Łącza: rejestracja (1 = zarejestrowane)', 'Trunks: registration (1 = registered)'),
        type: 'timeseries',
        w: 12,
        h: 8,
        targets: [{ expr: 'asterisk_pjsip_outbound_registration_status', legend: '{{domain}}' }],
      },
      { title: tr(lang, 'Kanały i rozmowy', 'Channels and calls'), type: 'timeseries', w: 12, h: 8, targets: [{ expr: 'asterisk_channels_count', legend: tr(lang, 'kanały', 'channels') }, { expr: 'asterisk_calls_count', legend: tr(lang, 'rozmowy', 'calls') }] },
      { title: tr(lang, 'Numery wewnętrzne', 'Extensions'), type: 'table', w: 12, h: 12, targets: [{ expr: 'asterisk_endpoints_state' }], mappings: [{ value: '0', text: '?', color: 'grey' }, { value: '1', text: tr(lang, 'niedostępny', 'offline'), color: 'red' }, { value: '2', text: tr(lang, 'dostępny', 'online'), color: 'green' }] },
      {
        title: tr(lang, 'Czas odpowiedzi AMI (p95)', 'AMI answer time (p95)'),
        type: 'timeseries',
        w: 12,
        h: 12,
        unit: 's',
        targets: [{ expr: 'histogram_quantile(0.95, sum by (le, action) (rate(srw_ami_action_duration_seconds_bucket[$__rate_interval])))', legend: '{{action}}' }],
      },
    ],
  });
}

/** File name → dashboard JSON, for `srw dashboards --out` and the monitoring host. */
export function siteDashboards(inv: Inventory, o: { lang?: Lang } = {}): Record<string, Dashboard> {
  const lang = o.lang ?? inv.alerts.language ?? inv.site.locale;
  const out: Record<string, Dashboard> = { 'srw-overview.json': overviewDashboard(inv, lang), 'srw-switch.json': switchDashboard(inv, lang) };
  if (inv.upses.length) out['srw-ups.json'] = upsDashboard(inv, lang);
  if (inv.pbx) out['srw-pbx.json'] = pbxDashboard(inv, lang);
  return out;
}

export function renderDashboards(inv: Inventory, o: { lang?: Lang } = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(siteDashboards(inv, o)).map(([name, d]) => [name, JSON.stringify(d, null, 2) + '\n']));
}
