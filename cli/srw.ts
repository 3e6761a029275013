// The only binary entry point: builds the command tree and owns the one top-level catch.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.js';
import { registerInventory } from './commands/inventory.js';
import { defaultOutput, EXIT_BAD_INPUT, reportError } from './report.js';
import { registerExtraCommands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('srw')
    .description('serwerownia: the server room of a city hall from one inventory file — Proxmox as code, SNMP, Asterisk PBX')
    .version((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
    .option('-i, --inventory <file>', 'inventory file (default: $SRW_INVENTORY or ./inventory.yaml)')
    .showHelpAfterError()
    .exitOverride();
  registerValidate(program);
  registerInventory(program);
  registerExtraCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `srw voip ext list | head`: the reader went away; that is the end of the output, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const o = defaultOutput();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_BAD_INPUT;
    }
    return reportError(e, o);
  }
}

const code = await main(process.argv.slice(2));
// Let pending writes flush; servers started by commands keep the process alive on their own.
process.exitCode = code;
if (code !== 0) process.exit(code);
