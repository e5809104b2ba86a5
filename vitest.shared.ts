import { defineConfig } from 'vitest/config';

// One test configuration for every package: each package's vitest.config.ts re-exports this.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Real HTTP servers and real files: give slow CI machines room, never assert on time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
