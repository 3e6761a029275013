// Durations on the command line: seconds, as `srw watch --timeout 5` always took them; a unit
// may be given ("500ms", "2s"). `srw voip status --timeout` took milliseconds before, so a bare
// number beyond the option's sensible maximum is refused with what to write instead, rather
// than read as a very long wait.
import { EXIT_BAD_INPUT, ExitError } from './report.js';

/** Seconds (> 0) from "5", "2.5", "5s" or "500ms"; `max` in seconds. */
export function parseSeconds(flag: string, text: string, opts: { max: number }): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const value = m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : 1) : NaN;
  if (!m || !(value > 0)) throw new ExitError(EXIT_BAD_INPUT, `error: ${flag} expects seconds > 0 such as 5, 2.5s or 500ms, found ${JSON.stringify(text)}`);
  if (value > opts.max) {
    const asMs = !m[2] ? ` (${flag} is in seconds; for ${text} milliseconds write ${text}ms)` : '';
    throw new ExitError(EXIT_BAD_INPUT, `error: ${flag} ${text} is more than ${opts.max} s${asMs}`);
  }
  return value;
}
