// promtool unit tests (`promtool test rules`) generated from the rule set: for every alert and
// every case it carries, one test where the fault holds and the alert must fire with exactly its
// labels and text — and must not yet fire one evaluation before its `for` has passed — and one
// where the healthy series keep it silent. A rule without cases cannot be generated (rule.ts).
import { durationSeconds } from '../../infra/inventory/index.js';
import { isAlert, type AlertRule, type RuleGroup, type SeriesInput } from './rule.js';

type PromtoolAlert = { exp_labels: Record<string, string>; exp_annotations: Record<string, string> };
type PromtoolTest = {
  name: string;
  interval: string;
  input_series: SeriesInput[];
  alert_rule_test: { eval_time: string; alertname: string; exp_alerts: PromtoolAlert[] }[];
};
export type PromtoolTestFile = { rule_files: string[]; evaluation_interval: string; tests: PromtoolTest[] };

const seconds = (s: number): string => `${s}s`;

export function ruleTests(groups: RuleGroup[], ruleFiles: string[]): PromtoolTestFile {
  const interval = groups[0]?.interval ?? '30s';
  const step = durationSeconds(interval);
  const tests: PromtoolTest[] = [];
  for (const rule of groups.flatMap((g) => g.rules.filter(isAlert))) {
    const forS = durationSeconds(rule.for);
    rule.cases.forEach((c, k) => {
      // The fault starts at `faultAt`; with a warm-up (rates) the condition holds by one more warm-up.
      const faultAt = (c.warmupSteps ?? 0) * step;
      const pendingAt = faultAt;
      const fireAt = 2 * faultAt + forS + step;
      const n = Math.ceil(fireAt / step) + 4;
      const expand = (xs: SeriesInput[]) => xs.map((x) => ({ series: x.series, values: x.values.replaceAll('{n}', String(n)) }));
      const expected = [{ exp_labels: { ...(c.seriesLabels ?? {}), ...rule.labels }, exp_annotations: rule.annotations }];
      const label = `${rule.alert} ${rule.labels.device}${rule.labels.ifName ? ` ${rule.labels.ifName}` : ''}${rule.labels.trunk ? ` ${rule.labels.trunk}` : ''}: ${c.what}`;
      const checks = [{ eval_time: seconds(fireAt), alertname: rule.alert, exp_alerts: expected }];
      // Not before its `for` has passed (an alert with for: 0s fires at once).
      if (forS >= step) checks.unshift({ eval_time: seconds(pendingAt + forS - step), alertname: rule.alert, exp_alerts: [] });
      tests.push({ name: `${label} (fires)`, interval, input_series: expand(c.fires), alert_rule_test: checks });
      tests.push({ name: `${label} (silent)`, interval, input_series: expand(c.silent), alert_rule_test: [{ eval_time: seconds(fireAt), alertname: rule.alert, exp_alerts: [] }] });
      void k;
    });
  }
  return { rule_files: ruleFiles, evaluation_interval: interval, tests };
}

/** Alerts the tests make fire, by name and device (a check that the generator covered them all). */
export function coveredAlerts(file: PromtoolTestFile): Set<string> {
  const out = new Set<string>();
  for (const t of file.tests) for (const a of t.alert_rule_test) for (const e of a.exp_alerts) out.add(`${a.alertname}/${e.exp_labels.device}/${e.exp_labels.ifName ?? ''}/${e.exp_labels.trunk ?? ''}`);
  return out;
}

export const alertKey = (r: AlertRule): string => `${r.alert}/${r.labels.device}/${r.labels.ifName ?? ''}/${r.labels.trunk ?? ''}`;
