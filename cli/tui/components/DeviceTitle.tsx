import { Text } from 'ink';
import type { DeviceHealth } from '../../../monitoring/health.js';
import { useT } from '../i18n/index.js';
import { HEALTH_COLOR, HEALTH_SYMBOL, tint, useTheme } from '../theme.js';
import { duration } from '../format.js';

export type DeviceTitleProps = { health: DeviceHealth; address: string; index: number; count: number; reason?: string };

/** "◀ 2/6 ▶ core-1 · Aruba CX 6300M · ✓ up · polled 3s ago" — which device the view shows, and how to change it. */
export function DeviceTitle({ health: h, address, index, count, reason }: DeviceTitleProps) {
  const t = useT();
  const theme = useTheme();
  const age = h.ageMs === undefined ? t.never : t.ago(duration(h.ageMs / 1000));
  const why = [...h.reasons.map((x) => t.reason[x]), reason].filter(Boolean).join(', ');
  return (
    <Text wrap="truncate">
      {`◀ ${index + 1}/${count} ▶ `}
      <Text bold>{h.name}</Text>
      {` · ${h.model} · ${address} · `}
      <Text color={tint(theme, HEALTH_COLOR[h.health])}>{`${HEALTH_SYMBOL[h.health]} ${t.health[h.health]}`}</Text>
      {why ? ` (${why})` : ''}
      {` · ${t.age} ${age}`}
    </Text>
  );
}
