import { Text } from 'ink';
import type { UpsLine, UpsOutputSource, UpsStatus } from '../../../monitoring/model/device.js';
import { useT, type Messages } from '../i18n/index.js';
import { tint, useTheme } from '../theme.js';
import { cut, duration } from '../format.js';
import type { DeviceFocus } from '../screen.js';
import { DeviceTitle } from './DeviceTitle.js';

export type UpsViewProps = { focus?: DeviceFocus; width: number };

// Every source has its own symbol, so the state reads the same without colour.
const SOURCE_SYMBOL: Record<UpsOutputSource, string> = { normal: '⚡', battery: '⚡✗', bypass: '⇄!', booster: '⚡↑', reducer: '⚡↓', none: '■', other: '?' };
const SOURCE_COLOR: Record<UpsOutputSource, string> = { normal: 'green', battery: 'red', bypass: 'red', booster: 'yellow', reducer: 'yellow', none: 'red', other: 'yellow' };

const bar = (pct: number | undefined, w: number) => {
  if (pct === undefined) return '';
  const n = Math.round((Math.min(100, Math.max(0, pct)) / 100) * w);
  return '█'.repeat(n) + '░'.repeat(w - n);
};

/** 230 → "230", 119.1 → "119.1": whole units stay whole, tenths stay visible. */
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const unit = (n: number | undefined, u: string) => (n === undefined ? undefined : `${num(n)} ${u}`);
const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)}%`);
const join = (...xs: (string | undefined)[]) => xs.filter(Boolean).join('  ');

/** One line per direction: "L1 231 V 2%  L2 …  50.0 Hz"; a single-phase UPS without the L1. */
function lineText(lines: readonly UpsLine[], t: Messages, withLoad: boolean): string {
  const one = (l: UpsLine) => join(unit(l.voltage, 'V'), unit(l.current, 'A'), withLoad && l.loadPercent !== undefined ? pct(l.loadPercent) : undefined);
  const hz = lines.find((l) => l.frequencyHz !== undefined)?.frequencyHz;
  const body = lines.length === 1 ? one(lines[0]!) : lines.map((l) => `${t.ups.phase}${l.line} ${one(l)}`).join('   ');
  return join(body, hz === undefined ? undefined : `${hz.toFixed(1)} Hz`);
}

function batteryText(u: UpsStatus, t: Messages): string {
  return join(
    unit(u.batteryVoltage, 'V'),
    unit(u.batteryCurrent, 'A'),
    u.batteryTemperatureC === undefined ? undefined : `${u.batteryTemperatureC.toFixed(1)} °C`,
    `${u.batteryStatus}${u.batteryReplace ? ` ${t.ups.replace}` : ''}`,
  );
}

/** Where the load is fed from (bypass is not "on mains"), charge, runtime, load, every line, battery and probes of one UPS. */
export function UpsView({ focus, width }: UpsViewProps) {
  const t = useT();
  const theme = useTheme();
  if (!focus) return <Text>{t.noDevices}</Text>;
  const u = focus.device.ups;
  const barW = Math.max(10, Math.min(40, width - 32));
  const row = (label: string, value: string) => <Text wrap="truncate">{cut(`${label.padEnd(20)} ${value}`, width)}</Text>;
  return (
    <>
      <DeviceTitle health={focus.health} address={focus.device.address} index={focus.index} count={focus.count} reason={focus.device.reason} />
      <Text> </Text>
      {!u ? (
        <Text>{t.ups.noData}</Text>
      ) : (
        <>
          <Text bold color={tint(theme, SOURCE_COLOR[u.outputSource])}>
            {`${SOURCE_SYMBOL[u.outputSource]} ${t.ups.output[u.outputSource]}`}
            <Text bold={false} dimColor={theme.color}>{` (${u.outputStatus})`}</Text>
          </Text>
          {row(t.ups.charge, `${pct(u.chargePercent).padStart(5)} ${bar(u.chargePercent, barW)}`)}
          {row(t.ups.load, `${pct(u.loadPercent).padStart(5)} ${bar(u.loadPercent, barW)}`)}
          {row(t.ups.runtime, duration(u.runtimeSeconds).padStart(5))}
          {row(t.ups.battery, batteryText(u, t))}
          {u.inputLines.length > 0 && row(t.ups.input, lineText(u.inputLines, t, false))}
          {u.outputLines.length > 0 && row(t.ups.output_, lineText(u.outputLines, t, true))}
          {u.bypassLines.length > 0 && row(t.ups.bypass, lineText(u.bypassLines, t, false))}
          {u.probes.length > 0 &&
            row(
              t.ups.probes,
              u.probes.map((p) => join(p.name, p.temperatureC === undefined ? undefined : `${p.temperatureC.toFixed(1)} °C`, p.humidityPercent === undefined ? undefined : `${Math.round(p.humidityPercent)}%`)).join('   '),
            )}
          {row(t.ups.source, join(u.source, focus.device.entity?.firmware ? `${t.ups.firmware} ${focus.device.entity.firmware}` : undefined))}
        </>
      )}
    </>
  );
}
