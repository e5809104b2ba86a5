import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The shared test configuration of the workspace (see vitest.shared.ts at the root), plus one
// stage cache for the whole test run (test/support/shared-stage-cache.ts).
//
// isolate: false: the test files share one worker process and its loaded modules instead of a
// fresh one each (about 20 s of CPU less for the app's tests on two cores, where they run one
// file at a time). A file that changes process-wide state puts it back in its afterAll/afterEach:
// environment variables (the Dagger tests), the API target registry (fifth-product).
export default mergeConfig(
  shared,
  defineConfig({ test: { isolate: false, globalSetup: ['./test/support/shared-stage-cache.ts'] } }),
);
