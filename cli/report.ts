// The one place that turns problems and errors into text and exit codes.
// 0 ok, 1 failure (a device down, a PBX refusing), 2 bad usage or bad input.
import { readFileSync } from 'node:fs';
import { formatProblem, locate, parseYaml, type Problem, ProblemError } from '../infra/inventory/index.js';
import { terminalText } from './terminal-text.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown by commands to end with a given exit code after printing `message` (if any). */
export class ExitError extends Error {
  constructor(readonly exitCode: number, message = '') {
    super(message);
    this.name = 'ExitError';
  }
}

export type Output = { out: (s: string) => void; err: (s: string) => void; color: boolean };

/**
 * Standard output and error, through terminalText: whatever a command prints (a device's ifAlias,
 * a PBX status line, a department from a CSV) reaches the terminal with its control characters
 * shown, never obeyed. srw's own colour is added after that, here only.
 */
export function defaultOutput(): Output {
  const color = useColor();
  return {
    out: (s) => process.stdout.write(terminalText(s)),
    err: (s) => process.stderr.write(paintLabels(terminalText(s), color)),
    color,
  };
}

/** NO_COLOR (any value) and a non-terminal stdout turn colour off; FORCE_COLOR turns it on. */
export function useColor(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

/** "error:" in red and "warning:" in yellow where a line starts with them. */
function paintLabels(s: string, on: boolean): string {
  return on ? s.replace(/^(error|warning):/gm, (label: string) => `\x1b[${label === 'error:' ? 31 : 33}m${label}\x1b[0m`) : s;
}

/**
 * Problems found after loading (a secret that does not resolve, a refused edit) carry the YAML
 * path but not yet its place in the file: look it up here, once, so every command's messages
 * read `file:line:col path: message` without each having to keep the parsed document.
 */
export function withLocations(problems: readonly Problem[]): Problem[] {
  const docs = new Map<string, ReturnType<typeof parseYaml> | undefined>();
  return problems.map((p) => {
    if (p.line !== undefined || p.path.length === 0 || !/\.ya?ml$/i.test(p.file)) return p;
    if (!docs.has(p.file)) {
      let parsed: ReturnType<typeof parseYaml> | undefined;
      try {
        parsed = parseYaml(readFileSync(p.file, 'utf8'), p.file);
      } catch {
        parsed = undefined;
      }
      docs.set(p.file, parsed);
    }
    const parsed = docs.get(p.file);
    const loc = parsed?.ok ? locate(parsed.value.doc, parsed.value.counter, p.path) : undefined;
    return loc ? { ...p, line: loc.line, col: loc.col } : p;
  });
}

export function printProblems(input: readonly Problem[], o: Output, json = false): void {
  const problems = withLocations(input);
  if (json) {
    o.err(JSON.stringify({ problems }, null, 2) + '\n');
    return;
  }
  for (const p of problems) o.err(`${p.severity === 'warning' ? 'warning:' : 'error:'} ${formatProblem(p)}\n`);
}

export function printJson(value: unknown, o: Output): void {
  o.out(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}

/** Maps whatever a command threw to an exit code; unknown errors are bugs and say so. With
 *  `json` (the user gave --json) the error is one JSON object on stderr, so a script reading
 *  JSON never has to parse prose: {"error": {"exitCode", "message"}, "problems"?: [...]}. */
export function reportError(e: unknown, o: Output, json = false): number {
  if (e instanceof ProblemError) {
    if (json) printJsonError(EXIT_BAD_INPUT, `${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}`, o, withLocations(e.problems));
    else printProblems(e.problems, o);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof ExitError) {
    if (e.message) {
      if (json) printJsonError(e.exitCode, e.message, o);
      else o.err(`${e.message}\n`);
    }
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (json) printJsonError(EXIT_FAILURE, msg, o);
  else o.err(`error: ${msg}\n`);
  if (process.env.SRW_DEBUG && e instanceof Error && e.stack) o.err(`${e.stack}\n`);
  return EXIT_FAILURE;
}

function printJsonError(exitCode: number, message: string, o: Output, problems?: readonly Problem[]): void {
  const error = { exitCode, message: message.replace(/^error: /, '') };
  o.err(`${JSON.stringify(problems ? { error, problems } : { error })}\n`);
}
