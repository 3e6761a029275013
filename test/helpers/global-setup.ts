// Once before the test run: build the compiled CLI the tests run as users do (cli/bin/srw.js
// runs dist/), so a test never exercises a stale build; and where the LibreNMS recordings are
// required (CI), stop at once if they are missing instead of skipping their tests.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './run-srw.js';
import { SNMPREC_HOW_TO_GET, snmprecDir, snmprecRequired } from './snmprec.js';

export default function setup(): void {
  if (snmprecRequired() && !snmprecDir()) throw new Error(`SRW_REQUIRE_SNMPREC=1 but no snmprec recordings were found (SRW_SNMPREC_DIR=${process.env.SRW_SNMPREC_DIR ?? ''}, ../shared/snmprec): ${SNMPREC_HOW_TO_GET}`);
  execFileSync(process.execPath, [join(repoRoot, 'packaging/build.js'), '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
}
