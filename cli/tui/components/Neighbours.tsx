import { Box, Text } from 'ink';
import type { Drift, Topology } from '../../../monitoring/topology/index.js';
import { portKey } from '../../../monitoring/topology/index.js';
import { useT } from '../i18n/index.js';
import { tint, useTheme } from '../theme.js';
import { cut, fit } from '../format.js';
import type { Screen } from '../screen.js';
import { DeviceTitle } from './DeviceTitle.js';

export type TopologyView = { topology: Topology; drift: readonly Drift[] };

export type NeighboursProps = { focus: Screen['switch']; topology?: TopologyView; width: number; height: number };

/** One switch's LLDP neighbours: our port, the far end, whether both ends agree, and drift. */
export function Neighbours({ focus, topology, width, height }: NeighboursProps) {
  const t = useT();
  const theme = useTheme();
  if (!focus) return <Text>{t.noDevices}</Text>;
  const name = focus.device.name;
  const links = (topology?.topology.links ?? [])
    .filter((l) => l.a === name || (l.b === name && l.agreement === 'agree'))
    .map((l) => (l.a === name ? { port: l.aPort, far: l.b, farPort: l.bPort, l } : { port: l.bPort, far: l.a, farPort: l.aPort, l }))
    .sort((x, y) => x.port.localeCompare(y.port, 'en', { numeric: true }));
  const drift = (topology?.drift ?? []).filter((d) => d.device === name);
  const driftOn = (port: string) => drift.filter((d) => portKey(d.port) === portKey(port));
  const orphanDrift = drift.filter((d) => !links.some((r) => portKey(r.port) === portKey(d.port)));
  const portW = Math.min(16, Math.max(4, ...links.map((r) => r.port.length)));
  const farW = Math.min(32, Math.max(8, ...links.map((r) => r.far.length + r.farPort.length + 1)));
  const rows = Math.max(1, height - 3);
  const mark = (a: string) => (a === 'agree' ? { s: '✓', c: 'green', text: t.neighbours.agree } : a === 'unverified' ? { s: '·', c: 'gray', text: t.neighbours.unverified } : { s: '≠', c: 'red', text: t.neighbours.disagree });
  return (
    <>
      <DeviceTitle health={focus.health} address={focus.device.address} index={focus.index} count={focus.count} reason={focus.device.reason} />
      <Text dimColor={theme.color} wrap="truncate">{`  ${fit(t.col.port, portW)}  ${fit(t.col.neighbor, farW)}  ${t.neighbours.ends}`}</Text>
      {links.length === 0 && orphanDrift.length === 0 ? <Text>{t.neighbours.none}</Text> : null}
      {links.slice(0, rows).map((r, i) => {
        const m = mark(r.l.agreement);
        const d = driftOn(r.port);
        return (
          <Box key={`${r.port}:${i}`} height={1}>
            <Text wrap="truncate">
              <Text color={tint(theme, d.length ? 'red' : m.c)}>{`${d.length ? '!' : m.s} `}</Text>
              {`${fit(r.port, portW)}  ${fit(`${r.far} ${r.farPort}`, farW)}  `}
              <Text color={tint(theme, m.c)}>{m.text}</Text>
              {cut(`${r.l.note && r.l.agreement !== 'agree' ? ` — ${r.l.note}` : ''}${d.length ? `  ${t.neighbours.drift}: ${d.map((x) => x.summary).join('; ')}` : ''}`, Math.max(0, width - portW - farW - 20))}
            </Text>
          </Box>
        );
      })}
      {orphanDrift.slice(0, Math.max(0, rows - links.length)).map((d, i) => (
        <Text key={`drift:${i}`} wrap="truncate" color={tint(theme, 'red')}>{`! ${fit(d.port, portW)}  ${t.neighbours.drift}: ${d.summary}`}</Text>
      ))}
    </>
  );
}
