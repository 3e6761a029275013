// Synthesizes one construct scope and returns the parsed Terraform JSON, for assertions on
// values rather than snapshots.
import { Testing, TerraformStack, type Construct } from '../../infra/proxmox/cdk.js';

export type TfJson = { resource: Record<string, Record<string, any>>; variable?: Record<string, any>; terraform?: any; provider?: any };

/** In srw's TerraformStack, as the stacks synthesize it (template sequences escaped). */
export function synthScope(build: (scope: Construct) => void): TfJson {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

export function synthStack(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** The single resource of a type (fails loudly when there are more or none). */
export function only(doc: TfJson, type: string): any {
  const all = Object.values(doc.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function all(doc: TfJson, type: string): any[] {
  return Object.values(doc.resource[type] ?? {});
}
