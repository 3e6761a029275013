import { Box, Text } from 'ink';
import { useT } from '../i18n/index.js';
import { PORT_SYMBOL } from '../theme.js';
import type { PortState } from '../../../monitoring/health.js';

/** The key list and what each port symbol means. */
export function Help({ height }: { height: number }) {
  const t = useT();
  const states = Object.keys(PORT_SYMBOL) as PortState[];
  return (
    <Box flexDirection="column" height={height} borderStyle="round" paddingX={1}>
      <Text bold>{t.help.title}</Text>
      {t.help.lines.map(([k, v]) => (
        <Text key={k} wrap="truncate">{`${k.padEnd(16)} ${v}`}</Text>
      ))}
      <Text wrap="truncate">{states.map((s) => `${PORT_SYMBOL[s]} ${t.portState[s]}`).join('  ')}</Text>
    </Box>
  );
}
