import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The shared test configuration of the workspace (see vitest.shared.ts at the root), plus one
// stage cache for the whole test run (test/support/shared-stage-cache.ts).
export default mergeConfig(
  shared,
  defineConfig({ test: { globalSetup: ['./test/support/shared-stage-cache.ts'] } }),
);
