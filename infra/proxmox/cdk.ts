// The only file outside the generated bindings that imports cdktf. cdktf is deprecated upstream;
// switching to its drop-in successor (cdktn) means changing this file and regenerating bindings.
// Everything else in srw — constructs, stacks, tests — imports cdktf names from here.
import { TerraformStack as CdktfStack } from 'cdktf';
import { inertTemplates } from './terraform-template.js';

/**
 * cdktf's stack, whose JSON has every template sequence escaped except srw's live() fragments
 * (terraform-template.ts): text from the inventory is never evaluated by Terraform.
 */
export class TerraformStack extends CdktfStack {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's own signature
  override toTerraform(): any {
    return inertTemplates(super.toTerraform());
  }
}

export {
  App,
  TerraformVariable,
  TerraformOutput,
  Token,
  Fn,
  Testing,
  LocalBackend,
  S3Backend,
  PgBackend,
  HttpBackend,
  type ITerraformDependable,
} from 'cdktf';
export { Construct } from 'constructs';
