import { Box, Text } from 'ink';
import type { EventLogState, MonitoringEvent } from '../../../monitoring/events/index.js';
import { useT } from '../i18n/index.js';
import { tint, useTheme } from '../theme.js';
import { cut, fit } from '../format.js';

export type EventListProps = { log?: EventLogState; filter: string; width: number; height: number };

const SEVERITY_SYMBOL: Record<MonitoringEvent['severity'], string> = { critical: '✗', warning: '▲', info: '·' };
const SEVERITY_COLOR: Record<MonitoringEvent['severity'], string> = { critical: 'red', warning: 'yellow', info: 'green' };

const stamp = (at: number) => {
  const d = new Date(at);
  return `${d.toISOString().slice(5, 10)} ${d.toTimeString().slice(0, 8)}`;
};

/** Newest first: time, kind, source and port, what happened. Strings were made printable when the event was made. */
export function EventList({ log, filter, width, height }: EventListProps) {
  const t = useT();
  const theme = useTheme();
  const f = filter.toLowerCase();
  const all = log?.events ?? [];
  const shown = (f ? all.filter((e) => `${e.kind} ${e.source} ${e.port ?? ''} ${e.summary}`.toLowerCase().includes(f)) : all).slice(-Math.max(1, height - 1)).reverse();
  const kindW = Math.max(...Object.values(t.events.kind).map((k) => k.length));
  const srcW = Math.min(18, Math.max(6, ...shown.map((e) => e.source.length)));
  return (
    <>
      <Text dimColor={theme.color} wrap="truncate">{`  ${fit(t.events.time, 14)} ${fit(t.events.kindCol, kindW)} ${fit(t.col.device, srcW)} ${t.events.what}   (${log?.total ?? 0})`}</Text>
      {all.length === 0 ? <Text>{t.events.empty}</Text> : shown.length === 0 ? <Text>{t.noMatch(filter)}</Text> : null}
      {shown.map((e) => (
        <Box key={e.id} height={1}>
          <Text wrap="truncate">
            <Text color={tint(theme, SEVERITY_COLOR[e.severity])}>{`${SEVERITY_SYMBOL[e.severity]} `}</Text>
            {`${stamp(e.at)} ${fit(t.events.kind[e.kind], kindW)} ${fit(e.source, srcW)} `}
            {cut(e.summary, Math.max(10, width - 20 - kindW - srcW))}
          </Text>
        </Box>
      ))}
    </>
  );
}
