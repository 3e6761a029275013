import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // e2e suites start real daemons on fixed loopback ports; running files in parallel
    // on a 2-core machine makes them flaky, so files run one after another.
    fileParallelism: false,
  },
});
