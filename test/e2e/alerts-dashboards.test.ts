// Every panel query of the generated Grafana dashboards, and the typical queries of the community
// dashboards made for snmp_exporter's if_mib, run against a real Prometheus scraping the demo lab
// through srw exporter with the generated configuration and recording rules. A query that does not
// parse, or that returns no series, fails — with the dashboard, panel and query in the message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../infra/inventory/index.js';
import { siteDashboards, type Dashboard } from '../../monitoring/dashboards/index.js';
import { COMMUNITY_QUERIES, COMMUNITY_VARIABLES } from '../monitoring/dashboards/community-if-mib.js';
import { startAlertsLab, type AlertsLab } from './lab/alerts-lab.js';
import { waitUntil } from './lab/process.js';

let lab: AlertsLab;
type Result = { status: string; error?: string; data?: { result: unknown[] } };

const api = async (path: string): Promise<Result> => (await fetch(`${lab.promUrl}${path}`)).json() as Promise<Result>;
const query = (q: string) => api(`/api/v1/query?query=${encodeURIComponent(q)}`);

/** What Grafana does with `label_values(selector, label)`: the label's values on the matching series. */
async function labelValues(q: string): Promise<string[]> {
  const m = /^label_values\((.*),\s*([A-Za-z_]\w*)\)$/.exec(q.trim());
  if (!m) throw new Error(`not a label_values query: ${q}`);
  const r = (await api(`/api/v1/series?match[]=${encodeURIComponent(m[1]!)}`)) as unknown as { data: Record<string, string>[] };
  return [...new Set(r.data.map((s) => s[m[2]!]).filter((v): v is string => Boolean(v)))].sort();
}

/** Grafana's interpolation for one chosen value per variable ($__rate_interval: 4 scrapes, at least the lab's 30 s). */
const interpolate = (expr: string, vars: Record<string, string>) =>
  expr.replaceAll('$__rate_interval', '30s').replace(/\$(\w+)/g, (m, name: string) => (name in vars ? vars[name]! : m));

async function resolveVariables(list: { name: string; query: string; all?: boolean }[], prefer: Record<string, string> = {}): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const v of list) {
    const values = await labelValues(interpolate(v.query, vars));
    expect(values.length, `variable ${v.name}: ${v.query} has no values`).toBeGreaterThan(0);
    vars[v.name] = v.all ? '.+' : (values.find((x) => x === prefer[v.name]) ?? values[0]!);
  }
  return vars;
}

async function expectSeries(where: string, expr: string): Promise<void> {
  const r = await query(expr);
  expect(r.status, `${where}: ${expr}: ${r.error ?? ''}`).toBe('success');
  expect(r.data!.result.length, `${where}: ${expr} returned no series`).toBeGreaterThan(0);
}

const variablesOf = (d: Dashboard) =>
  d.templating.list
    .filter((v) => v.type === 'query')
    .map((v) => ({ name: v.name, query: (v.query as { query: string }).query, all: Boolean(v.includeAll) }));

beforeAll(async () => {
  lab = await startAlertsLab();
  lab.faults.trunkRegistered(true);
  await waitUntil('every device answering', async () => Number(((await query('count(srw:device_up == 1)')).data?.result[0] as { value: [number, string] } | undefined)?.value[1]) === 4, 60_000);
  // Rates need a window of samples: 40 s of 1 s scrapes.
  await new Promise((ok) => setTimeout(ok, 40_000));
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe('generated dashboards against a real Prometheus scraping the demo lab', () => {
  it('every panel query of every dashboard parses and returns series', { timeout: 120_000 }, async () => {
    const inv = loadInventory(lab.inventoryPath);
    if (!inv.ok) throw new Error('lab inventory');
    const dashboards = siteDashboards(inv.value.inventory);
    expect(Object.keys(dashboards).sort()).toEqual(['srw-overview.json', 'srw-pbx.json', 'srw-switch.json', 'srw-ups.json']);
    let checked = 0;
    for (const [file, d] of Object.entries(dashboards)) {
      // The switch dashboard on the switch whose uplink the inventory lists.
      const vars = await resolveVariables(variablesOf(d), { device: lab.names.uplinkSwitch });
      for (const p of d.panels)
        for (const t of p.targets) {
          await expectSeries(`${file} "${p.title}"`, interpolate(t.expr, vars));
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('a query that does not parse, or finds nothing, is caught', async () => {
    const bad = await query('rate(ifHCInOctets{device="x"}[$__rate_interval])');
    expect(bad.status).toBe('error');
    const none = await query('srw_ups_load_ratio{device="no-such-ups"}');
    expect(none.data!.result).toEqual([]);
  });

  it('the typical queries of community if_mib dashboards work on srw\'s /snmp exposition', { timeout: 120_000 }, async () => {
    const vars = await resolveVariables(COMMUNITY_VARIABLES, { instance: lab.names.uplinkSwitch });
    expect(vars.instance).toBe(lab.names.uplinkSwitch);
    for (const q of COMMUNITY_QUERIES) await expectSeries('community if_mib', interpolate(q, vars));
  });
});
