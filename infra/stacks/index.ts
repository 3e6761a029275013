// Maps an Inventory to the srw stacks, and nothing else (no I/O).
//   network → compute → voip, monitoring   (the order `terraform apply` must follow)
import type { App } from '../proxmox/cdk.js';
import type { ProvisionedInventory } from '../inventory/index.js';
import { NetworkStack } from './network-stack.js';
import { ComputeStack } from './compute-stack.js';
import { VoipStack, type VoipStackProps } from './voip-stack.js';
import { MonitoringStack } from './monitoring-stack.js';
import { monitoringHosts, pbxHost } from './placement.js';
import type { SrwStack } from './srw-stack.js';

export type StackOptions = {
  /** Local-backend state path for a stack, relative to that stack's output directory. */
  readonly localStatePath: (stack: string) => string;
  /** The city's recorded prompts for the PBX host, read by the caller (this module does no I/O). @default none */
  readonly pbxPrompts?: VoipStackProps['prompts'];
};

export const STACK_ORDER = ['network', 'compute', 'voip', 'monitoring'] as const;

export function buildStacks(app: App, inv: ProvisionedInventory, opts: StackOptions): SrwStack[] {
  const props = (name: string) => ({ inventory: inv, localStatePath: opts.localStatePath(name) });
  const network = new NetworkStack(app, 'network', props('network'));
  const compute = new ComputeStack(app, 'compute', props('compute'));
  compute.addDependency(network);
  const stacks: SrwStack[] = [network, compute];
  if (pbxHost(inv)) {
    const voip = new VoipStack(app, 'voip', { ...props('voip'), prompts: opts.pbxPrompts });
    voip.addDependency(compute);
    stacks.push(voip);
  }
  if (monitoringHosts(inv).length > 0) {
    const monitoring = new MonitoringStack(app, 'monitoring', props('monitoring'));
    monitoring.addDependency(compute);
    stacks.push(monitoring);
  }
  return stacks;
}

export { NetworkStack, ComputeStack, VoipStack, MonitoringStack };
