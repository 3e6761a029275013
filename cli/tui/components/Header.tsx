import { Box, Text } from 'ink';
import type { HealthCounts } from '../../../monitoring/health.js';
import { useT } from '../i18n/index.js';
import { HEALTH_COLOR, HEALTH_SYMBOL, tint, useTheme } from '../theme.js';
import { VIEWS, type View } from '../navigation.js';
import { fit } from '../format.js';

export type HeaderProps = { site: string; counts: HealthCounts; total: number; clock: string; view: View; width: number };

/** Two lines: site and health counts over everything watched, then the view tabs. */
export function Header({ site, counts, total, clock, view, width }: HeaderProps) {
  const t = useT();
  const theme = useTheme();
  // Zero counts are left out (except "up") so the line fits 80 columns and problems stand out.
  const order = (['down', 'degraded', 'pending', 'up'] as const).filter((h) => h === 'up' || counts[h] > 0);
  const countText = order.map((h) => `${HEALTH_SYMBOL[h]} ${counts[h]} ${t.health[h]}  `).join('');
  const left = `srw · ${site}`;
  const right = `${t.counts(total)}  ${clock}`; // for the width budget only
  const room = Math.max(0, width - right.length - countText.length - 2);
  return (
    <>
      <Box height={1}>
        <Text wrap="truncate">
          <Text bold>{fit(left, Math.min(left.length, room))}</Text>
          {'  '}
          {order.map((h) => (
            <Text key={h} color={tint(theme, HEALTH_COLOR[h])}>
              {`${HEALTH_SYMBOL[h]} ${counts[h]} ${t.health[h]}  `}
            </Text>
          ))}
          {`${t.counts(total)}  `}
        </Text>
        {/* The clock is a node of its own so the rest of the line is not a new string every second. */}
        <Text>{clock}</Text>
      </Box>
      <Text wrap="truncate">
        {VIEWS.map((v) => (
          <Text key={v} bold={v === view} inverse={v === view}>
            {v === view ? `[${t.views[v]}]` : ` ${t.views[v]} `}
          </Text>
        ))}
      </Text>
    </>
  );
}
