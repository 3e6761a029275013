// `srw voip ext list|add|set|rm|import`: thin adapter over voip/extensions/extension-store.ts.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { describeRef, inventoryPath, ProblemError, type SecretRef } from '../../infra/inventory/index.js';
import { addExtensions, deleteExtension, importExtensionsCsv, updateExtension, type EditReport } from '../../voip/extensions/extension-store.js';
import { pinKey, secretKey } from '../../voip/extensions/secrets-file.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, ExitError, printJson, printProblems, type Output } from '../report.js';
import { voipCommand } from './voip.js';
import { recordChange } from '../audit-trail.js';

type Globals = { inventory?: string };
const file = (cmd: Command) => inventoryPath(cmd.optsWithGlobals<Globals>().inventory);

function done(result: ReturnType<typeof addExtensions>, o: Output, what: string, opts: { json?: boolean; showSecret?: boolean }): EditReport {
  if (!result.ok) throw new ProblemError(result.problems);
  const r = result.value;
  if (r.changed.length > 0) recordChange({ summary: what, extensions: r.changed, generatedSecretKeys: [...r.generated.map((g) => secretKey(g.number)), ...r.generatedPins.map((g) => pinKey(g.number))] });
  printProblems(r.warnings, o);
  if (opts.json) {
    const show = opts.showSecret;
    printJson(
      {
        changed: r.changed,
        generatedSecrets: r.generated.map((g) => ({ number: g.number, key: secretKey(g.number), ...(show ? { secret: g.secret } : {}) })),
        generatedPins: r.generatedPins.map((g) => ({ number: g.number, key: pinKey(g.number), ...(show ? { pin: g.pin } : {}) })),
        secretsFile: r.secretsFile,
      },
      o,
    );
  } else {
    o.out(`${what}\n`);
    const where = relative(process.cwd(), r.secretsFile ?? '') || r.secretsFile;
    const hint = opts.showSecret ? '' : '; add --show-secret to print';
    const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
    if (r.generated.length > 0) o.out(`SIP ${plural(r.generated.length, 'password', 'passwords')} generated in ${where} (${plural(r.generated.length, 'key', 'keys')} ${r.generated.map((g) => secretKey(g.number)).join(', ')})${hint}\n`);
    if (r.generatedPins.length > 0) o.out(`voicemail ${plural(r.generatedPins.length, 'PIN', 'PINs')} generated in ${where} (${plural(r.generatedPins.length, 'key', 'keys')} ${r.generatedPins.map((g) => pinKey(g.number)).join(', ')})${hint}\n`);
  }
  if (opts.showSecret && !opts.json) {
    // Asked for explicitly; the only place these values are ever printed.
    for (const g of r.generated) o.out(`${g.number} password: ${g.secret}\n`);
    for (const g of r.generatedPins) o.out(`${g.number} voicemail PIN: ${g.pin}\n`);
  }
  return r;
}

/** `department "Finanse", voicemail on` */
function describePatch(patch: { name?: string; department?: string; voicemail?: boolean }): string {
  const parts = [
    ...(patch.name !== undefined ? [`name "${patch.name}"`] : []),
    ...(patch.department !== undefined ? [`department "${patch.department}"`] : []),
    ...(patch.voicemail !== undefined ? [`voicemail ${patch.voicemail ? 'on' : 'off'}`] : []),
  ];
  return parts.join(', ');
}

function secretRef(opts: { secretEnv?: string; secretFile?: string; secretKey?: string }): SecretRef | undefined {
  if (opts.secretEnv && opts.secretFile) throw new ExitError(EXIT_BAD_INPUT, 'error: give either --secret-env or --secret-file, not both');
  if (opts.secretEnv) return { env: opts.secretEnv };
  if (opts.secretFile) return { file: opts.secretFile, ...(opts.secretKey ? { key: opts.secretKey } : {}) };
  return undefined;
}

