// Once before the test run: where the LibreNMS recordings are required (CI), stop at once if
// they are missing instead of skipping their tests.
import { SNMPREC_HOW_TO_GET, snmprecDir, snmprecRequired } from './snmprec.js';

export default function setup(): void {
  if (snmprecRequired() && !snmprecDir()) throw new Error(`SRW_REQUIRE_SNMPREC=1 but no snmprec recordings were found (SRW_SNMPREC_DIR=${process.env.SRW_SNMPREC_DIR ?? ''}, ../shared/snmprec): ${SNMPREC_HOW_TO_GET}`);
}
