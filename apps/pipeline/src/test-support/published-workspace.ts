import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import {
  type CliResult,
  FIXTURES,
  hashTree,
  makeWorkspace,
  runPipelineCli,
  sharedStageCache,
} from './workspace.js';

/** The cold offline run that published the workspace, as the child process left it. */
export interface ColdOfflineRun {
  /** A copy of the workspace for the caller alone (removed with the caller's other workspaces). */
  root: string;
  /** The run's exit status and output. */
  run: CliResult;
  /** specs/ before the run: the committed snapshots (path -> sha256). */
  snapshotsBefore: Record<string, string>;
}

interface Built {
  run: CliResult;
  snapshotsBefore: Record<string, string>;
}

/** The stages whose cache entries may be shared: the unchanged-run record is not a stage. */
const NOT_SHARED = new Set(['unchanged']);

/**
 * Copies the entries of a workspace's own stage cache into the shared one (an entry the shared
 * cache already holds is left as it is). Each entry lands whole: copied beside the cache, then
 * renamed in, so that a run reading the shared cache at the same time never sees half of one.
 */
async function seedSharedCache(cacheDir: string, work: string): Promise<void> {
  const shared = sharedStageCache();
  for (const stage of await readdir(cacheDir, { withFileTypes: true })) {
    if (!stage.isDirectory() || NOT_SHARED.has(stage.name)) continue;
    for (const key of await readdir(join(cacheDir, stage.name))) {
      const to = join(shared, stage.name, key);
      if (existsSync(to)) continue;
      const staged = join(work, `seed-${stage.name}-${key}`);
      await cp(join(cacheDir, stage.name, key), staged, { recursive: true });
      await mkdir(join(shared, stage.name), { recursive: true });
      await rename(staged, to).catch(() => rm(staged, { recursive: true, force: true }));
    }
  }
}

/**
 * Builds the fixture once: a workspace with the PVE and PBS snapshots of 2026-08-16, published
 * by one cold `pipeline --offline --report cold.json` run with its own stage cache. Built in a
 * folder of its own and renamed into place, so that two files building it at once (more
 * workers on a bigger machine) both end with one whole copy.
 */
async function build(dir: string): Promise<void> {
  const work = await mkdtemp(`${dir}.building-`);
  const made = await makeWorkspace({ pve: FIXTURES.pve2026, pbs: FIXTURES.pbs2026 });
  const root = join(work, 'root');
  await rename(made, root);
  const snapshotsBefore = (await hashTree(join(root, 'specs'))) ?? {};
  const run = await runPipelineCli(root, ['--offline', '--report', 'cold.json']);
  const built: Built = { run, snapshotsBefore };
  await writeFile(join(work, 'built.json'), JSON.stringify(built));
  if (run.status === 0) await seedSharedCache(join(root, '.cache', 'pipeline'), work);
  await rename(work, dir).catch(() => rm(work, { recursive: true, force: true }));
}

/** The folder of the built fixture, built first if this test run has not built it yet. */
async function builtFixture(): Promise<string> {
  const dir = join(inject('builtFixturesDir'), 'cold-offline-pve-pbs');
  if (!existsSync(join(dir, 'built.json'))) await build(dir);
  return dir;
}

/**
 * The shared stage cache (workspace.ts, `sharedStageCache`), with the entries of the PVE and PBS
 * snapshots of 2026-08-16 in it: for the files that publish those with `--cache-dir`. Whichever
 * of them runs first would generate the two documents anyway; this way the cold run of the
 * fixture above does it, once, instead of that file and the fixture each doing it.
 */
export async function seededStageCache(): Promise<string> {
  await builtFixture();
  return sharedStageCache();
}

/**
 * A workspace as a cold offline run of both APIs left it (specs/, its own .cache, cold.json),
 * with that run's output: built by the first test file that asks during a test run, copied for
 * each caller. One cold run of PVE and PBS costs about 6 s of CPU, and several files start from
 * one; the run's own behaviour is asserted by pipeline-offline.test.ts. Building it also puts
 * its stage-cache entries into the shared stage cache, for the files that publish the same
 * snapshots with `--cache-dir`.
 */
export async function coldOfflineWorkspace(): Promise<ColdOfflineRun> {
  const dir = await builtFixture();
  const built = JSON.parse(await readFile(join(dir, 'built.json'), 'utf8')) as Built;
  // A fresh workspace of the caller's (registered for removeWorkspaces), then the fixture's files.
  const root = await makeWorkspace();
  await rm(root, { recursive: true, force: true });
  await cp(join(dir, 'root'), root, { recursive: true });
  return { root, ...built };
}
