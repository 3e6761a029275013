// The inventory's `alerts:` section: thresholds, `for` durations and routing labels of the alerting
// rules srw generates (monitoring/alerts). Every field has a documented default, so a site with no
// `alerts:` section gets the whole rule set; rules zod cannot express (names that must exist,
// thresholds that could never fire) live in alert-rules.ts.
import { z } from 'zod';

/** A Prometheus duration as rule files take it: 30s, 5m, 1h30m. */
export const promDuration = z
  .string()
  .regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'expected a Prometheus duration such as 30s, 5m or 1h30m');

const ratio = (what: string) =>
  z.number().min(0).max(1, `expected a ratio 0..1 (${what}); for 80 % write 0.8`);

/** Per port role: what its listed ports are checked for. A port's own `thresholds` win. */
const portRoleAlerts = (d: { utilisation: number; errorsPerSecond: number; discardsPerSecond: number; down: boolean }) =>
  z
    .strictObject({
      /** Alert when the port is operationally down while administratively up. */
      down: z.boolean().default(d.down).describe('alert when the port is down while administratively up'),
      utilisation: ratio('of the port speed').default(d.utilisation).describe('sustained max(in, out) / speed above this alerts'),
      errorsPerSecond: z.number().min(0).default(d.errorsPerSecond).describe('in + out errors per second'),
      discardsPerSecond: z.number().min(0).default(d.discardsPerSecond).describe('in + out discards per second'),
    })
    .prefault({});

export const UPS_ALERT_DEFAULTS = { batteryLow: 0.5, runtimeMinutes: 10, load: 0.8, batteryTemperatureCelsius: 40, ambientTemperatureCelsius: 35 } as const;

const upsThresholdFields = {
  batteryLow: ratio('battery charge').describe('battery charge below this alerts, besides the UPS itself saying "low"'),
  runtimeMinutes: z.number().min(0).max(1440).describe('estimated runtime below this many minutes alerts'),
  load: ratio('of the rated output, worst phase').describe('output load above this is an overload'),
  batteryTemperatureCelsius: z.number().min(-40).max(100).describe('battery temperature above this alerts'),
  ambientTemperatureCelsius: z.number().min(-40).max(100).describe('a temperature probe (room) above this alerts'),
};

/** Every UPS: each field defaults to UPS_ALERT_DEFAULTS. */
export const upsAlertThresholdsSchema = z
  .strictObject({
    batteryLow: upsThresholdFields.batteryLow.default(UPS_ALERT_DEFAULTS.batteryLow),
    runtimeMinutes: upsThresholdFields.runtimeMinutes.default(UPS_ALERT_DEFAULTS.runtimeMinutes),
    load: upsThresholdFields.load.default(UPS_ALERT_DEFAULTS.load),
    batteryTemperatureCelsius: upsThresholdFields.batteryTemperatureCelsius.default(UPS_ALERT_DEFAULTS.batteryTemperatureCelsius),
    ambientTemperatureCelsius: upsThresholdFields.ambientTemperatureCelsius.default(UPS_ALERT_DEFAULTS.ambientTemperatureCelsius),
  })
  .prefault({});

/** One UPS: only what differs from alerts.ups. */
export const upsAlertOverrideSchema = z.strictObject({
  batteryLow: upsThresholdFields.batteryLow.optional(),
  runtimeMinutes: upsThresholdFields.runtimeMinutes.optional(),
  load: upsThresholdFields.load.optional(),
  batteryTemperatureCelsius: upsThresholdFields.batteryTemperatureCelsius.optional(),
  ambientTemperatureCelsius: upsThresholdFields.ambientTemperatureCelsius.optional(),
});

/** How long a condition must hold before the alert fires; keys are the alert names without `Srw`. */
export const ALERT_FOR_DEFAULTS = {
  DeviceDown: '2m',
  ExporterDown: '2m',
  PortDown: '1m',
  PortErrors: '10m',
  PortDiscards: '10m',
  PortUtilisation: '15m',
  UpsOnBattery: '0s',
  UpsOnBypass: '1m',
  UpsBatteryLow: '0s',
  UpsRuntimeLow: '1m',
  UpsReplaceBattery: '1h',
  UpsOverload: '5m',
  UpsTemperature: '10m',
  AmiDown: '2m',
  AmiLoginRefused: '0s',
  TrunkUnregistered: '2m',
  EndpointsUnreachable: '10m',
  TrunkChannels: '5m',
} as const;
export type AlertKey = keyof typeof ALERT_FOR_DEFAULTS;
export const ALERT_KEYS = Object.keys(ALERT_FOR_DEFAULTS) as AlertKey[];

