import { Box, Text } from 'ink';
import { useT, type Messages } from '../i18n/index.js';
import { HEALTH_COLOR, HEALTH_SYMBOL, tint, useTheme } from '../theme.js';
import { cut, duration, fit, percent, rate } from '../format.js';
import { windowAround } from '../window.js';
import type { OverviewRow } from '../view-model.js';

/** selectedKey: undefined selects the first row; null selects none (printed output). */
export type OverviewTableProps = { rows: readonly OverviewRow[]; selectedKey?: string | null; width: number; height: number; filter: string };

/** One line of detail for a device or the PBX; reasons come first because they are why you look. */
export function rowDetail(r: OverviewRow, t: Messages, wide = true): string {
  const parts: string[] = [];
  const d = r.device;
  if (d) {
    if (d.reasons.length) parts.push(d.reasons.map((x) => t.reason[x]).join(', '));
    if (d.pollReason) parts.push(d.pollReason);
    // A device never polled successfully has no ports or battery to speak of yet.
    if (d.ageMs === undefined) return parts.join(' | ');
    if (r.kind === 'switch') {
      parts.push(`${t.ports} ${d.portsUp}/${d.portsTotal}`);
      parts.push(`${t.worst} ${percent(d.worstUtilisation)}${d.worstPort && wide ? ` ${d.worstPort}` : ''}`);
      parts.push(`${t.errors} ${rate(d.errorRate)}`);
    } else {
      parts.push(`${t.battery} ${d.batteryPercent === undefined ? '–' : `${Math.round(d.batteryPercent)}%`}`);
      // Battery, bypass and output off are already reasons; say where else the load is fed from.
      if (d.outputSource && d.outputSource !== 'battery' && d.outputSource !== 'bypass' && d.outputSource !== 'none') parts.push(t.ups.output[d.outputSource]);
      if (d.loadPercent !== undefined) parts.push(`${t.ups.load} ${Math.round(d.loadPercent)}%`);
    }
  }
  const p = r.pbx;
  if (p) {
    if (p.connection !== 'connected') parts.push(t.pbx.connection[p.connection] + (p.lastError ? `: ${p.lastError}` : ''));
    parts.push(`${t.phones} ${p.registered}/${p.total}`);
    parts.push(`${t.calls} ${p.calls.length}`);
    if (p.trunks.length) parts.push(`${t.pbx.trunks.toLowerCase()} ${p.trunksUp}/${p.trunks.length}`);
  }
  // ASCII separators: a line with any non-ASCII character costs ink a grapheme-by-grapheme width scan.
  return parts.join(' | ');
}

export function OverviewTable({ rows, selectedKey, width, height, filter }: OverviewTableProps) {
  const t = useT();
  const theme = useTheme();
  if (rows.length === 0) return <Text>{filter ? t.noMatch(filter) : t.noDevices}</Text>;
  const sel = selectedKey === null ? -1 : Math.max(0, selectedKey === undefined ? 0 : rows.findIndex((r) => r.key === selectedKey));
  const nameW = Math.min(16, Math.max(8, ...rows.map((r) => r.name.length)));
  const healthW = Math.max(...Object.values(t.health).map((s) => s.length));
  const kindW = Math.max(...Object.values(t.kind).map((s) => s.length));
  // The age of the last good poll has its own column so a narrow terminal never cuts it off.
  const ageW = Math.max(5, t.age.length);
  const detailW = Math.max(0, width - 3 - nameW - 1 - kindW - 1 - healthW - 1 - ageW - 1);
  const age = (r: OverviewRow) => (r.device ? (r.device.ageMs === undefined ? t.never : duration(r.device.ageMs / 1000)) : '');
  const { start, end } = windowAround(rows.length, Math.max(0, sel), height - 1);
  return (
    <>
      <Text dimColor={theme.color} wrap="truncate">
        {cut(`   ${fit(t.col.device, nameW)} ${fit('', kindW)} ${fit(t.col.health, healthW)} ${fit(t.age, ageW, 'right')}`, width)}
      </Text>
      {rows.slice(start, end).map((r, i) => {
        const selected = start + i === sel;
        return (
          // Cells that change at different rates are Text nodes of their own: ink keeps every distinct
          // text it ever measured (ink#986, no eviction in ink 6), so the age ticking every second must
          // not make a new whole-row string each second.
          <Box key={r.key} height={1}>
            <Text inverse={selected}>
              {selected ? '›' : ' '}
              <Text color={tint(theme, HEALTH_COLOR[r.health])}>{HEALTH_SYMBOL[r.health]}</Text>
              {` ${fit(r.name, nameW)} ${fit(t.kind[r.kind], kindW)} `}
              <Text color={tint(theme, HEALTH_COLOR[r.health])}>{fit(t.health[r.health], healthW)}</Text>
            </Text>
            <Text inverse={selected}>{` ${fit(age(r), ageW, 'right')} `}</Text>
            <Text inverse={selected} wrap="truncate">{cut(rowDetail(r, t, detailW >= 70), detailW)}</Text>
          </Box>
        );
      })}
    </>
  );
}
