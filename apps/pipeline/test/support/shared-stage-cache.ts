import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stage cache that every pipeline run of this test run may share (see below). */
    stageCacheDir: string;
    /** Where fixtures built once per test run live (src/test-support/published-workspace.ts). */
    builtFixturesDir: string;
  }
}

/**
 * Vitest's global setup: one empty stage cache per test run, shared by the test files whose runs
 * are not about the cache. Generating and validating a document is the heavy part of a pipeline
 * run (about 6 s of CPU for PVE and PBS, under 1 s replayed), and many files publish the same
 * fixtures. The cache is content-addressed (inputs and package version), so an entry made by one
 * file is what any other would make; it lives for this run only, because the key does not cover
 * the code, which may change between runs. The cache's own behaviour is tested with caches of
 * their own (pipeline-offline, stage-cache, hardening cache-record).
 *
 * Beside it, an empty folder for fixtures that the first file needing them builds and the later
 * ones copy (a workspace published by one cold offline run); it also lives for this run only.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-tests-stage-cache-'));
  const built = await mkdtemp(join(tmpdir(), 'pipeline-tests-built-fixtures-'));
  project.provide('stageCacheDir', dir);
  project.provide('builtFixturesDir', built);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(built, { recursive: true, force: true });
  };
}
