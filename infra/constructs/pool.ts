// One Proxmox resource pool per inventory role: permissions and the UI's pool view follow roles.
import { Construct } from '../proxmox/cdk.js';
import { VirtualEnvironmentPool } from '../proxmox/bindings.js';
import type { Role } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { poolId, terraformName } from './names.js';

export interface RolePoolProps {
  readonly role: Role;
  /** @default the role's description, or "srw role <name>" */
  readonly comment?: string;
}

const rules: readonly PropsRule<RolePoolProps>[] = [
  { when: (p) => !/^[A-Za-z0-9_-]+$/.test(poolId(p.role.name)), message: (p) => `pool id "${poolId(p.role.name)}" may hold only letters, digits, "-" and "_"` },
];

export class RolePool extends Construct {
  readonly resource: VirtualEnvironmentPool;
  readonly poolId: string;

  constructor(scope: Construct, id: string, props: RolePoolProps) {
    super(scope, id);
    checkProps('RolePool', props, rules);
    this.poolId = poolId(props.role.name);
    this.resource = new VirtualEnvironmentPool(this, 'pool', {
      poolId: this.poolId,
      comment: props.comment ?? props.role.description ?? `srw role ${props.role.name}`,
    });
    this.resource.overrideLogicalId(terraformName(this.poolId));
  }
}
