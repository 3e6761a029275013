// The graph as text for a terminal, as Graphviz DOT and as Mermaid (for a picture in a wiki or
// a merge request). Every name and port went through printable() when the graph was built; the
// DOT and Mermaid writers also escape what their own syntax gives meaning to.
import type { Drift } from './drift.js';
import { disagrees, type Topology, type TopologyLink } from './graph.js';

const mark = (l: TopologyLink) => (l.agreement === 'agree' ? '' : l.agreement === 'unverified' ? (l.note ? `  (${l.note})` : '  (not in the inventory)') : `  ≠ DISAGREE: ${l.note}`);

export function topologyText(t: Topology, drift: readonly Drift[] = []): string {
  const lines: string[] = [];
  const inv = t.nodes.filter((n) => n.inventory);
  for (const n of inv) {
    const mine = t.links.filter((l) => l.a === n.name || (l.b === n.name && l.agreement === 'agree'));
    lines.push(`${n.name}${n.model ? `  (${n.model})` : ''}`);
    if (mine.length === 0) lines.push('  (no LLDP neighbours)');
    const rows = mine.map((l) => (l.a === n.name ? { port: l.aPort, far: `${l.b} ${l.bPort}`, l } : { port: l.bPort, far: `${l.a} ${l.aPort}`, l }));
    const w = Math.max(0, ...rows.map((r) => r.port.length));
    for (const r of rows.sort((x, y) => x.port.localeCompare(y.port, 'en', { numeric: true }))) lines.push(`  ${r.port.padEnd(w)}  ${disagrees(r.l) ? '─?─' : '───'} ${r.far}${mark(r.l)}`);
    for (const d of drift.filter((x) => x.device === n.name)) lines.push(`  ! drift (${d.source}): ${d.summary}`);
  }
  const bad = t.links.filter(disagrees).length;
  lines.push('', `${inv.length} switches, ${t.links.length} links, ${bad} disagreeing, ${drift.length} drift`);
  return `${lines.join('\n')}\n`;
}

const dotId = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function topologyDot(t: Topology): string {
  const out = ['graph srw_topology {', '  graph [rankdir=TB, fontname="sans-serif"];', '  node [fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=9];'];
  for (const n of t.nodes) out.push(`  ${dotId(n.name)} [shape=${n.inventory ? 'box' : 'ellipse'}${n.inventory ? '' : ', style=dashed'}];`);
  for (const l of t.links) {
    const attrs = [`taillabel=${dotId(l.aPort)}`, `headlabel=${dotId(l.bPort)}`];
    if (disagrees(l)) attrs.push('color=red', 'style=bold', `label=${dotId(`disagree: ${l.note ?? ''}`)}`);
    else if (l.agreement === 'unverified') attrs.push('style=dashed');
    out.push(`  ${dotId(l.a)} -- ${dotId(l.b)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

// Mermaid labels: quotes, brackets and pipes end a label; #quot; and friends are its escapes.
const mermaidText = (s: string) => s.replace(/[#"<>|[\]{}()]/g, (c) => `#${c.charCodeAt(0)};`);

export function topologyMermaid(t: Topology): string {
  const ids = new Map(t.nodes.map((n, i) => [n.name, `n${i}`]));
  const out = ['graph TD'];
  for (const n of t.nodes) out.push(`  ${ids.get(n.name)}${n.inventory ? `["${mermaidText(n.name)}"]` : `("${mermaidText(n.name)}")`}`);
  t.links.forEach((l) => {
    const label = mermaidText(`${l.aPort} – ${l.bPort}${disagrees(l) ? ' ≠ disagree' : ''}`);
    out.push(`  ${ids.get(l.a)} ${disagrees(l) ? '-.-' : l.agreement === 'unverified' ? '---' : '==='}|"${label}"| ${ids.get(l.b)}`);
  });
  const bad = t.links.map((l, i) => (disagrees(l) ? i : -1)).filter((i) => i >= 0);
  if (bad.length) out.push(`  linkStyle ${bad.join(',')} stroke:#d00,stroke-width:2px`);
  return `${out.join('\n')}\n`;
}
