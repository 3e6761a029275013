// The dashboards' JSON as Grafana 12 imports it: classic model, schemaVersion 41, the datasource a
// variable every panel and query uses (so one file works with any Prometheus), panels laid out
// without overlap, titles in the site language. Their queries run in test/e2e/alerts-dashboards.
import { describe, expect, it } from 'vitest';
import { renderDashboards, siteDashboards, SCHEMA_VERSION } from '../../../monitoring/dashboards/index.js';
import { runSrw } from '../../helpers/run-srw.js';
import { example, examplePath } from '../../infra/inventories.js';

describe('generated Grafana dashboards', () => {
  const dashboards = siteDashboards(example());

  it('overview, switch, UPS and PBX, each with the datasource as a variable', () => {
    expect(Object.keys(dashboards)).toEqual(['srw-overview.json', 'srw-switch.json', 'srw-ups.json', 'srw-pbx.json']);
    for (const d of Object.values(dashboards)) {
      expect(d.schemaVersion).toBe(SCHEMA_VERSION);
      expect(d.templating.list[0]).toMatchObject({ type: 'datasource', name: 'datasource', query: 'prometheus' });
      for (const p of d.panels) {
        expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        for (const t of p.targets as unknown as { datasource: unknown; expr: string }[]) {
          expect(t.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
          expect(t.expr.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('lays panels out without overlap, inside 24 columns, with unique ids', () => {
    for (const d of Object.values(dashboards)) {
      const boxes = d.panels.map((p) => p.gridPos as { x: number; y: number; w: number; h: number });
      expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);
      for (const [i, a] of boxes.entries()) {
        expect(a.x + a.w).toBeLessThanOrEqual(24);
        for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${d.uid}`).toBe(false);
      }
    }
  });

  it('speaks the site language, or the one asked for', () => {
    expect(dashboards['srw-ups.json']!.panels[1]!.title).toBe('Naładowanie baterii');
    expect(siteDashboards(example(), { lang: 'en' })['srw-ups.json']!.panels[1]!.title).toBe('Battery charge');
  });

  it('srw dashboards prints the same JSON and writes one file per dashboard', () => {
    const r = runSrw(['-i', examplePath, 'dashboards']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((d: { uid: string }) => d.uid)).toEqual(['srw-overview', 'srw-switch', 'srw-ups', 'srw-pbx']);
    expect(JSON.parse(renderDashboards(example())['srw-pbx.json']!).uid).toBe('srw-pbx');
  });
});
