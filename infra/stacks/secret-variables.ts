// PBX secrets as Terraform variables: the renderer asks for a secret by id ('ext-201',
// 'trunk-orange-trunk', 'ami-monitor', …) and gets a marker that becomes ${var.secret_ext_201}
// in cdk.tf.json; the value comes from TF_VAR_secret_ext_201 at plan/apply time, never from srw.
import { TerraformVariable, type TerraformStack } from '../proxmox/cdk.js';
import { variableMarker } from '../constructs/terraform-string.js';

export function secretVariableName(id: string): string {
  return `secret_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Returns the renderer's `secret` callback; each id is declared once as a sensitive variable. */
export function secretVariables(stack: TerraformStack): (id: string) => string {
  const declared = new Map<string, TerraformVariable>();
  return (id) => {
    const name = secretVariableName(id);
    if (!declared.has(name)) {
      declared.set(name, new TerraformVariable(stack, name, { type: 'string', sensitive: true, nullable: false, description: `PBX secret ${id} (set TF_VAR_${name})` }));
    }
    return variableMarker(name);
  };
}
