// `--ami HOST:PORT` of `srw voip apply` and `srw voip status`: talk to AMI somewhere other than
// the inventory's pbx.ami address, typically an SSH tunnel.
import { EXIT_BAD_INPUT, ExitError } from './report.js';

export function parseAmiTarget(s: string): { host: string; port: number } {
  const m = /^([^:]+):(\d{1,5})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new ExitError(EXIT_BAD_INPUT, `error: --ami expects HOST:PORT such as 127.0.0.1:15038, found "${s}"`);
  return { host: m[1]!, port: Number(m[2]) };
}
