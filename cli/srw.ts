// The only binary entry point: builds the command tree for this run (cli/program.ts loads only
// the command named) and owns the one top-level catch.
import { CommanderError } from 'commander';
import { buildProgram, wantsJson } from './program.js';

// report.ts (and through it the inventory code, zod and yaml) loads only when an error needs
// printing: `srw --help` stays without them.
const EXIT_BAD_USAGE = 2;

export async function main(argv: string[]): Promise<number> {
  // `srw voip ext list | head`: the reader went away; that is the end of the output, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const json = wantsJson(argv);
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_BAD_USAGE;
    }
    const { defaultOutput, reportError } = await import('./report.js');
    return reportError(e, defaultOutput(), json);
  }
}

const code = await main(process.argv.slice(2));
// Let pending writes flush; servers started by commands keep the process alive on their own.
process.exitCode = code;
if (code !== 0) process.exit(code);
