import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Suites share one real Neo4j and some restart servers: run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // The first run on a new machine resolves Neo4j from Maven Central inside global setup.
    hookTimeout: 600_000,
    // The JUnit file is for CI tools that read test results rather than logs.
    // tests/run-groups.ts names one per group (a --reporter on the command line would be ignored
    // beside this list).
    reporters: ['default', ['junit', { outputFile: process.env.WHOSAID_TEST_JUNIT ?? 'test-results/junit.xml' }]],
  },
})
