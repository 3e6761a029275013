// Builds one alert from its key, the inventory's context and its promtool cases: the name, the
// `for` of alerts.for, the routing labels (site, device, department, severity) and the text in
// the site's language. Every builder in this folder goes through here, so no alert lacks a label,
// a language or a test.
import type { AlertKey, Inventory } from '../../infra/inventory/index.js';
import { forText, message, type Context, type Lang } from './messages.js';
import type { AlertCase, AlertRule, Severity } from './rule.js';

export type AlertSettings = {
  inv: Inventory;
  lang: Lang;
};

export const alertName = (key: AlertKey): string => `Srw${key}`;

export function buildAlert(
  s: AlertSettings,
  key: AlertKey,
  o: { expr: string; severity: Severity; department: string; context: Context; labels?: Record<string, string>; cases: AlertCase[] },
): AlertRule {
  const duration = s.inv.alerts.for[key];
  const text = message(key, s.lang, { ...o.context, forText: forText(duration, s.lang) });
  const runbookUrl = s.inv.alerts.runbookUrl ? `${s.inv.alerts.runbookUrl.replace(/#.*$/, '')}#${alertName(key)}` : undefined;
  return {
    alert: alertName(key),
    expr: o.expr,
    for: duration,
    labels: { severity: o.severity, site: s.inv.site.name, device: o.context.device, department: o.department, ...(o.labels ?? {}) },
    annotations: { ...text, ...(runbookUrl ? { runbook_url: runbookUrl } : {}) },
    cases: o.cases,
  };
}

/** 0.8 → "80 %" */
export const percent = (r: number): string => `${Math.round(r * 1000) / 10} %`;
