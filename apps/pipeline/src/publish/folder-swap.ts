import { constants } from 'node:fs';
import { access, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PipelineError, writeFileSynced } from '@proxmox-openapi/core';
import { checkpoint } from '../run/kill-point.js';

/*
 * The durable-write and folder-swap steps that both journals use: the one of `specs/`
 * (publish.ts) and the one of `dist/release/` (release-staging.ts). A work folder beside the
 * target holds `new/` (the next version, complete) and, once moved aside, `old/` (the previous
 * one); swapping is two renames, since a folder cannot be renamed over a non-empty one and Node
 * has no RENAME_EXCHANGE. Each journal decides on its own when a work folder is committed.
 */

/** The name of the next version's folder inside a work folder. */
export const NEW = 'new';
/** The name of the previous version's folder inside a work folder, once moved aside. */
export const OLD = 'old';

/** True when something (of any kind) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes `text` to `path` and flushes it to disk before returning. */
export async function writeDurable(path: string, text: string): Promise<void> {
  await writeFileSynced(path, text);
}

/** Flushes a folder's entries (a rename, a new file) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes every file and folder below `dir` to disk, so that a commit marker never precedes its data. */
export async function fsyncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await fsyncTree(path);
    else {
      const handle = await open(path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  }
  await fsyncDir(dir);
}

/** What a swap is of, for its checkpoints and its one error line. */
export interface SwapLabels {
  /** `specs`, `release`: names the checkpoints (`previous specs moved aside`). */
  name: string;
  /** The checkpoint after the work folder is gone. */
  removed: string;
  /** The stage an error names. */
  stage: string;
}

/**
 * Puts a committed work folder's `new/` in place of `target` (moving `target` to `old/` first
 * when it exists), then removes the work folder. Idempotent: a swap that an earlier process
 * began is finished from wherever it stopped. Every disk change is followed by a
 * {@link checkpoint}.
 */
export async function finishSwap(workDir: string, target: string, labels: SwapLabels): Promise<void> {
  const newDir = join(workDir, NEW);
  const oldDir = join(workDir, OLD);
  if (await exists(newDir)) {
    const hasTarget = await exists(target);
    const hasOld = await exists(oldDir);
    if (hasTarget && hasOld) {
      throw new PipelineError(
        'internal',
        `cannot finish the interrupted ${labels.stage} in ${workDir}: both ${target} and the backup exist; move one away by hand`,
        { stage: labels.stage },
      );
    }
    if (hasTarget) {
      await rename(target, oldDir);
      checkpoint(`previous ${labels.name} moved aside`);
    }
    await rename(newDir, target);
    await fsyncDir(dirname(target));
    checkpoint(`new ${labels.name} in place`);
  }
  await rm(workDir, { recursive: true, force: true });
  checkpoint(labels.removed);
}

/** What a recovery did with one work folder left by an interrupted run. */
export interface RecoveryAction {
  workDir: string;
  action: 'rolled-back' | 'rolled-forward';
}

/**
 * Settles one work folder an interrupted run left: past its journal's commit point the swap is
 * finished (`rollForward`), before it the folder is removed and the target stays as it was.
 */
export async function settleWorkDir(
  workDir: string,
  target: string,
  labels: SwapLabels,
  rollForward: boolean,
): Promise<RecoveryAction> {
  if (rollForward) {
    await finishSwap(workDir, target, labels);
    return { workDir, action: 'rolled-forward' };
  }
  await rm(workDir, { recursive: true, force: true });
  return { workDir, action: 'rolled-back' };
}
