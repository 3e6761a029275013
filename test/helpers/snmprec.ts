// Where the LibreNMS device recordings are. They are GPL-3.0 data and stay outside the
// repository: tests that read them carry the `snmprec` tag (vitest.config.ts skips it when they
// are missing) and the run ends with one line saying how many ran (snmprec-reporter.ts).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './run-srw.js';

export const SNMPREC_TAG = 'snmprec';

export const SNMPREC_HOW_TO_GET =
  'they are the LibreNMS test recordings (tests/snmpsim/*.snmprec of github.com/librenms/librenms, GPL-3.0): ' +
  'point SRW_SNMPREC_DIR at a copy, or lay them out as ../shared/snmprec next to this checkout';

/** $SRW_SNMPREC_DIR, else ../shared/snmprec beside the repository; undefined when neither exists. */
export function snmprecDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.SRW_SNMPREC_DIR || resolve(repoRoot, '../shared/snmprec');
  return existsSync(dir) ? dir : undefined;
}

/** The directory, for code that runs only in tagged tests (the tag skipped them otherwise). */
export function requireSnmprecDir(): string {
  const dir = snmprecDir();
  if (!dir) throw new Error(`no snmprec recordings: ${SNMPREC_HOW_TO_GET}`);
  return dir;
}

/** CI sets SRW_REQUIRE_SNMPREC=1: there the recordings must be present and every tagged test must run. */
export const snmprecRequired = (env: NodeJS.ProcessEnv = process.env) => env.SRW_REQUIRE_SNMPREC === '1';

/** The recordings the repository knows (each has an expected summary), to name the tests that a
 *  missing recordings directory skips. */
export function knownRecordingStems(): string[] {
  return readdirSync(resolve(repoRoot, 'test/monitoring/snmp/expected'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
