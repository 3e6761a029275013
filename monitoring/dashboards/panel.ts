// Grafana's classic dashboard JSON model (schemaVersion 41, Grafana 12), built as plain data:
// every panel queries the Prometheus datasource chosen in the `datasource` variable.
export const SCHEMA_VERSION = 41;

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

export type Target = { expr: string; legend?: string; instant?: boolean };

export type PanelSpec = {
  title: string;
  type: 'timeseries' | 'stat' | 'table';
  unit?: string;
  w: number;
  h: number;
  targets: Target[];
  description?: string;
  /** stat panels: value → text (1 → "up") */
  mappings?: { value: string; text: string; color: string }[];
  thresholds?: { value: number | null; color: string }[];
};

export type Panel = Record<string, unknown> & { id: number; title: string; targets: { expr: string; refId: string }[] };

export type Variable = Record<string, unknown> & { name: string; type: string };

export const datasourceVariable = (): Variable => ({
  type: 'datasource',
  name: 'datasource',
  label: 'Prometheus',
  query: 'prometheus',
  current: {},
  hide: 0,
  refresh: 1,
  regex: '',
  skipUrlSync: false,
});

/** A variable from `label_values(selector, label)`: refreshed when the time range changes. */
export function labelVariable(name: string, label: string, selector: string, labelName: string, o: { all?: boolean } = {}): Variable {
  const query = `label_values(${selector}, ${labelName})`;
  return {
    type: 'query',
    name,
    label,
    datasource: DATASOURCE,
    definition: query,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
    refresh: 2,
    sort: 1,
    regex: '',
    hide: 0,
    current: {},
    options: [],
    skipUrlSync: false,
    ...(o.all ? { includeAll: true, multi: true, allValue: '.+' } : { includeAll: false, multi: false }),
  };
}

/** Lays the panels out left to right in rows 24 units wide. */
export function layout(specs: PanelSpec[]): Panel[] {
  let x = 0;
  let y = 0;
  let rowH = 0;
  return specs.map((s, i) => {
    if (x + s.w > 24) {
      x = 0;
      y += rowH;
      rowH = 0;
    }
    const gridPos = { x, y, w: s.w, h: s.h };
    x += s.w;
    rowH = Math.max(rowH, s.h);
    return panel(s, i + 1, gridPos);
  });
}

function panel(s: PanelSpec, id: number, gridPos: Record<string, number>): Panel {
  const targets = s.targets.map((t, k) => ({
    refId: String.fromCharCode(65 + k),
    datasource: DATASOURCE,
    expr: t.expr,
    legendFormat: t.legend ?? '__auto',
    range: !(t.instant ?? s.type !== 'timeseries'),
    instant: t.instant ?? s.type !== 'timeseries',
    ...(s.type === 'table' ? { format: 'table' } : {}),
  }));
  const defaults: Record<string, unknown> = {
    ...(s.unit ? { unit: s.unit } : {}),
    mappings: (s.mappings ?? []).length ? [{ type: 'value', options: Object.fromEntries(s.mappings!.map((m, k) => [m.value, { text: m.text, color: m.color, index: k }])) }] : [],
    thresholds: { mode: 'absolute', steps: s.thresholds ?? [{ value: null, color: 'green' }] },
    color: { mode: s.type === 'timeseries' ? 'palette-classic' : 'thresholds' },
  };
  const options: Record<string, unknown> =
    s.type === 'timeseries'
      ? { legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } }
      : s.type === 'stat'
        ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'none', textMode: 'auto', justifyMode: 'auto', orientation: 'auto' }
        : { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } };
  return {
    id,
    type: s.type,
    title: s.title,
    ...(s.description ? { description: s.description } : {}),
    datasource: DATASOURCE,
    gridPos,
    targets,
    fieldConfig: { defaults, overrides: [] },
    options,
    ...(s.type === 'table' ? { transformations: [{ id: 'labelsToFields', options: { mode: 'columns' } }, { id: 'organize', options: { excludeByName: { Time: true, __name__: true, job: true } } }] } : {}),
  };
}

export type Dashboard = {
  uid: string;
  title: string;
  tags: string[];
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
  [k: string]: unknown;
};

export function dashboard(o: { uid: string; title: string; description: string; variables: Variable[]; panels: PanelSpec[]; links?: unknown[] }): Dashboard {
  return {
    uid: o.uid,
    title: o.title,
    description: o.description,
    tags: ['srw'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    refresh: '30s',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    links: o.links ?? [{ type: 'dashboards', tags: ['srw'], asDropdown: true, title: 'srw', includeVars: false, keepTime: true }],
    annotations: {
      list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }],
    },
    templating: { list: [datasourceVariable(), ...o.variables] },
    panels: layout(o.panels),
  };
}
