// Mutation testing: `npm run test:mutation`. Incremental, so a rerun tests only mutants whose code
// or tests changed; the HTML report lands in reports/stryker/ (see README, "Mutation testing").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/core/**/*.ts',
    // The delivery guards: "already sent?", the claim, the sweep's night and escalation checks.
    'src/workers/send.processor.ts',
    'src/workers/outbox-relay.ts',
    'src/workers/maintenance.processor.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: two sandboxes at a time.
  concurrency: 2,
  timeoutMS: 30_000,
  incremental: true,
  incrementalFile: 'reports/stryker/incremental.json',
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/stryker/mutation.html' },
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: '.stryker-tmp',
}
