// What the `watch` and `demo` commands load (lazily, so other commands never load React/Ink).
import { renderToString } from 'ink';
import { createElement } from 'react';
import type { MonitoringState } from '../../monitoring/model/device.js';
import type { PbxState } from '../../voip/model/pbx.js';
import type { DashboardConfig } from './dashboard-config.js';
import { I18nProvider, type Lang } from './i18n/index.js';
import { ThemeProvider } from './theme.js';
import { initialUiState } from './navigation.js';
import { buildScreen } from './screen.js';
import { OverviewTable } from './components/OverviewTable.js';
import { terminalSafe } from '../terminal-text.js';

export { dashboardConfig, type DashboardConfig } from './dashboard-config.js';
export { pickLang, type Lang } from './i18n/index.js';
export { watchSnapshot, anythingDown, type WatchSnapshot } from './snapshot.js';
export { runDashboard } from './run.js';

/** `srw watch --once` without --json: the overview rows as plain text (symbols, no colour). */
export function overviewText(cfg: DashboardConfig, mon: MonitoringState, pbx: PbxState | undefined, now: number, lang: Lang, width: number): string {
  const screen = buildScreen(cfg, terminalSafe(mon), terminalSafe(pbx), initialUiState(), now);
  const table = createElement(OverviewTable, { rows: screen.overview, width, height: screen.overview.length + 1, filter: '', selectedKey: null });
  return renderToString(createElement(I18nProvider, { lang }, createElement(ThemeProvider, { color: false }, table)), { columns: width }) + '\n';
}
