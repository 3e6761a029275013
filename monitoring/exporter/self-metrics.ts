// The exporter's own series on /metrics, named as every Prometheus exporter names them so that
// standard dashboards and alerts find them: process_* (resident memory, start time, CPU, file
// descriptors) and nodejs_* from prom-client without a prefix, srw_exporter_build_info like
// snmp_exporter_build_info, and requests by route and status code.
import { Counter, Gauge, collectDefaultMetrics, type Registry } from 'prom-client';
import type { Route } from './request-target.js';

export type BuildInfo = { version: string };

export type SelfMetrics = { request(route: Route, code: number): void };

export function registerSelfMetrics(registry: Registry, build: BuildInfo): SelfMetrics {
  collectDefaultMetrics({ register: registry });
  // prom-client names three gauges *_total, which promtool rightly flags; the lint list in
  // monitoring/README.md should hold only the names kept for snmp_exporter compatibility.
  for (const g of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(g);
  new Gauge({
    name: 'srw_exporter_build_info',
    help: "A metric with a constant '1' value labeled by version and the Node.js it runs on",
    labelNames: ['version', 'nodejs_version', 'platform', 'arch'],
    registers: [registry],
  }).set({ version: build.version, nodejs_version: process.version, platform: process.platform, arch: process.arch }, 1);
  const requests = new Counter({
    name: 'srw_exporter_requests_total',
    help: "HTTP requests answered, by route ('other' for any path the exporter does not serve) and status code",
    labelNames: ['path', 'code'],
    registers: [registry],
  });
  return { request: (route, code) => requests.inc({ path: route, code: String(code) }) };
}
