import { Box, Text } from 'ink';
import { useT } from '../i18n/index.js';
import { PORT_COLOR, PORT_SYMBOL, tint, useTheme } from '../theme.js';
import { bps, cut, fit, rate, sparkline, speed } from '../format.js';
import { windowAround } from '../window.js';
import type { PortRow } from '../view-model.js';

export type PortTableProps = { rows: readonly PortRow[]; selectedKey?: string; width: number; height: number; filter: string };

/** Column widths for a terminal width: sparklines and aliases grow on wide terminals, the LLDP neighbour takes the rest. */
export function portColumns(width: number) {
  const wide = width >= 120;
  const c = { name: wide ? 14 : 9, alias: wide ? 20 : width >= 96 ? 16 : 11, speed: 5, rate: 6, spark: wide ? 12 : 5, err: 9 };
  const used = 2 + c.name + 1 + c.alias + 1 + c.speed + 1 + (c.rate + 1 + c.spark + 1) * 2 + c.err + 1;
  return { ...c, neighbor: Math.max(0, width - used) };
}

export function PortTable({ rows, selectedKey, width, height, filter }: PortTableProps) {
  const t = useT();
  const theme = useTheme();
  if (rows.length === 0) return <Text>{filter ? t.noMatch(filter) : t.noDevices}</Text>;
  const c = portColumns(width);
  const sel = Math.max(0, selectedKey === undefined ? 0 : rows.findIndex((r) => r.row.key === selectedKey));
  const { start, end } = windowAround(rows.length, sel, height - 1);
  const head =
    `  ${fit(t.col.port, c.name)} ${fit(t.col.alias, c.alias)} ${fit(t.col.speed, c.speed, 'right')} ` +
    `${fit(t.col.in, c.rate, 'right')} ${fit('', c.spark)} ${fit(t.col.out, c.rate, 'right')} ${fit('', c.spark)} ` +
    `${fit(t.col.errDisc, c.err, 'right')} ${cut(t.col.neighbor, c.neighbor)}`;
  return (
    <>
      <Text dimColor={theme.color} wrap="truncate">{head}</Text>
      {rows.slice(start, end).map((p, i) => {
        const r = p.row;
        const selected = start + i === sel;
        const n = p.neighbor;
        const top = Math.max(0, ...r.inHistory, ...r.outHistory);
        return (
          // Three nodes per row, split by how often they change: name/alias/speed (rarely), rates and
          // sparklines (each poll), the LLDP neighbour (rarely). ink keeps every distinct text it
          // measured (ink#986), so a row must not be one new string per poll plus per selection move.
          <Box key={r.key} height={1}>
            <Text inverse={selected}>
              {selected ? '›' : ' '}
              <Text color={tint(theme, PORT_COLOR[p.state])}>{PORT_SYMBOL[p.state]}</Text>
              {`${fit(r.ifName || r.key, c.name)} ${fit(r.ifAlias, c.alias)} ${fit(speed(r.speedBps), c.speed, 'right')} `}
            </Text>
            <Text inverse={selected}>
              {`${fit(bps(r.inBps), c.rate, 'right')} `}
              <Text color={tint(theme, 'cyan')}>{sparkline(r.inHistory, c.spark, top)}</Text>
              {` ${fit(bps(r.outBps), c.rate, 'right')} `}
              <Text color={tint(theme, 'blue')}>{sparkline(r.outHistory, c.spark, top)}</Text>
              {` ${fit(`${rate(r.errorsPerSec)}/${rate(r.discardsPerSec)}`, c.err, 'right')} `}
            </Text>
            <Text inverse={selected} wrap="truncate">{cut(n ? `${n.remoteSystem} ${n.remotePortId}` : '', c.neighbor)}</Text>
          </Box>
        );
      })}
    </>
  );
}
