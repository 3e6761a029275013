// Readable names for the notifications and varbinds srw decodes. Data only: the OIDs are those
// of the MIBs named in each block (SNMPv2-MIB/IF-MIB standard traps RFC 3418/2863, ENTITY-MIB
// RFC 6933, UPS-MIB RFC 1628, APC PowerNet-MIB enterprise 318), written down here rather than
// parsed from MIB files at run time, so that the receiver needs nothing on disk.

export type Severity = 'info' | 'warning' | 'critical';

/** What a notification means for the state srw shows: which re-poll it asks for. */
export type NotificationInfo = { name: string; mib: string; severity: Severity; about: 'port' | 'device' | 'ups' | 'entity' | 'auth' };

const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';
const UPS_TRAPS = '1.3.6.1.2.1.33.2';
/** PowerNet-MIB traps are SMIv1 TRAP-TYPEs under `apc` (1.3.6.1.4.1.318); RFC 3584 maps specific trap N to apc.0.N. */
const APC_TRAPS = '1.3.6.1.4.1.318.0';

export const NOTIFICATIONS: ReadonlyMap<string, NotificationInfo> = new Map<string, NotificationInfo>([
  [`${SNMP_TRAPS}.1`, { name: 'coldStart', mib: 'SNMPv2-MIB', severity: 'warning', about: 'device' }],
  [`${SNMP_TRAPS}.2`, { name: 'warmStart', mib: 'SNMPv2-MIB', severity: 'warning', about: 'device' }],
  [`${SNMP_TRAPS}.3`, { name: 'linkDown', mib: 'IF-MIB', severity: 'warning', about: 'port' }],
  [`${SNMP_TRAPS}.4`, { name: 'linkUp', mib: 'IF-MIB', severity: 'info', about: 'port' }],
  [`${SNMP_TRAPS}.5`, { name: 'authenticationFailure', mib: 'SNMPv2-MIB', severity: 'warning', about: 'auth' }],
  [`${SNMP_TRAPS}.6`, { name: 'egpNeighborLoss', mib: 'RFC1213-MIB', severity: 'warning', about: 'device' }],
  ['1.3.6.1.2.1.47.2.0.1', { name: 'entConfigChange', mib: 'ENTITY-MIB', severity: 'info', about: 'entity' }],
  [`${UPS_TRAPS}.1`, { name: 'upsTrapOnBattery', mib: 'UPS-MIB', severity: 'critical', about: 'ups' }],
  [`${UPS_TRAPS}.2`, { name: 'upsTrapTestCompleted', mib: 'UPS-MIB', severity: 'info', about: 'ups' }],
  [`${UPS_TRAPS}.3`, { name: 'upsTrapAlarmEntryAdded', mib: 'UPS-MIB', severity: 'warning', about: 'ups' }],
  [`${UPS_TRAPS}.4`, { name: 'upsTrapAlarmEntryRemoved', mib: 'UPS-MIB', severity: 'info', about: 'ups' }],
  ...(
    [
      [1, 'communicationLost', 'critical'],
      [2, 'upsOverload', 'critical'],
      [3, 'upsDiagnosticsFailed', 'warning'],
      [4, 'upsDischarged', 'critical'],
      [5, 'upsOnBattery', 'critical'],
      [6, 'smartBoostOn', 'warning'],
      [7, 'lowBattery', 'critical'],
      [8, 'communicationEstablished', 'info'],
      [9, 'powerRestored', 'info'],
      [10, 'upsDiagnosticsPassed', 'info'],
      [11, 'returnFromLowBattery', 'info'],
      [12, 'upsTurnedOff', 'critical'],
      [13, 'upsSleeping', 'warning'],
      [14, 'upsWokeUp', 'info'],
      [15, 'upsRebootStarted', 'warning'],
      [16, 'upsDipSwitchChanged', 'info'],
      [17, 'upsBatteryNeedsReplacement', 'warning'],
      [18, 'contactFault', 'warning'],
      [19, 'contactFaultResolved', 'info'],
      [20, 'hardwareFailureBypass', 'critical'],
      [21, 'softwareBypass', 'warning'],
      [22, 'switchedBypass', 'warning'],
      [23, 'returnFromBypass', 'info'],
      [24, 'bypassPowerSupplyFailure', 'critical'],
      [25, 'baseFanFailure', 'warning'],
      [26, 'batteryPackCommLost', 'warning'],
      [27, 'batteryPackCommEstablished', 'info'],
    ] as const
  ).map(([n, name, severity]): [string, NotificationInfo] => [`${APC_TRAPS}.${n}`, { name, mib: 'PowerNet-MIB', severity, about: 'ups' }]),
]);

