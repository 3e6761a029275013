// Alerting and recording rules generated from the inventory, their promtool tests, and the
// Alertmanager routing (see README.md in this folder).
export { ruleSet, alertsOf, sharedRecords, DEVICE_UP_RECORD, ENDPOINTS_OFFLINE_RECORD } from './rule-set.js';
export { ruleFiles, renderRules, renderAlertmanager, ruleFileOf, testFileOf, isRuleFile, isTestFile, RULES_GLOB, TESTS_DIR, ALERTMANAGER_FILE, type RuleFiles } from './rule-files.js';
export { ruleTests, coveredAlerts, alertKey, type PromtoolTestFile } from './rule-tests.js';
export { UTILISATION_RECORD } from './port-alerts.js';
export { trunkUris } from './pbx-alerts.js';
export { alertName } from './alert-builder.js';
export { MESSAGES, type Lang } from './messages.js';
export type { AlertRule, RecordingRule, RuleGroup, Severity } from './rule.js';
