import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT_README, sharedStageCache } from '../../../src/test-support/workspace.js';
import { runCli } from './cli.js';
import { copyRoot, makeRoot, SLICES } from './roots.js';

/**
 * The argv of a pipeline run that rebuilds PVE from `pve-new.json` (PBS is carried over). Its
 * stage cache is the test run's shared one (test/support/shared-stage-cache.ts): the cases are
 * about what is in specs/, the lock and the outputs, not about generating the document, so the
 * first run generates and validates it and the others replay it (the cache's own cases are in
 * cache-record.test.ts, with caches of their own).
 */
export const REBUILD_PVE = [
  'pipeline',
  '--api',
  'pve',
  '--source',
  'pve=pve-new.json',
  '--cache-dir',
  sharedStageCache(),
  '--lock-timeout',
  '0',
];

/**
 * A root with PVE and PBS published (old slices), the new PVE slice beside it as
 * `pve-new.json`, and a root README with the statistics markers: the starting point of the
 * issue-16 cases that rebuild one API and carry the other over. Published through the shared
 * stage cache, so that only the first file of a test run generates the old slices.
 */
export async function makePublishedRoot(prefix: string): Promise<string> {
  const root = await makeRoot(prefix);
  await writeFile(join(root, 'README.md'), ROOT_README);
  await writeFile(join(root, 'pve.json'), SLICES.pveOld());
  await writeFile(join(root, 'pbs.json'), SLICES.pbsOld());
  await writeFile(join(root, 'pve-new.json'), SLICES.pveNew());
  await publishBase(root, ['--source', 'pve=pve.json', '--source', 'pbs=pbs.json', '--api', 'pve,pbs']);
  return root;
}

/**
 * A root with only PVE published, from the old slice kept beside it as `pve.json`: the starting
 * point of the files whose cases run one command against a published set (a fetch fault, a
 * hostile input, a full disk). Published through the shared stage cache, like
 * `makePublishedRoot`.
 */
export async function makePublishedPveRoot(prefix: string): Promise<string> {
  const root = await makeRoot(prefix);
  await writeFile(join(root, 'pve.json'), SLICES.pveOld());
  await publishBase(root, ['--api', 'pve', '--source', 'pve=pve.json']);
  return root;
}

/** Publishes a prepared root's starting set through the shared stage cache; fails loudly. */
async function publishBase(root: string, args: string[]): Promise<void> {
  const published = await runCli(
    ['pipeline', ...args, '--cache-dir', sharedStageCache(), '--lock-timeout', '0'],
    root,
  );
  if (published.exitCode !== 0) throw new Error(`the base publish failed: ${published.stderr}`);
}

/** A fresh copy of a prepared root for one case. */
export function caseRoot(base: string, prefix: string): Promise<string> {
  return copyRoot(base, prefix);
}
