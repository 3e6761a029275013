import { Text } from 'ink';
import { useT } from '../i18n/index.js';
import { tint, useTheme } from '../theme.js';
import { duration } from '../format.js';
import type { DeviceFocus } from '../screen.js';
import { DeviceTitle } from './DeviceTitle.js';

export type UpsViewProps = { focus?: DeviceFocus; width: number };

const bar = (pct: number | undefined, w: number) => {
  if (pct === undefined) return '';
  const n = Math.round((Math.min(100, Math.max(0, pct)) / 100) * w);
  return '█'.repeat(n) + '░'.repeat(w - n);
};

/** On battery or mains, charge, runtime, load and voltages of one UPS. */
export function UpsView({ focus, width }: UpsViewProps) {
  const t = useT();
  const theme = useTheme();
  if (!focus) return <Text>{t.noDevices}</Text>;
  const u = focus.device.ups;
  const barW = Math.max(10, Math.min(40, width - 32));
  const v = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)} V`);
  const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)}%`);
  return (
    <>
      <DeviceTitle health={focus.health} address={focus.device.address} index={focus.index} count={focus.count} reason={focus.device.reason} />
      <Text> </Text>
      {!u ? (
        <Text>{t.ups.noData}</Text>
      ) : (
        <>
          <Text bold color={tint(theme, u.onBattery ? 'red' : 'green')}>
            {u.onBattery ? `⚡✗ ${t.ups.onBattery}` : `⚡ ${t.ups.onMains}`}
          </Text>
          <Text>{`${t.ups.charge.padEnd(20)} ${pct(u.chargePercent).padStart(5)} ${bar(u.chargePercent, barW)}`}</Text>
          <Text>{`${t.ups.load.padEnd(20)} ${pct(u.loadPercent).padStart(5)} ${bar(u.loadPercent, barW)}`}</Text>
          <Text>{`${t.ups.runtime.padEnd(20)} ${duration(u.runtimeSeconds).padStart(5)}`}</Text>
          <Text>{`${t.ups.inputV.padEnd(20)} ${v(u.inputVoltage).padStart(5)}`}</Text>
          <Text>{`${t.ups.outputV.padEnd(20)} ${v(u.outputVoltage).padStart(5)}`}</Text>
          <Text>{`${t.ups.batteryStatus.padEnd(20)} ${u.batteryStatus}`}</Text>
          <Text>{`${t.ups.source.padEnd(20)} ${u.source}`}</Text>
        </>
      )}
    </>
  );
}