export function registerVoipExt(program: Command): void {
  const ext = voipCommand(program)
    .command('ext')
    .description('list and edit phone extensions in the inventory (comments and layout kept, atomic writes)')
    .addHelpText('after', '\nExamples:\n  $ srw voip ext list --json\n  $ srw voip ext add 240 --name "Jan Kowalski" --department Informatyka --voicemail\n  $ srw voip ext import nowi.csv');

  ext
    .command('list')
    .description('list the extensions of the inventory')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ srw -i examples/starachowice.yaml voip ext list')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const pbx = loadOrThrow(cmd.optsWithGlobals<Globals>().inventory).inventory.pbx;
      const rows = (pbx?.extensions ?? []).map((e) => ({
        number: e.number,
        name: e.name,
        // Left out when unknown (an extension import-pbx found without one).
        ...(e.department !== undefined ? { department: e.department } : {}),
        voicemail: e.voicemail,
        secret: e.secret ? describeRef(e.secret) : `generated (${pbx!.secretsFile} ${secretKey(e.number)})`,
        // Where the PIN is, never the PIN.
        ...(e.voicemail ? { voicemailPin: e.voicemailPin ? describeRef(e.voicemailPin) : `generated (${pbx!.secretsFile} ${pinKey(e.number)})` } : {}),
      }));
      if (opts.json) return printJson(rows, o);
      const cols = ['number', 'name', 'department', 'voicemail'] as const;
      const w = (k: (typeof cols)[number]) => Math.max(k.length, ...rows.map((r) => String((r as Record<string, unknown>)[k] ?? '').length));
      const line = (r: Record<string, unknown>) => cols.map((c) => String(r[c] ?? '').padEnd(w(c))).join('  ').trimEnd() + '\n';
      o.out(line({ number: 'NUMBER', name: 'NAME', department: 'DEPARTMENT', voicemail: 'VOICEMAIL' }));
      for (const r of rows) o.out(line({ ...r, voicemail: r.voicemail ? 'yes' : 'no' }));
      o.out(`${rows.length} extension${rows.length === 1 ? '' : 's'}${pbx ? ` in range ${pbx.extensionRange.from}–${pbx.extensionRange.to}` : ''}\n`);
    });

  ext
    .command('add')
    .description('add an extension; without --secret-env/--secret-file a strong SIP password is generated into pbx.secretsFile')
    .argument('<number>', 'extension number inside pbx.extensionRange')
    .requiredOption('--name <name>', 'display name (callerid)')
    .requiredOption('--department <department>', 'department')
    .option('--voicemail', 'enable voicemail on no answer/busy (a 6-digit PIN is generated into pbx.secretsFile)', false)
    .option('--secret-env <NAME>', 'take the SIP password from this environment variable instead')
    .option('--secret-file <path>', 'take the SIP password from this file instead')
    .option('--secret-key <KEY>', 'KEY=value line inside --secret-file')
    .option('--show-secret', 'print the generated SIP password and voicemail PIN')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ srw voip ext add 240 --name "Jan Kowalski" --department "Informatyka" --voicemail --show-secret')
    .action((number: string, opts: { name: string; department: string; voicemail: boolean; secretEnv?: string; secretFile?: string; secretKey?: string; showSecret?: boolean; json?: boolean }, cmd: Command) => {
      const ref = secretRef(opts);
      const input = { number, name: opts.name, department: opts.department, voicemail: opts.voicemail, ...(ref ? { secret: ref } : {}) };
      done(addExtensions(file(cmd), [input]), defaultOutput(), `added extension ${number} (${opts.name}, ${opts.department}) to ${file(cmd)}`, opts);
    });

  ext
    .command('set')
    .description('change the name, department or voicemail of an extension')
    .argument('<number>', 'extension number')
    .option('--name <name>', 'new display name')
    .option('--department <department>', 'new department')
    .option('--voicemail', 'enable voicemail (generates a PIN into pbx.secretsFile unless one is there or voicemailPin is set)')
    .option('--no-voicemail', 'disable voicemail (a generated PIN is kept for when it is enabled again)')
    .option('--show-secret', 'print a generated voicemail PIN')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ srw voip ext set 214 --department "Wydział Podatków" --voicemail')
    .action((number: string, opts: { name?: string; department?: string; voicemail?: boolean; showSecret?: boolean; json?: boolean }, cmd: Command) => {
      const patch = { ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.department !== undefined ? { department: opts.department } : {}), ...(opts.voicemail !== undefined ? { voicemail: opts.voicemail } : {}) };
      if (Object.keys(patch).length === 0) throw new ExitError(EXIT_BAD_INPUT, 'error: nothing to change: give --name, --department, --voicemail or --no-voicemail');
      const result = updateExtension(file(cmd), number, patch);
      const what = result.ok && result.value.changed.length === 0 ? `extension ${number} unchanged: it already has ${describePatch(patch)}` : `changed extension ${number} in ${file(cmd)}`;
      done(result, defaultOutput(), what, opts);
    });

  ext
    .command('rm')
    .description('remove an extension and its generated SIP password and voicemail PIN')
    .argument('<number>', 'extension number')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ srw voip ext rm 239')
    .action((number: string, opts: { json?: boolean }, cmd: Command) => {
      done(deleteExtension(file(cmd), number), defaultOutput(), `removed extension ${number} from ${file(cmd)}`, opts);
    });

  ext
    .command('import')
    .description('add extensions from a CSV file (number,name,department,voicemail); any bad row → nothing imported')
    .argument('<file.csv>', 'CSV file with a header line')
    .option('--show-secret', 'print the generated SIP passwords and voicemail PINs')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ cat new.csv\n  number,name,department,voicemail\n  240,Jan Kowalski,Informatyka,yes\n  $ srw voip ext import new.csv')
    .action((csv: string, opts: { showSecret?: boolean; json?: boolean }, cmd: Command) => {
      const result = importExtensionsCsv(file(cmd), csv);
      done(result, defaultOutput(), result.ok ? `imported ${result.value.changed.length} extension${result.value.changed.length === 1 ? '' : 's'} (${result.value.changed.join(', ')}) into ${file(cmd)}` : '', opts);
    });
}
