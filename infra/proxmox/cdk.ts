// The only file outside the generated bindings that imports cdktf. cdktf is deprecated upstream;
// switching to its drop-in successor (cdktn) means changing this file and regenerating bindings.
// Everything else in srw — constructs, stacks, tests — imports cdktf names from here.
export {
  App,
  TerraformStack,
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
