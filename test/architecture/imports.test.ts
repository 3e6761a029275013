// Holds the dependency rule of ARCHITECTURE.md: cli → monitoring, voip, infra;
// monitoring, voip → infra/inventory; nothing imports cli; domain code never imports Ink/React;
// cdktf stays inside infra/.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { repoRoot } from '../helpers/run-srw.js';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'generated') continue;
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

type Edge = { from: string; spec: string; target?: string };

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = (m[1] ?? m[2])!;
    const target = spec.startsWith('.') ? relative(repoRoot, resolve(dirname(file), spec)) : undefined;
    edges.push({ from: relative(repoRoot, file), spec, ...(target ? { target } : {}) });
  }
  return edges;
}

const edges = ['infra', 'monitoring', 'voip', 'cli'].flatMap((d) => sourceFiles(join(repoRoot, d))).flatMap(importsOf);
const top = (p: string) => p.split('/')[0];

describe('dependency rule', () => {
  it('sees the imports it checks', () => {
    expect(edges.filter((e) => e.target).length).toBeGreaterThan(20);
  });
  it('nothing outside cli imports cli', () => {
    expect(edges.filter((e) => top(e.from) !== 'cli' && e.target && top(e.target) === 'cli')).toEqual([]);
  });
  it('infra imports neither monitoring nor cli (voip rendering for the PBX host, and the monitoring stack\'s rules and dashboards, are the allowed calls)', () => {
    const generated = (e: Edge) => e.from === 'infra/stacks/monitoring-stack.ts' && /^monitoring\/(alerts|dashboards)\/index\.js$/.test(e.target ?? '');
    const bad = edges.filter((e) => top(e.from) === 'infra' && e.target && ['monitoring', 'cli'].includes(top(e.target)!) && !generated(e));
    expect(bad).toEqual([]);
  });
  it('monitoring and voip reach infra only through infra/inventory', () => {
    const bad = edges.filter((e) => ['monitoring', 'voip'].includes(top(e.from)!) && e.target?.startsWith('infra/') && !e.target.startsWith('infra/inventory'));
    expect(bad).toEqual([]);
  });
  it('domain code never imports Ink or React', () => {
    const bad = edges.filter((e) => top(e.from) !== 'cli' && /^(ink|react)(\/|$)/.test(e.spec));
    expect(bad).toEqual([]);
  });
  it('cdktf and constructs are imported only inside infra', () => {
    const bad = edges.filter((e) => top(e.from) !== 'infra' && /^(cdktf|constructs|@cdktf\/)/.test(e.spec));
    expect(bad).toEqual([]);
  });
});
