// The table of srw's top-level commands: the only place that wires a command file in.
// Each entry loads its files only when that command runs, so `srw validate` never loads the
// SNMP, AMI, cdktf or Ink code of the others (cli/program.ts picks the entry from argv).
// Several files may attach to one top-level command (voip: ext, render, apply, status).
import type { Command } from 'commander';

export type Register = (program: Command) => void;
/** `audited`: the command can change something (the inventory, the PBX, files): cli/audit-trail.ts. */
export type CommandEntry = { name: string; audited?: true; load: () => Promise<readonly Register[]> };

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', load: async () => [(await import('./validate.js')).registerValidate] },
  { name: 'inventory', load: async () => [(await import('./inventory.js')).registerInventory] },
  {
    name: 'voip',
    audited: true,
    load: async () => {
      const [ext, render, apply, status, route, importPbx, night] = await Promise.all([
        import('./voip-ext.js'),
        import('./voip-render.js'),
        import('./voip-apply.js'),
        import('./voip-status.js'),
        import('./voip-route.js'),
        import('./voip-import.js'),
        import('./voip-night.js'),
      ]);
      return [ext.registerVoipExt, render.registerVoipRender, apply.registerVoipApply, status.registerVoipStatus, route.registerVoipRoute, importPbx.registerVoipImport, night.registerVoipNight];
    },
  },
  { name: 'synth', audited: true, load: async () => [(await import('./synth.js')).registerSynth] },
  { name: 'watch', load: async () => [(await import('./watch.js')).registerWatch] },
  { name: 'demo', load: async () => [(await import('./demo.js')).registerDemo] },
  { name: 'exporter', load: async () => [(await import('./exporter.js')).registerExporter] },
  { name: 'events', load: async () => [(await import('./events.js')).registerEvents] },
  { name: 'topology', audited: true, load: async () => [(await import('./topology.js')).registerTopology] },
  { name: 'plan', load: async () => [(await import('./plan.js')).registerPlan] },
  { name: 'apply', audited: true, load: async () => [(await import('./apply.js')).registerApply] },
  { name: 'import', audited: true, load: async () => [(await import('./import-proxmox.js')).registerImportProxmox] },
  { name: 'alerts', audited: true, load: async () => [(await import('./alerts.js')).registerAlerts] },
  { name: 'dashboards', audited: true, load: async () => [(await import('./dashboards.js')).registerDashboards] },
  { name: 'doctor', load: async () => [(await import('./doctor.js')).registerDoctor] },
  { name: 'history', load: async () => [(await import('./history.js')).registerHistory] },
  { name: 'discover', audited: true, load: async () => [(await import('./discover.js')).registerDiscover] },
  { name: 'completion', load: async () => [(await import('./completion.js')).registerCompletion] },
];

export async function registerEntry(program: Command, entry: CommandEntry): Promise<void> {
  for (const register of await entry.load()) register(program);
}
