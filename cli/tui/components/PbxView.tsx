import { Box, Text } from 'ink';
import { useT } from '../i18n/index.js';
import { HEALTH_COLOR, HEALTH_SYMBOL, tint, useTheme } from '../theme.js';
import { duration, fit } from '../format.js';
import { windowAround } from '../window.js';
import type { ExtensionLine, ExtensionRow, PbxSummary, QueueRow } from '../pbx-summary.js';

export type PbxViewProps = {
  summary?: PbxSummary;
  rows: readonly ExtensionRow[];
  selectedKey?: string;
  filter: string;
  now: number;
  width: number;
  height: number;
};

const LINE_SYMBOL: Record<ExtensionLine, string> = { 'in-call': '☎', ringing: '♪', registered: '✓', unregistered: '✗' };
const LINE_COLOR: Record<ExtensionLine, string> = { 'in-call': 'cyan', ringing: 'yellow', registered: 'green', unregistered: 'red' };
const MAX_CALL_LINES = 4;
const MAX_QUEUE_LINES = 3;

const sortedByDepartment = (rows: readonly ExtensionRow[]) => rows.every((r, i) => i === 0 || rows[i - 1]!.department.localeCompare(r.department) <= 0);

/** PBX status, trunks, live calls, then extensions grouped by department. */
export function PbxView({ summary: s, rows, selectedKey, filter, now, width, height }: PbxViewProps) {
  const t = useT();
  const theme = useTheme();
  if (!s) return <Text>{t.pbx.notConfigured}</Text>;
  const lineLabel: Record<ExtensionLine, string> = { 'in-call': t.pbx.inUse, ringing: t.pbx.ringing, registered: t.pbx.registered, unregistered: t.pbx.unregistered };
  const calls = s.calls.slice(0, MAX_CALL_LINES);
  const trunkText = s.trunks.length ? s.trunks.map((tr) => `${tr.status === 'Registered' ? '✓' : tr.status === 'Unknown' ? '?' : '✗'} ${tr.name} ${t.pbx.trunkStatus[tr.status as keyof typeof t.pbx.trunkStatus] ?? tr.status}`).join('  ') : t.pbx.noTrunks;
  const queues = s.queues.slice(0, MAX_QUEUE_LINES);
  const used = 3 + queues.reduce((n, q) => n + queueLines(q, now, t, width), 0) + Math.max(1, calls.length) + (s.calls.length > MAX_CALL_LINES ? 1 : 0);
  const listH = Math.max(2, height - used);
  const sel = Math.max(0, selectedKey === undefined ? 0 : rows.findIndex((r) => r.number === selectedKey));
  // Extensions sorted by department get a header line per department.
  const grouped = sortedByDepartment(rows);
  const lines: ({ dept: string } | { row: ExtensionRow; index: number })[] = [];
  rows.forEach((row, index) => {
    if (grouped && (index === 0 || rows[index - 1]!.department !== row.department)) lines.push({ dept: row.department });
    lines.push({ row, index });
  });
  const selLine = lines.findIndex((l) => 'row' in l && l.index === sel);
  const { start, end } = windowAround(lines.length, selLine, listH - 1);
  const nameW = Math.max(12, Math.min(24, width - 50));
  const stateW = Math.max(...Object.values(lineLabel).map((x) => x.length));
  return (
    <>
      <Text wrap="truncate">
        <Text color={tint(theme, HEALTH_COLOR[s.health])}>{`${HEALTH_SYMBOL[s.health]} ${t.pbx.connection[s.connection]}`}</Text>
        {` · ${t.phones} ${s.registered}/${s.total} · ${t.calls} ${s.calls.length}`}
        {s.connection !== 'connected' && s.lastError ? ` · ${s.lastError}` : ''}
      </Text>
      <Text wrap="truncate">{`${t.pbx.trunks}: ${trunkText}`}</Text>
      {queues.map((q) => (
        <QueueLine key={q.name} q={q} now={now} width={width} />
      ))}
      <Text bold>{`${t.pbx.liveCalls}:`}</Text>
      {calls.length === 0 ? <Text>{`  ${t.pbx.noCalls}`}</Text> : null}
      {calls.map((c) => (
        <Box key={c.id} height={1}>
          <Text>{`  ${c.state === 'up' ? '☎' : '♪'} ${duration((now - c.startedAt) / 1000).padStart(6)}  `}</Text>
          <Text wrap="truncate">{c.parties.join(' → ')}</Text>
        </Box>
      ))}
      {s.calls.length > MAX_CALL_LINES ? <Text>{`  +${s.calls.length - MAX_CALL_LINES}`}</Text> : null}
      <Text dimColor={theme.color} wrap="truncate">
        {`  ${fit(t.col.ext, 5)} ${fit(t.col.name, nameW)} ${fit(t.col.state, stateW)} ${t.col.contact}`}
      </Text>
      {rows.length === 0 ? <Text>{filter ? t.noMatch(filter) : t.noDevices}</Text> : null}
      {lines.slice(start, end).map((l) => {
        if ('dept' in l) return <Text key={`d:${l.dept}`} bold wrap="truncate">{`── ${l.dept} `}</Text>;
        const r = l.row;
        const selected = l.index === sel;
        return (
          <Text key={r.number} wrap="truncate" inverse={selected}>
            {selected ? '›' : ' '}
            <Text color={tint(theme, LINE_COLOR[r.line])}>{LINE_SYMBOL[r.line]}</Text>
            {`${fit(r.number, 5)} ${fit(r.name, nameW)} `}
            <Text color={tint(theme, LINE_COLOR[r.line])}>{fit(lineLabel[r.line], stateW)}</Text>
            {` ${r.contact ?? ''}${grouped ? '' : `  ${r.department}`}`}
          </Text>
        );
      })}
    </>
  );
}

