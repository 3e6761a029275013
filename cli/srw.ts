// The only binary entry point: builds the command tree for this run (cli/program.ts loads only
// the command named), owns the one top-level catch, and writes the audit line of a command that
// changed something (cli/audit-trail.ts).
import { CommanderError } from 'commander';
import { buildProgram, commandNameOf, wantsJson } from './program.js';
import { COMMANDS } from './commands/index.js';
import { mark, timingOn, timingReport } from '../infra/timing.js';

mark('start');
// SRW_TIMING=1: the phase marks (infra/timing.ts) on stderr as the process ends, stdout untouched.
if (timingOn()) process.on('exit', () => process.stderr.write(timingReport()));

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
  const audited = COMMANDS.find((c) => c.name === commandNameOf(argv))?.audited;
  const audit = audited ? await import('./audit-trail.js') : undefined;
  const start = audit?.auditStart(argv);
  let command = '';
  let code: number;
  try {
    const program = await buildProgram(argv);
    mark('command-loaded');
    if (audit) program.hook('preAction', (_root, action) => void (command = audit.commandPath(action)));
    await program.parseAsync(argv, { from: 'user' });
    code = 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : EXIT_BAD_USAGE;
    } else {
      const { defaultOutput, reportError } = await import('./report.js');
      code = reportError(e, defaultOutput(), json);
    }
  }
  mark('done');
  if (audit && start) {
    const { defaultOutput } = await import('./report.js');
    audit.auditFinish(start, command, argv, code, defaultOutput());
  }
  return code;
}

const code = await main(process.argv.slice(2));
// Let pending writes flush; servers started by commands keep the process alive on their own.
process.exitCode = code;
if (code !== 0) process.exit(code);
