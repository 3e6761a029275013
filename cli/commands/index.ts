// Registers the commands of the later parts (synth, exporter, voip, watch, demo).
// Each lives in its own file; this list is the only place that wires them in.
import type { Command } from 'commander';
import { registerVoipExt } from './voip-ext.js';
import { registerVoipRender } from './voip-render.js';
import { registerVoipApply } from './voip-apply.js';
import { registerSynth } from './synth.js';
import { registerWatch } from './watch.js';
import { registerDemo } from './demo.js';
import { registerVoipStatus } from './voip-status.js';
import { registerExporter } from './exporter.js';
import { registerEvents } from './events.js';
import { registerTopology } from './topology.js';
import { registerVoipRoute } from './voip-route.js';
import { registerPlan } from './plan.js';
import { registerApply } from './apply.js';
import { registerImportProxmox } from './import-proxmox.js';

export function registerExtraCommands(program: Command): void {
  registerVoipExt(program);
  registerVoipRender(program);
  registerVoipApply(program);
  registerSynth(program);
  registerWatch(program);
  registerDemo(program);
  registerVoipStatus(program);
  registerExporter(program);
  registerEvents(program);
  registerTopology(program);
  registerVoipRoute(program);
  registerPlan(program);
  registerApply(program);
  registerImportProxmox(program);
}
