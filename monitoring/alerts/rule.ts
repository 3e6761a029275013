// What a generated rule is: plain data in the shape of Prometheus's rule files, plus, for each
// alert, the series that make it fire and the series that keep it silent. The promtool unit tests
// (rule-tests.ts) are built from those, so no alert exists without its two tests.

export type Severity = 'critical' | 'warning' | 'info';

/** One input series of a promtool test: `values` in promtool's expanding notation ("1x3 0x20"). */
export type SeriesInput = { series: string; values: string };

/** How to show an alert firing and staying silent. */
export type AlertCase = {
  /** What the case shows, for the test's name. */
  what: string;
  /** Series under which the alert must fire. */
  fires: SeriesInput[];
  /** Series under which it must stay silent (the healthy state, or the fault not long enough). */
  silent: SeriesInput[];
  /**
   * Steps of healthy samples before the fault (rate() needs a window of them). The condition then
   * starts to hold somewhere within one more such span, as rate() fills its window with the fault.
   */
  warmupSteps?: number;
  /** Labels the firing alert carries from its series, besides the rule's own. */
  seriesLabels?: Record<string, string>;
};

export type AlertRule = {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string> & { severity: Severity; site: string; device: string; department: string };
  annotations: Record<string, string> & { summary: string; description: string; runbook: string };
  /** Not written into the rule file: the promtool cases (first one is the main). */
  cases: AlertCase[];
};

export type RecordingRule = { record: string; expr: string; labels?: Record<string, string> };

export type RuleGroup = { name: string; interval: string; rules: (AlertRule | RecordingRule)[] };

export const isAlert = (r: AlertRule | RecordingRule): r is AlertRule => 'alert' in r;

/** A PromQL string literal: label values from the inventory may hold quotes or backslashes. */
export const q = (s: string): string => JSON.stringify(s);

/** `{device="core-1",ifName="1/1/49"}` */
export function selector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${q(v)}`)
    .join(',')}}`;
}
