import { Text } from 'ink';
import type { PortState } from '../../../monitoring/health.js';
import { useT } from '../i18n/index.js';
import { PORT_COLOR, PORT_SYMBOL, tint, useTheme } from '../theme.js';
import type { PortRow } from '../view-model.js';

export type PortGridProps = { ports: readonly PortRow[]; selectedKey?: string; width: number };

const GROUP = 12;

/** Ports per grid line: whole groups of 12 that fit the width, balanced so 48 ports make 2 × 24, not 36 + 12. */
export function portsPerLine(count: number, width: number): number {
  const max = Math.max(1, Math.floor((width - 1) / (GROUP * 2 + 1))) * GROUP;
  const lines = Math.max(1, Math.ceil(count / max));
  return Math.max(GROUP, Math.ceil(count / lines / GROUP) * GROUP);
}

/** One cell per port in ifIndex order, in groups of 12 like a switch's front panel. */
export function PortGrid({ ports, selectedKey, width }: PortGridProps) {
  const theme = useTheme();
  // Each cell is 2 columns, plus one separator column per group of 12.
  const perLine = portsPerLine(ports.length, width);
  const lines: PortRow[][] = [];
  for (let i = 0; i < ports.length; i += perLine) lines.push(ports.slice(i, i + perLine));
  return (
    <>
      {lines.map((line, li) => (
        <Text key={li} wrap="truncate">
          {line.map((p, i) => {
            const selected = p.row.key === selectedKey;
            return (
              <Text key={p.row.key}>
                {i > 0 && i % GROUP === 0 ? ' ' : ''}
                <Text color={tint(theme, PORT_COLOR[p.state])} inverse={selected}>
                  {PORT_SYMBOL[p.state]}
                </Text>
                {' '}
              </Text>
            );
          })}
        </Text>
      ))}
    </>
  );
}

const LEGEND: PortState[] = ['idle', 'busy', 'saturated', 'erroring', 'down', 'admin-down'];

export function PortLegend() {
  const t = useT();
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {LEGEND.map((s) => (
        <Text key={s}>
          <Text color={tint(theme, PORT_COLOR[s])}>{PORT_SYMBOL[s]}</Text>
          {` ${t.portState[s]}  `}
        </Text>
      ))}
    </Text>
  );
}
