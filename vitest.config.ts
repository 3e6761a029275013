import { defineConfig } from 'vitest/config';
import { SNMPREC_TAG, snmprecDir } from './test/helpers/snmprec.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // e2e suites start real daemons on fixed loopback ports; running files in parallel
    // on a 2-core machine makes them flaky, so files run one after another.
    fileParallelism: false,
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/snmprec-reporter.ts'],
    strictTags: true,
    tags: [
      {
        name: SNMPREC_TAG,
        description: 'reads the LibreNMS device recordings (GPL-3.0, outside the repository): $SRW_SNMPREC_DIR or ../shared/snmprec',
        skip: snmprecDir() === undefined,
      },
    ],
  },
});