/** The parts of one queue's line(s); `wide`: all on one line. */
function queueParts(q: QueueRow, now: number, t: ReturnType<typeof useT>) {
  const st = t.pbx.memberState;
  const wait = q.firstJoinedAt !== undefined ? ` (${t.pbx.longest} ${duration(Math.max(0, (now - q.firstJoinedAt) / 1000))})` : '';
  const head = `${t.pbx.queue} ${q.name}: `;
  const waiting = `${t.pbx.waiting} ${q.waiting}${wait}`;
  const members = `${t.pbx.members} ${st.available} ${q.available}, ${st.paused} ${q.paused}, ${st.inCall} ${q.inCall}, ${st.unavailable} ${q.unavailable}`;
  const counts = `${t.pbx.answered} ${q.answered}, ${t.pbx.abandoned} ${q.abandoned}`;
  return { head, waiting, members, counts };
}

/** Lines a queue takes at this width (one, or two on a narrow terminal). */
export function queueLines(q: QueueRow, now: number, t: ReturnType<typeof useT>, width: number): number {
  const p = queueParts(q, now, t);
  return `${p.head}${p.waiting} · ${p.members} · ${p.counts}`.length <= width ? 1 : 2;
}

/**
 * `Queue bom: waiting 1 (longest 42s) · members free 2, paused 1, busy 1, away 1 · answered 5, abandoned 2`;
 * on a narrow terminal the members go to a second line. Waiting callers are yellow, red when no
 * member is free.
 */
function QueueLine({ q, now, width }: { q: QueueRow; now: number; width: number }) {
  const t = useT();
  const theme = useTheme();
  const p = queueParts(q, now, t);
  const waiting = <Text color={q.waiting > 0 ? tint(theme, q.available > 0 ? 'yellow' : 'red') : undefined}>{p.waiting}</Text>;
  if (queueLines(q, now, t, width) === 1)
    return (
      <Text wrap="truncate">
        {p.head}
        {waiting}
        {` · ${p.members} · ${p.counts}`}
      </Text>
    );
  return (
    <>
      <Text wrap="truncate">
        {p.head}
        {waiting}
        {` · ${p.counts}`}
      </Text>
      <Text wrap="truncate">{`  ${p.members}`}</Text>
    </>
  );
}
