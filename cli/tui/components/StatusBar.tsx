import { Text } from 'ink';
import { useT } from '../i18n/index.js';

export type StatusBarProps = { filtering: boolean; filter: string; sortLabel: string; width: number };

/** The bottom line: key hints, or the filter being typed; always the current sort. */
export function StatusBar({ filtering, filter, sortLabel }: StatusBarProps) {
  const t = useT();
  if (filtering) return <Text wrap="truncate">{`/${filter}▏  ${t.filterHint}`}</Text>;
  return (
    <Text wrap="truncate">
      {filter ? `${t.filter}: ${filter}  ` : ''}
      {`${t.sort}: ${sortLabel}  `}
      {t.hint}
    </Text>
  );
}
