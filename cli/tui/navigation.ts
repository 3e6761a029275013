// UI state of the dashboard and the pure key handler: which view, which device, which row is
// selected (by key, so a re-sorted list keeps the same row under the cursor), filter and sort.
export type View = 'overview' | 'switch' | 'ups' | 'pbx' | 'events';
export const VIEWS: readonly View[] = ['overview', 'switch', 'ups', 'pbx', 'events'];

export const SORTS = {
  overview: ['health', 'name', 'load'],
  switch: ['index', 'load', 'errors', 'state'],
  ups: ['name'],
  pbx: ['department', 'number', 'state'],
  events: ['newest'],
} as const satisfies Record<View, readonly string[]>;

export type SortKey = (typeof SORTS)[View][number];

export type UiState = {
  view: View;
  /** Device shown in the switch and UPS views, by name. */
  device: { switch?: string; ups?: string };
  /** Selected row per list, by key; undefined means the first row. */
  selected: { overview?: string; switch?: string; pbx?: string };
  filter: Record<View, string>;
  /** True while `/` is taking typed characters. */
  filtering: boolean;
  sort: Record<View, number>;
  detail: boolean;
  /** Switch view: the LLDP neighbours instead of the port list (key n). */
  neighbours?: boolean;
  help: boolean;
};

export const initialUiState = (): UiState => ({
  view: 'overview',
  device: {},
  selected: {},
  filter: { overview: '', switch: '', ups: '', pbx: '', events: '' },
  filtering: false,
  sort: { overview: 0, switch: 0, ups: 0, pbx: 0, events: 0 },
  detail: false,
  help: false,
});

export const sortKeyOf = (s: UiState, view: View = s.view): SortKey => {
  const modes: readonly SortKey[] = SORTS[view];
  return modes[s.sort[view] % modes.length]!;
};

/** What the key handler needs to know about the lists currently on screen. */
export type KeyContext = {
  /** Row keys of the selectable list in the current view, in display order. */
  rows: readonly string[];
  /** Device names per device view, in display order. */
  devices: { switch: readonly string[]; ups: readonly string[] };
  /** Overview row key → the view that Enter opens. */
  openTarget?: (key: string) => View | undefined;
};

/** The subset of ink's Key we read, so the handler is testable without ink. */
export type KeyPress = Partial<{
  upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean;
  pageUp: boolean; pageDown: boolean; return: boolean; escape: boolean;
  backspace: boolean; delete: boolean; tab: boolean; shift: boolean; ctrl: boolean;
}>;

export type KeyResult = UiState | 'quit';

export function moveKey(rows: readonly string[], current: string | undefined, delta: number): string | undefined {
  if (rows.length === 0) return current;
  const at = current === undefined ? 0 : Math.max(0, rows.indexOf(current));
  return rows[Math.min(rows.length - 1, Math.max(0, at + delta))];
}

const selectable = (v: View): v is 'overview' | 'switch' | 'pbx' => v !== 'ups' && v !== 'events';

export function handleKey(s: UiState, input: string, key: KeyPress, ctx: KeyContext): KeyResult {
  if (key.ctrl && input === 'c') return 'quit';
  if (s.filtering) return filterKey(s, input, key, ctx);
  if (s.help) return input === 'q' ? 'quit' : { ...s, help: false };

  const v = s.view;
  const move = (delta: number): UiState =>
    selectable(v) ? { ...s, selected: { ...s.selected, [v]: moveKey(ctx.rows, s.selected[v], delta) } } : s;

  if (key.tab) {
    const i = VIEWS.indexOf(v);
    const next = VIEWS[(i + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length]!;
    return { ...s, view: next, detail: false };
  }
  if (key.upArrow || input === 'k') return move(-1);
  if (key.downArrow || input === 'j') return move(1);
  if (key.pageUp) return move(-10);
  if (key.pageDown) return move(10);
  if (key.leftArrow || key.rightArrow || input === 'h' || input === 'l') {
    if (v !== 'switch' && v !== 'ups') return s;
    const names = ctx.devices[v];
    const cur = s.device[v] ?? names[0];
    const i = Math.max(0, cur === undefined ? 0 : names.indexOf(cur));
    const d = key.leftArrow || input === 'h' ? -1 : 1;
    const next = names.length ? names[(i + d + names.length) % names.length] : undefined;
    return { ...s, device: { ...s.device, [v]: next }, selected: v === 'switch' ? { ...s.selected, switch: undefined } : s.selected, detail: false };
  }
  if (key.return) {
    if (v === 'overview') {
      const k = s.selected.overview ?? ctx.rows[0];
      const target = k === undefined ? undefined : ctx.openTarget?.(k);
      if (!target || k === undefined) return s;
      return { ...s, view: target, device: target === 'switch' || target === 'ups' ? { ...s.device, [target]: k } : s.device, detail: false };
    }
    if (v === 'switch' && ctx.rows.length > 0) return { ...s, detail: true, selected: { ...s.selected, switch: s.selected.switch ?? ctx.rows[0] } };
    return s;
  }
  if (key.escape || key.backspace || key.delete) {
    if (s.detail) return { ...s, detail: false };
    if (s.filter[v]) return { ...s, filter: { ...s.filter, [v]: '' } };
    if (v !== 'overview') return { ...s, view: 'overview' };
    return s;
  }
  if (input === '/') return { ...s, filtering: true, detail: false };
  if (input === 's') {
    // Pin the row under the cursor so re-sorting does not move the selection to another row.
    const selected = selectable(v) ? { ...s.selected, [v]: s.selected[v] ?? ctx.rows[0] } : s.selected;
    return { ...s, selected, sort: { ...s.sort, [v]: s.sort[v] + 1 } };
  }
  if (input === 'n' && v === 'switch') return { ...s, neighbours: !s.neighbours, detail: false };
  if (input === 'e') return { ...s, view: 'events', detail: false };
  if (input === '?') return { ...s, help: true };
  if (input === 'q') return 'quit';
  return s;
}

function filterKey(s: UiState, input: string, key: KeyPress, ctx: KeyContext): KeyResult {
  const v = s.view;
  const setFilter = (f: string): UiState => ({
    ...s,
    filter: { ...s.filter, [v]: f },
    // The old selection may be filtered away: start again at the first match.
    selected: selectable(v) ? { ...s.selected, [v]: undefined } : s.selected,
  });
  if (key.escape) return { ...setFilter(''), filtering: false };
  if (key.return || key.tab) return { ...s, filtering: false };
  if (key.backspace || key.delete) return setFilter(s.filter[v].slice(0, -1));
  if (key.upArrow || key.downArrow) {
    return selectable(v) ? { ...s, selected: { ...s.selected, [v]: moveKey(ctx.rows, s.selected[v], key.upArrow ? -1 : 1) } } : s;
  }
  if (input && !key.ctrl && !/[\x00-\x1f\x7f]/.test(input)) return setFilter(s.filter[v] + input);
  return s;
}

/**
 * Keys typed faster than the terminal is read (or pasted) arrive as one chunk, e.g. "/Gi1/0/17":
 * plain characters are handled one by one, as if typed separately.
 */
export function handleChunk(s: UiState, input: string, key: KeyPress, ctx: KeyContext): KeyResult {
  const special = Object.entries(key).some(([k, v]) => v === true && k !== 'shift');
  const chars = [...input];
  if (special || chars.length <= 1) return handleKey(s, input, key, ctx);
  let state: UiState = s;
  for (const ch of chars) {
    const next = handleKey(state, ch, {}, ctx);
    if (next === 'quit') return next;
    state = next;
  }
  return state;
}
