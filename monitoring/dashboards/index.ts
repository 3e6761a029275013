// Grafana dashboards generated from the inventory (classic JSON model, schemaVersion 41).
export { siteDashboards, renderDashboards, overviewDashboard, switchDashboard, upsDashboard, pbxDashboard } from './site-dashboards.js';
export { SCHEMA_VERSION, type Dashboard, type Panel, type Variable } from './panel.js';
