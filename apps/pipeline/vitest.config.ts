import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The shared test configuration of the workspace (see vitest.shared.ts at the root), plus one
// stage cache for the whole test run (test/support/shared-stage-cache.ts).
//
// isolate: false: the test files share one worker process and its loaded modules instead of a
// fresh one each (about 20 s of CPU less for the app's tests on two cores, where they run one
// file at a time). A file that changes process-wide state puts it back in its afterAll/afterEach:
// environment variables (the Dagger tests), the API target registry (fifth-product).
//
// The `test` script asks for two worker processes (`--maxWorkers=2`; Vitest's default on two
// cores is one): its files spend much of their time waiting on child processes and servers, and
// in `pnpm check` this task finishes last. Alone and idle: one worker 74 s wall, two 52 s, the same
// 97 s of CPU. Files that build a shared fixture rename it into place whole, so two may race.
// `test:hardening` does the same for the same reason (one worker 72 s wall, two 48 s, 87 s of CPU).
export default mergeConfig(
  shared,
  defineConfig({ test: { isolate: false, globalSetup: ['./test/support/shared-stage-cache.ts'] } }),
);
