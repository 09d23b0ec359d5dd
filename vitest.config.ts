import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/neo4j-global-setup.ts'],
          setupFiles: ['tests/support/audit-key-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Each file wipes the shared database and loads the demo: one file at a time.
          fileParallelism: false,
          // A failed browser test runs again (twice at most) before it fails the run: the workspace tests
          // in demo.test.ts time out intermittently since 2026-12-02 (see the issue-7 note), not yet explained.
          retry: 2,
          globalSetup: ['tests/support/neo4j-global-setup.ts'],
          setupFiles: ['tests/support/audit-key-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
