import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The shared test configuration of the workspace (see vitest.shared.ts at the root), with one
// process for every test file: these tests change no process-wide state (no target registry,
// environment variable or working directory), so modules load and the JIT warms up once per
// run instead of once per file.
export default mergeConfig(shared, defineConfig({ test: { isolate: false } }));
