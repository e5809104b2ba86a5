import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkpoint } from '../run/kill-point.js';
import {
  exists,
  finishSwap,
  fsyncDir,
  fsyncTree,
  NEW,
  type RecoveryAction,
  type SwapLabels,
  settleWorkDir,
  writeDurable,
} from './folder-swap.js';
import { sortedEntries } from './sorted-entries.js';

/*
 * Atomic publish of `specs/`: the journal protocol.
 *
 * Goal: whatever moment the process dies at (SIGKILL included, so no cleanup code runs), the
 * published set is either entirely the old one or entirely the new one, and the next run can
 * tell which and finish the job. Constraints: a rename is atomic within one file system, but
 * a directory cannot be renamed over a non-empty directory, and Node has no RENAME_EXCHANGE,
 * so switching `specs/` takes two renames (`specs` → backup, staged → `specs`).
 *
 * Layout: everything lives in one work folder beside `specs/`, on the same file system:
 *
 *   .specs-staging-<name>-<id>/journal.json   written first: which specs folder this is for
 *   .specs-staging-<name>-<id>/new/           the complete next `specs/` (every API, manifest)
 *   .specs-staging-<name>-<id>/COMMIT         the commit marker
 *   .specs-staging-<name>-<id>/old/           the previous `specs/`, once moved aside
 *
 * Steps:
 *   1. build `new/` completely, then fsync every file and folder in it;
 *   2. write `COMMIT.tmp`, fsync, rename it to `COMMIT`, fsync the work folder: this rename is
 *      THE commit point, a single atomic step;
 *   3. rename `specs` → `old/` (skipped when there is no `specs/` yet);
 *   4. rename `new/` → `specs`, fsync the parent folder;
 *   5. remove the work folder.
 *
 * Recovery (at the start of every run, under the run lock, so no live run owns the folder):
 *   - no `COMMIT`: the crash came before the commit point; `specs/` was never touched (steps 1
 *     and 2 write only inside the work folder). Remove the work folder: all old.
 *   - `COMMIT` and `new/` present: the crash came between steps 2 and 4. If `specs` still
 *     exists and `old/` does not, step 3 is still to do; then step 4. Roll forward: all new.
 *   - `COMMIT` and no `new/`: step 4 happened; only the clean-up is left: all new.
 *
 * Before the commit point `specs/` is byte-for-byte the old set; after step 4 it is the new
 * set. The one in-between state that a reader can see is between steps 3 and 4, where
 * `specs/` is briefly absent (never mixed: no API's files are ever switched alone); the commit
 * marker makes that state roll forward on the next run. Switching the whole folder rather than
 * each API's folder in turn is what rules out a mix of a new PVE and an old PBS: the other
 * APIs' files are hard-linked into `new/`, so a run for one API still swaps one folder.
 *
 * Steps 3 to 5 are folder-swap.ts's `finishSwap`, which the release's journal
 * (release-staging.ts) uses too; with `--publish` the release is ready before step 2, so that
 * this commit point is the release's as well.
 */

const JOURNAL = 'journal.json';
const COMMIT = 'COMMIT';
const SPECS_SWAP: SwapLabels = { name: 'specs', removed: 'work folder removed', stage: 'publish' };

/** The work folder of one publish. */
export interface Staging {
  /** The folder that `new/` replaces. */
  specsDir: string;
  /** `.specs-staging-<name>-<id>` beside it. */
  workDir: string;
  /** The next `specs/`, built here. */
  newDir: string;
}

/** What recovery did with one leftover work folder. */
export type { RecoveryAction } from './folder-swap.js';

/** The name prefix of the work folders of a specs folder (kept in .gitignore as `.specs-staging-*`). */
export function stagingPrefix(specsDir: string): string {
  return `.specs-staging-${basename(resolve(specsDir))}-`;
}

/** The run lock's path for a specs folder (a folder, so that `.specs-staging-*\/` ignores it). */
export function lockPathFor(specsDir: string): string {
  const abs = resolve(specsDir);
  return join(dirname(abs), `.specs-staging-${basename(abs)}.lock`);
}

/** Creates an empty work folder with its journal, beside `specsDir`. */
export async function createStaging(specsDir: string): Promise<Staging> {
  const abs = resolve(specsDir);
  const parent = dirname(abs);
  await mkdir(parent, { recursive: true });
  const workDir = join(parent, `${stagingPrefix(abs)}${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(workDir);
  await writeFile(
    join(workDir, JOURNAL),
    `${JSON.stringify({ format: 1, specs: abs, pid: process.pid, createdAt: new Date().toISOString() })}\n`,
  );
  const newDir = join(workDir, NEW);
  await mkdir(newDir);
  return { specsDir: abs, workDir, newDir };
}

/** Throws the work folder away (a failed run): `specs/` was never touched. */
export async function discardStaging(staging: Staging): Promise<void> {
  await rm(staging.workDir, { recursive: true, force: true });
}

/**
 * Switches `specs/` to the staged set (steps 1 to 5 above). Every disk change is followed by a
 * {@link checkpoint}, the hook that crash tests use.
 */
export async function commitStaging(staging: Staging): Promise<void> {
  await fsyncTree(staging.newDir);
  checkpoint('staged tree flushed');
  const marker = join(staging.workDir, COMMIT);
  await writeDurable(`${marker}.tmp`, `${JSON.stringify({ specs: staging.specsDir })}\n`);
  checkpoint('commit marker written');
  await rename(`${marker}.tmp`, marker);
  await fsyncDir(staging.workDir);
  checkpoint('commit marker in place');
  await finishSwap(staging.workDir, staging.specsDir, SPECS_SWAP);
}

/**
 * Finishes or undoes what an interrupted run left beside `specsDir` (see the protocol above).
 * Call it only while holding the run lock.
 */
export async function recoverStaging(specsDir: string): Promise<RecoveryAction[]> {
  const abs = resolve(specsDir);
  const parent = dirname(abs);
  const prefix = stagingPrefix(abs);
  const actions: RecoveryAction[] = [];
  for (const name of await sortedEntries(parent)) {
    if (!name.startsWith(prefix)) continue;
    const workDir = join(parent, name);
    const journal = await readJournal(workDir);
    // A journal that names another folder is not ours (a folder was copied around): leave it.
    if (journal && journal.specs !== abs) continue;
    actions.push(await settleWorkDir(workDir, abs, SPECS_SWAP, await exists(join(workDir, COMMIT))));
  }
  return actions;
}

async function readJournal(workDir: string): Promise<{ specs: string } | undefined> {
  try {
    return JSON.parse(await readFile(join(workDir, JOURNAL), 'utf8')) as { specs: string };
  } catch {
    return undefined;
  }
}
