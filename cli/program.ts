// Builds srw's command tree for one run. Only the command named on the command line is loaded:
// `srw validate` loads the inventory code and nothing of SNMP, AMI, cdktf or Ink. With no command
// (or an unknown one) the names and descriptions come from the tree the build wrote
// (dist/command-tree.json), so `srw --help` loads no command at all; without that file (running
// the TypeScript sources) every command is loaded, which gives the same help.
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { packageRoot, packageVersion } from '../infra/package-root.js';
import { COMMANDS, registerEntry } from './commands/index.js';
import { addStandIns, describeCommand, type CommandInfo } from './command-tree.js';

export const GLOBAL_OPTIONS_WITH_VALUE = ['-i', '--inventory'];

/** The top-level command name in argv (`srw -i x.yaml voip ext list` → voip; `srw help watch` → watch). */
export function commandNameOf(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.includes(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/** Did the user ask for JSON? Then errors are printed as JSON too (see cli/report.ts). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

function rootCommand(json: boolean): Command {
  const program = new Command('srw')
    .description('serwerownia: the server room of a city hall from one inventory file — Proxmox as code, SNMP, Asterisk PBX')
    .version(packageVersion())
    .option('-i, --inventory <file>', 'inventory file (default: $SRW_INVENTORY or ./inventory.yaml)')
    // A script reading --json output gets the usage error as JSON, not help text.
    .showHelpAfterError(!json)
    .exitOverride();
  if (json) {
    program.configureOutput({
      outputError: (text, write) => write(`${JSON.stringify({ error: { exitCode: 2, message: text.trim().replace(/^error: /, '') } })}\n`),
    });
  }
  return program;
}

/** The tree the build wrote next to the compiled CLI; undefined when running the sources (a
 *  dist/ left from an earlier build may not match them). */
export function builtCommandTree(): CommandInfo | undefined {
  const dist = join(packageRoot(), 'dist');
  const file = join(dist, 'command-tree.json');
  if (!fileURLToPath(import.meta.url).startsWith(dist + sep) || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as CommandInfo;
}

export async function buildProgram(argv: readonly string[], tree: CommandInfo | undefined = builtCommandTree()): Promise<Command> {
  const program = rootCommand(wantsJson(argv));
  const name = commandNameOf(argv);
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) await registerEntry(program, entry);
  else if (tree) addStandIns(program, tree);
  else for (const e of COMMANDS) await registerEntry(program, e);
  return program;
}

/** Every command, loaded: for the build's command-tree.json and the shell completions. */
export async function fullProgram(): Promise<Command> {
  const program = rootCommand(false);
  for (const e of COMMANDS) await registerEntry(program, e);
  return program;
}

export async function fullCommandTree(): Promise<CommandInfo> {
  return describeCommand(await fullProgram());
}
