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

/**
 * Nothing but stdout and stderr would keep the process alive: no server, socket, child, timer or
 * file operation a command started. Node would then end by itself, but only after tearing down
 * the heap (tens of milliseconds of a short command's start-up budget).
 */
function onlyOutputLeft(): boolean {
  const p = process as unknown as { _getActiveHandles?: () => unknown[]; _getActiveRequests?: () => unknown[] };
  if (!p._getActiveHandles || !p._getActiveRequests) return false;
  const handles = p._getActiveHandles().filter((h) => h !== process.stdout && h !== process.stderr);
  const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate');
  // Pending writes to stdout/stderr are requests too (flushed below), and so is the close of a
  // file already read (Node's module loader reads with fs/promises): nothing is lost with either.
  const requests = p._getActiveRequests().filter((r) => !['WriteWrap', 'FileHandleCloseReq'].includes((r as object).constructor?.name ?? ''));
  return handles.length === 0 && timers.length === 0 && requests.length === 0;
}

/** Resolves once everything written to the stream so far has left the process. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return stream.writableLength === 0 ? Promise.resolve() : new Promise((resolve) => stream.write('', () => resolve()));
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// A failed command, or a finished one with nothing left running, ends here once its output is
// out (`srw … | head` that stops reading ends through the EPIPE handler in main). Servers started
// by commands (exporter, watch) keep the process alive on their own.
if (code !== 0 || onlyOutputLeft()) {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
