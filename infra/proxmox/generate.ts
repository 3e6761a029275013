// Generates the typed cdktf bindings for bpg/proxmox from the offline provider schema, the same
// code `cdktf get` would write if it could download the provider (it cannot here, and no
// @cdktf/provider-proxmox exists on npm). Run with `npm run gen:proxmox`.
//
// Usage: node cli/bin/run-ts.js infra/proxmox/generate.ts [SCHEMA.json] [OUT_DIR]
//   SCHEMA.json default: $SRW_PROXMOX_SCHEMA or infra/proxmox/schema/bpg-proxmox-schema.json
//   OUT_DIR     default: infra/proxmox/generated (cdktf.json codeMakerOutput)
//
// This is a build script, not domain code: printing and exit codes are its job.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROVIDER_FQN, PROVIDER_SOURCE, PROVIDER_VERSION } from './provider-version.js';
import { defaultSchemaPath } from './schema-path.js';

// @cdktf/commons runs `terraform version -json` on load and reports failures to HashiCorp's
// checkpoint service; neither is wanted for an offline build. The generator needs no terraform,
// and whatever terraform says on stderr (a warning about ~/.terraformrc, say) was printed as
// "[ERROR]" lines on every successful run: name a binary that does not exist, which it then
// records quietly as "version unknown".
process.env.CHECKPOINT_DISABLE ??= '1';
process.env.TERRAFORM_BINARY_NAME = 'srw-gen-proxmox-runs-no-terraform';

const require = createRequire(import.meta.url);
// The package root eagerly require.resolve()s jsii and jsii-pacmak (not installed); the
// generator module itself needs neither (../shared/proxmox/README.md, "What the generator needs").
const { TerraformProviderGenerator } = require('@cdktf/provider-generator/lib/get/generator/provider-generator');
const { CodeMaker } = require('codemaker');
const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = require('@cdktf/commons');

async function main(): Promise<void> {
  const schemaFile = resolve(process.argv[2] ?? defaultSchemaPath());
  const outDir = resolve(process.argv[3] ?? 'infra/proxmox/generated');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  if (!schema.provider_schemas?.[PROVIDER_FQN]) throw new Error(`${schemaFile}: no ${PROVIDER_FQN} provider schema`);
  // `cdktf get` adds this from `terraform version -json`; without it the constraint has no version.
  schema.provider_versions = { [PROVIDER_FQN]: PROVIDER_VERSION };
  const target = new ConstructsMakerProviderTarget(
    new TerraformProviderConstraint({ name: 'proxmox', source: PROVIDER_SOURCE, version: PROVIDER_VERSION }),
    Language.TYPESCRIPT,
  );
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, schema).generate(target);
  rmSync(join(outDir, 'providers', 'proxmox'), { recursive: true, force: true });
  await code.save(outDir);
  markNoCheck(join(outDir, 'providers', 'proxmox'));
  process.stdout.write(`generated ${PROVIDER_SOURCE} ${PROVIDER_VERSION} bindings into ${join(outDir, 'providers', 'proxmox')}\n`);
}

/**
 * The one post-processing step: the generated code predates the project's stricter compiler
 * options (noImplicitOverride, noUncheckedIndexedAccess) and would fail `tsc -p .` wherever a
 * construct imports it. `// @ts-nocheck` silences errors *inside* the bindings only; their types
 * still check every construct that uses them (the same trade-off skipLibCheck makes for the published
 * @cdktf/provider-* packages).
 */
function markNoCheck(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    writeFileSync(file, `// @ts-nocheck\n${readFileSync(file, 'utf8')}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
