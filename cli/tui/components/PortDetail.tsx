import { Box, Text } from 'ink';
import { useT } from '../i18n/index.js';
import { PORT_COLOR, PORT_SYMBOL, tint, useTheme } from '../theme.js';
import { bps, duration, percent, rate, sparkline, speed } from '../format.js';
import type { PortRow } from '../view-model.js';

export type PortDetailProps = { port: PortRow; width: number; height: number; sysUpTime?: number };

const big = (v: bigint | undefined) => (v === undefined ? '–' : v.toString());

/** Everything about one port, with wide sparklines of the recent in/out rates. */
export function PortDetail({ port, width, height, sysUpTime }: PortDetailProps) {
  const t = useT();
  const theme = useTheme();
  const r = port.row;
  const n = port.neighbor;
  const spark = Math.max(8, width - 24);
  const top = Math.max(0, ...r.inHistory, ...r.outHistory);
  const since = r.lastChange !== undefined && sysUpTime !== undefined ? duration((sysUpTime - r.lastChange) / 100) : undefined;
  const lines: [string, string][] = [
    [t.col.alias, r.ifAlias || '–'],
    [t.detail.descr, r.ifDescr || '–'],
    [`${t.detail.admin}/${t.detail.oper}`, `${r.adminStatus}/${r.operStatus}`],
    [t.col.speed, speed(r.speedBps) + 'b/s'],
    [t.detail.lastChange, since ? t.ago(since) : '–'],
    [t.detail.rates, `${bps(r.inBps)}/s  ${bps(r.outBps)}/s`],
    [t.detail.utilisation, percent(r.utilisation)],
    [t.detail.octets, `${big(r.inOctets)} / ${big(r.outOctets)}${r.counterBits ? ` (${r.counterBits}-bit)` : ''}`],
    [t.detail.errorsInOut, `${big(r.inErrors)} / ${big(r.outErrors)}  (${rate(r.errorsPerSec)}/s)`],
    [t.detail.discardsInOut, `${big(r.inDiscards)} / ${big(r.outDiscards)}  (${rate(r.discardsPerSec)}/s)`],
    [t.detail.neighbor, n ? `${n.remoteSystem} ${n.remotePortId}${n.remotePortDesc ? ` (${n.remotePortDesc})` : ''}` : t.detail.none],
  ];
  const labelW = Math.max(...lines.map(([l]) => l.length)) + 1;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate" bold>
        {`${t.detail.title} `}
        <Text color={tint(theme, PORT_COLOR[port.state])}>{PORT_SYMBOL[port.state]}</Text>
        {` ${r.ifName || r.key} (ifIndex ${r.ifIndex}) — ${t.portState[port.state]}`}
      </Text>
      {lines.slice(0, Math.max(0, height - 4)).map(([l, v]) => (
        <Text key={l} wrap="truncate">{`${l.padEnd(labelW)} ${v}`}</Text>
      ))}
      <Text wrap="truncate">
        {`${t.col.in.padEnd(4)}`}
        <Text color={tint(theme, 'cyan')}>{sparkline(r.inHistory, spark, top)}</Text>
      </Text>
      <Text wrap="truncate">
        {`${t.col.out.padEnd(4)}`}
        <Text color={tint(theme, 'blue')}>{sparkline(r.outHistory, spark, top)}</Text>
      </Text>
      <Text dimColor={theme.color}>{t.detail.back}</Text>
    </Box>
  );
}
