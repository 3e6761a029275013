// Base of every srw stack: the provider and the backend, from the inventory.
import { TerraformStack, type Construct } from '../proxmox/cdk.js';
import type { ProvisionedInventory } from '../inventory/index.js';
import { configureBackend } from './backend.js';
import { configureProvider } from './provider.js';

export interface SrwStackProps {
  readonly inventory: ProvisionedInventory;
  /** Local state file path relative to the stack's output directory (local backend only). */
  readonly localStatePath: string;
}

export class SrwStack extends TerraformStack {
  readonly inventory: ProvisionedInventory;
  constructor(scope: Construct, name: string, props: SrwStackProps) {
    super(scope, name);
    this.inventory = props.inventory;
    configureProvider(this, props.inventory.proxmox);
    configureBackend(this, name, props.inventory.proxmox.backend, props.localStatePath);
  }
}
