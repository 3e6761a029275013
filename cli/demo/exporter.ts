// `srw demo --exporter`: the Prometheus exporter (monitoring/exporter) over the lab, reading the
// same poller and PBX stores the dashboard shows, so a scrape and the screen agree.
import type { Registry } from 'prom-client';
import type { LoadedInventory } from '../../infra/inventory/index.js';
import { createExporter, devicesOf } from '../../monitoring/index.js';
import { pbxMetricsRegistry } from '../pbx-source.js';
import type { WatchSources } from '../watch-sources.js';

export type DemoExporter = { url: string; close(): Promise<void> };

/** Only loopback: the lab is for this machine. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

export async function startDemoExporter(loaded: LoadedInventory, sources: WatchSources, listen: { host: string; port: number }): Promise<DemoExporter> {
  const extra: Registry[] = sources.pbxSource ? [pbxMetricsRegistry(sources.pbxSource)] : [];
  const exporter = createExporter({
    devices: devicesOf(loaded.inventory),
    store: sources.monitoring,
    secrets: { baseDir: loaded.baseDir, file: loaded.file },
    extraRegistries: extra,
  });
  const bound = await exporter.listen(listen.host, listen.port);
  const host = bound.host.includes(':') ? `[${bound.host}]` : bound.host;
  return { url: `http://${host}:${bound.port}/metrics`, close: () => exporter.close() };
}
