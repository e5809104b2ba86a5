import { defineConfig } from 'vitest/config';

// One test configuration for every package: each package's vitest.config.ts re-exports this.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // A guard against a test that hangs, never a measure of speed: the tests run real HTTP
    // servers, child processes and whole pipelines, and on a two-core machine shared with other
    // jobs (load average 35 was seen) a test that takes 5 s idle took over 100 s. Slowness is
    // measured by the bench scripts.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
