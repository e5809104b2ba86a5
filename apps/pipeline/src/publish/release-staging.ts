import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SPECS_LAYOUT, sha256 } from '@proxmox-openapi/core';
import { checkpoint } from '../run/kill-point.js';
import { isAlive } from '../run/process-identity.js';
import {
  exists,
  finishSwap,
  fsyncDir,
  fsyncTree,
  NEW,
  OLD,
  type RecoveryAction,
  type SwapLabels,
  settleWorkDir,
  writeDurable,
} from './folder-swap.js';
import { sortedEntries } from './sorted-entries.js';

/*
 * Atomic switch of `dist/release/`, tied to the switch of `specs/` (publish.ts).
 *
 * A release is built completely in a work folder beside `dist/release/` (same file system):
 *
 *   .release-staging-<pid>-<hex>/new/     the complete next release
 *   .release-staging-<pid>-<hex>/READY    written (tmp + rename) once new/ is flushed: names the
 *                                         sha256 of the specs/manifest.json it was built from
 *   .release-staging-<pid>-<hex>/old/     the previous release, once moved aside
 *
 * A run builds and flushes the release and writes READY BEFORE it commits `specs/`, then swaps
 * the release in (folder-swap.ts) after the commit. So the commit point of `specs/` is the
 * commit point of the release too: recovery (every run, under the run lock, after the recovery
 * of `specs/`) rolls a READY release forward when `specs/manifest.json` is the one it was
 * built from, or when its swap had begun (`old/` there); any other work folder (no READY, or
 * READY for specs that were never switched) is removed, and `dist/release/` keeps the old
 * release. After a kill at any moment, `dist/release/` is the whole old release or the whole
 * new one, and never stays behind the `specs/` it was built from.
 */

const READY = 'READY';
const RELEASE_SWAP: SwapLabels = {
  name: 'release',
  removed: 'release work folder removed',
  stage: 'release',
};

/** The name prefix of the work folders beside a release folder (git ignores `dist/`). */
export function releaseStagingPrefix(releaseDir: string): string {
  return `.${basename(resolve(releaseDir))}-staging-`;
}

/** The work folder of one release. */
export interface ReleaseStaging {
  releaseDir: string;
  workDir: string;
  /** The next release, built here. */
  newDir: string;
}

/** Creates an empty work folder beside `releaseDir`. */
export async function createReleaseStaging(releaseDir: string): Promise<ReleaseStaging> {
  const abs = resolve(releaseDir);
  await mkdir(dirname(abs), { recursive: true });
  const workDir = join(
    dirname(abs),
    `${releaseStagingPrefix(abs)}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(workDir);
  const newDir = join(workDir, NEW);
  await mkdir(newDir);
  return { releaseDir: abs, workDir, newDir };
}

/**
 * Flushes the built release and writes READY: from here on, the release is switched with the
 * `specs/` whose manifest has the sha256 `specsManifest`.
 */
export async function markReleaseReady(staging: ReleaseStaging, specsManifest: string): Promise<void> {
  await fsyncTree(staging.newDir);
  checkpoint('release staged');
  const marker = join(staging.workDir, READY);
  await writeDurable(`${marker}.tmp`, `${JSON.stringify({ specsManifest })}\n`);
  await rename(`${marker}.tmp`, marker);
  await fsyncDir(staging.workDir);
  checkpoint('release ready');
}

/** Puts a READY release in place of `dist/release/` (call it after `specs/` was committed). */
export async function swapRelease(staging: ReleaseStaging): Promise<void> {
  await finishSwap(staging.workDir, staging.releaseDir, RELEASE_SWAP);
}

/** Throws the work folder away (a failed run): `dist/release/` was never touched. */
export async function discardReleaseStaging(staging: ReleaseStaging): Promise<void> {
  await rm(staging.workDir, { recursive: true, force: true });
}

async function readyFor(workDir: string): Promise<string | undefined> {
  try {
    const value = JSON.parse(await readFile(join(workDir, READY), 'utf8')) as { specsManifest?: unknown };
    return typeof value.specsManifest === 'string' ? value.specsManifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finishes or undoes what an interrupted run left beside `releaseDir` (see above), given the
 * `specs/` folder as recovered. Call it only while holding the run lock, after recoverStaging.
 */
export async function recoverReleaseStaging(releaseDir: string, specsDir: string): Promise<RecoveryAction[]> {
  const abs = resolve(releaseDir);
  const prefix = releaseStagingPrefix(abs);
  const published = await readFile(join(specsDir, SPECS_LAYOUT.manifest))
    .then(sha256)
    .catch(() => undefined);
  const actions: RecoveryAction[] = [];
  for (const name of await sortedEntries(dirname(abs))) {
    if (!name.startsWith(prefix)) continue;
    // The run lock covers one specs folder: a run on another one may be building its release
    // right now (its pid is in the name). A pid reused since only delays the sweep.
    const owner = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) continue;
    const workDir = join(dirname(abs), name);
    const ready = await readyFor(workDir);
    const swapBegun = await exists(join(workDir, OLD));
    const committed = ready !== undefined && (swapBegun || ready === published);
    actions.push(await settleWorkDir(workDir, abs, RELEASE_SWAP, committed));
  }
  return actions;
}
