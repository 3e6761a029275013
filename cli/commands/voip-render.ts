// `srw voip render [--out DIR]`: the four Asterisk files from the inventory, with real secrets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ProblemError, writeFileAtomic } from '../../infra/inventory/index.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { sipWarnings } from '../../voip/extensions/pjsip.js';
import { mergeWithExisting } from '../../voip/extensions/existing-file.js';
import { renderPbxConfig, type PbxConfigFiles } from '../../voip/extensions/render.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, printJson, printProblems } from '../report.js';
import { voipCommand } from './voip.js';
import { promptWarnings } from '../../voip/callflows/prompts.js';
import { recordChange } from '../audit-trail.js';

export function registerVoipRender(program: Command): void {
  voipCommand(program)
    .command('render')
    .description('render pjsip.conf, extensions.conf, manager.conf and voicemail.conf from the inventory (generates missing SIP passwords and voicemail PINs)')
    .option('--out <dir>', 'write the four files into DIR (mode 0600: they hold passwords and PINs)')
    .option('--show-secret', 'print real passwords and PINs on stdout (without --out); otherwise they are masked')
    .option('--json', 'with --out: print what was written as JSON')
    .addHelpText('after', '\nExamples:\n  $ srw voip render --out build/asterisk\n  $ srw voip render | less          # passwords masked')
    .action((opts: { out?: string; showSecret?: boolean; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      // srw cannot see the PBX's sound files: the recordings the cloud-init will not carry are named here.
      printProblems(promptWarnings(loaded), o);
      if (!opts.out && !opts.showSecret) {
        // A masked preview needs no secret: it works before the environment is set up and
        // generates nothing into the secrets file.
        const files = renderPbxConfig(loaded.inventory, { secret: () => '<secret>' });
        for (const [name, text] of Object.entries(files)) o.out(`;; ===== ${name} =====\n${text}\n`);
        return;
      }
      const secrets = resolvePbxSecrets(loaded, { generateMissing: true });
      if (!secrets.ok) throw new ProblemError(secrets.problems);
      printProblems([...secrets.value.warnings, ...sipWarnings(loaded.inventory.pbx!, loaded.file)], o);
      if (secrets.value.generated.length > 0) o.err(`generated SIP passwords for ${secrets.value.generated.join(', ')} in ${loaded.inventory.pbx!.secretsFile}\n`);
      if (secrets.value.generatedPins.length > 0) o.err(`generated voicemail PINs for ${secrets.value.generatedPins.join(', ')} in ${loaded.inventory.pbx!.secretsFile}\n`);
      if (opts.out) {
        const files = renderPbxConfig(loaded.inventory, { secret: lookupOf(secrets.value) });
        const kept: Record<string, string[]> = {};
        const written = Object.entries(files).map(([name, text]) => {
          const path = join(opts.out!, name);
          // Over an existing file (e.g. --out /etc/asterisk) what srw does not own stays.
          const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
          const merged = existing === undefined ? { text, kept: [] } : mergeWithExisting(name, text, existing);
          if (merged.kept.length) kept[name] = merged.kept;
          writeFileAtomic(path, merged.text, { mode: 0o600, forceMode: true });
          return path;
        });
        recordChange({ summary: `wrote ${written.join(', ')}`, files: written, generatedSecretsFor: [...secrets.value.generated, ...secrets.value.generatedPins] });
        if (opts.json) printJson({ written, kept }, o);
        else {
          o.out(`wrote ${written.join(', ')} (mode 0600)\n`);
          for (const [name, cats] of Object.entries(kept)) o.out(`kept from the existing ${name} (not srw's): ${cats.join(', ')}\n`);
        }
        return;
      }
      const files: PbxConfigFiles = renderPbxConfig(loaded.inventory, { secret: lookupOf(secrets.value) });
      // --show-secret was asked for explicitly: the one place the values are printed.
      for (const [name, text] of Object.entries(files)) o.out(`;; ===== ${name} =====\n${text}\n`);
    });
}
