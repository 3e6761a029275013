// Ends the run with one line about the tests that need the LibreNMS recordings: how many ran,
// or that they were skipped and how to get the recordings. Where the recordings are required
// (CI: SRW_REQUIRE_SNMPREC=1) a skipped one fails the run.
import type { Reporter, TestModule } from 'vitest/node';
import { SNMPREC_HOW_TO_GET, SNMPREC_TAG, snmprecDir, snmprecRequired } from './snmprec.js';

export default class SnmprecReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let ran = 0;
    let skipped = 0;
    for (const m of testModules)
      for (const t of m.children.allTests()) {
        if (!t.tags.includes(SNMPREC_TAG)) continue;
        if (t.result().state === 'skipped') skipped++;
        else ran++;
      }
    if (ran + skipped === 0) return;
    const dir = snmprecDir();
    if (skipped === 0) {
      process.stdout.write(`\nsnmprec: ${ran} test${ran === 1 ? '' : 's'} ran on the LibreNMS recordings in ${dir}\n`);
      return;
    }
    const why = dir ? `the recordings are in ${dir}, but these were filtered out or skipped` : `no LibreNMS recordings here; ${SNMPREC_HOW_TO_GET}`;
    process.stdout.write(`\nsnmprec: ${skipped} test${skipped === 1 ? '' : 's'} on the device recordings skipped (${ran} ran): ${why}\n`);
    if (snmprecRequired()) {
      process.stdout.write('snmprec: SRW_REQUIRE_SNMPREC=1 and tests on the recordings were skipped: failing the run\n');
      process.exitCode = 1;
    }
  }
}