const forSchema = z
  .strictObject(Object.fromEntries(ALERT_KEYS.map((k) => [k, promDuration.default(ALERT_FOR_DEFAULTS[k])])) as { [K in AlertKey]: z.ZodDefault<typeof promDuration> })
  .prefault({});

export const alertsSchema = z.strictObject({
  /** Language of summaries and descriptions (default: site.locale). */
  language: z.enum(['pl', 'en']).optional().describe('language of alert summaries and descriptions; default site.locale'),
  /** How often Prometheus evaluates the rules (the rule groups' interval). */
  evaluationInterval: promDuration.default('30s').describe('rule evaluation interval'),
  /** Window of rate() over interface counters: at least 4 scrape intervals of the slowest device. */
  rateWindow: promDuration.default('5m').describe('rate() window for interface counters; at least four scrape intervals'),
  /** Base URL of the runbook; each alert links <runbookUrl>#<alert name>. */
  runbookUrl: z.url({ protocol: /^https?$/ }).optional().describe('base URL of your runbook; alerts link <url>#<AlertName>'),
  /** The `department` label of each kind of alert, for Alertmanager routing. */
  departments: z
    .strictObject({
      switches: z.string().min(1).default('network'),
      upses: z.string().min(1).default('it'),
      pbx: z.string().min(1).default('telecom'),
      monitoring: z.string().min(1).default('it'),
    })
    .prefault({})
    .describe('the department label (who gets the alert) per kind of device'),
  for: forSchema.describe('how long each condition must hold before its alert fires'),
  ports: z
    .strictObject({
      uplink: portRoleAlerts({ down: true, utilisation: 0.8, errorsPerSecond: 1, discardsPerSecond: 10 }),
      server: portRoleAlerts({ down: true, utilisation: 0.9, errorsPerSecond: 1, discardsPerSecond: 10 }),
      phone: portRoleAlerts({ down: true, utilisation: 0.9, errorsPerSecond: 1, discardsPerSecond: 10 }),
      access: portRoleAlerts({ down: false, utilisation: 0.95, errorsPerSecond: 5, discardsPerSecond: 50 }),
    })
    .prefault({})
    .describe('checks for the ports listed under switches[].ports, by role'),
  ups: upsAlertThresholdsSchema.describe('thresholds for every UPS'),
  /** Per UPS name: thresholds that differ from `ups`. */
  upses: z.record(z.string(), upsAlertOverrideSchema).default({}).describe('per UPS name, thresholds that differ from alerts.ups'),
  notify: z
    .strictObject({
      /** Per department label value: the webhook Alertmanager posts its alerts to. */
      webhooks: z.record(z.string(), z.url({ protocol: /^https?$/ })).default({}).describe('per department, the webhook URL Alertmanager posts to (chat, SMS gateway, ticketing)'),
      groupWait: promDuration.default('30s').describe('Alertmanager group_wait: how long the first notification of a group waits for more alerts'),
      groupInterval: promDuration.default('5m').describe('Alertmanager group_interval'),
      repeatInterval: promDuration.default('4h').describe('Alertmanager repeat_interval: how often a still-firing alert is sent again'),
    })
    .prefault({})
    .describe('how Alertmanager routes the alerts: one receiver per department'),
  pbx: z
    .strictObject({
      unreachableEndpoints: ratio('of the extensions').default(0.2).describe('share of PJSIP endpoints offline above this alerts'),
      trunkChannelsRatio: ratio('of the trunk capacity').default(0.8).describe('channels on a trunk above this share of its capacity alert'),
      /** Per trunk name: how many simultaneous calls the operator contract allows. */
      trunkChannels: z.record(z.string(), z.number().int().min(1).max(10_000)).default({}).describe('per trunk name, its capacity in simultaneous channels'),
    })
    .prefault({}),
});

export type Alerts = z.infer<typeof alertsSchema>;
export type UpsAlertThresholds = z.infer<typeof upsAlertThresholdsSchema>;
export type UpsAlertOverride = z.infer<typeof upsAlertOverrideSchema>;