/** Varbind columns and scalars, by OID prefix (a column's instance suffix is the row index). */
export const OBJECTS: ReadonlyMap<string, string> = new Map([
  ['1.3.6.1.2.1.1.3', 'sysUpTime'],
  ['1.3.6.1.6.3.1.1.4.1', 'snmpTrapOID'],
  ['1.3.6.1.6.3.1.1.4.3', 'snmpTrapEnterprise'],
  ['1.3.6.1.6.3.18.1.3', 'snmpTrapAddress'],
  ['1.3.6.1.6.3.18.1.4', 'snmpTrapCommunity'],
  ['1.3.6.1.2.1.2.2.1.1', 'ifIndex'],
  ['1.3.6.1.2.1.2.2.1.2', 'ifDescr'],
  ['1.3.6.1.2.1.2.2.1.3', 'ifType'],
  ['1.3.6.1.2.1.2.2.1.7', 'ifAdminStatus'],
  ['1.3.6.1.2.1.2.2.1.8', 'ifOperStatus'],
  ['1.3.6.1.2.1.31.1.1.1.1', 'ifName'],
  ['1.3.6.1.2.1.31.1.1.1.18', 'ifAlias'],
  ['1.3.6.1.2.1.47.1.4.1', 'entLastChangeTime'],
  ['1.3.6.1.2.1.33.1.2.2', 'upsSecondsOnBattery'],
  ['1.3.6.1.2.1.33.1.2.3', 'upsEstimatedMinutesRemaining'],
  ['1.3.6.1.2.1.33.1.9.7', 'upsConfigLowBattTime'],
  ['1.3.6.1.2.1.33.1.6.2.1.1', 'upsAlarmId'],
  ['1.3.6.1.2.1.33.1.6.2.1.2', 'upsAlarmDescr'],
  ['1.3.6.1.2.1.33.1.6.2.1.3', 'upsAlarmTime'],
  ['1.3.6.1.2.1.33.1.7.1', 'upsTestId'],
  ['1.3.6.1.2.1.33.1.7.2', 'upsTestSpinLock'],
  ['1.3.6.1.2.1.33.1.7.3', 'upsTestResultsSummary'],
  ['1.3.6.1.2.1.33.1.7.4', 'upsTestResultsDetail'],
  ['1.3.6.1.2.1.33.1.7.5', 'upsTestStartTime'],
  ['1.3.6.1.2.1.33.1.7.6', 'upsTestElapsedTime'],
  // PowerNet-MIB's trap arguments (mtrapargs): the text APC puts in every trap.
  ['1.3.6.1.4.1.318.2.3.1', 'mtrapargsInteger'],
  ['1.3.6.1.4.1.318.2.3.2', 'mtrapargsIpAddress'],
  ['1.3.6.1.4.1.318.2.3.3', 'mtrapargsString'],
]);

/** Enumerations of the objects above, as the MIBs name their values. */
export const ENUMS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  ifAdminStatus: { 1: 'up', 2: 'down', 3: 'testing' },
  ifOperStatus: { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' },
  upsTestResultsSummary: { 1: 'donePass', 2: 'doneWarning', 3: 'doneError', 4: 'aborted', 5: 'inProgress', 6: 'noTestsInitiated' },
};

/** upsAlarmDescr values: the well-known alarms of RFC 1628 (upsWellKnownAlarms.N). */
export const UPS_ALARMS: ReadonlyMap<string, string> = new Map(
  [
    'upsAlarmBatteryBad', 'upsAlarmOnBattery', 'upsAlarmLowBattery', 'upsAlarmDepletedBattery', 'upsAlarmTempBad',
    'upsAlarmInputBad', 'upsAlarmOutputBad', 'upsAlarmOutputOverload', 'upsAlarmOnBypass', 'upsAlarmBypassBad',
    'upsAlarmOutputOffAsRequested', 'upsAlarmUpsOffAsRequested', 'upsAlarmChargerFailed', 'upsAlarmUpsOutputOff',
    'upsAlarmUpsSystemOff', 'upsAlarmFanFailure', 'upsAlarmFuseFailure', 'upsAlarmGeneralFault',
    'upsAlarmDiagnosticTestFailed', 'upsAlarmCommunicationsLost', 'upsAlarmAwaitingPower', 'upsAlarmShutdownPending',
    'upsAlarmShutdownImminent', 'upsAlarmTestInProgress',
  ].map((name, i) => [`1.3.6.1.2.1.33.1.6.3.${i + 1}`, name]),
);

/** Longest prefix of OBJECTS that `oid` is under: the object's name and the instance suffix. */
export function objectOf(oid: string): { name: string; instance: string } | undefined {
  let at = oid.length;
  for (;;) {
    const prefix = oid.slice(0, at);
    const name = OBJECTS.get(prefix);
    if (name !== undefined) return { name, instance: oid.slice(at + 1) };
    at = oid.lastIndexOf('.', at - 1);
    if (at <= 0) return undefined;
  }
}
