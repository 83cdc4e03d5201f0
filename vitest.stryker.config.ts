import { defineConfig } from 'vitest/config'

// What mutation testing runs: every unit test, and the integration tests that pin the delivery
// guards on PostgreSQL (the full integration and e2e suites take too long per mutant).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: [
            'test/integration/workers/send-guards.test.ts',
            'test/integration/core/request-rules.test.ts',
            'test/integration/core/requests.test.ts',
          ],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
