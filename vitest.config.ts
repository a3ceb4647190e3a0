import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Docker and tmux tests share one engine and terminal server: keep files from stepping
    // on each other's timing by limiting parallelism on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    env: { FORCE_COLOR: '0' },
  },
});
