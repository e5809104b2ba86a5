import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from '../run/process-identity.js';
import { sortedEntries } from './sorted-entries.js';

// core's writeFileAtomic names its temporary file `.<name>.<pid>.<random hex>.tmp` beside the target.
const ATOMIC_TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Removes the temporary files that a killed run's atomic writes left in `dir` (the root
 * README's `.README.md.<pid>.<hex>.tmp`): only those of the given names and of processes that
 * are gone, since a live run may be writing one right now. Called under the run lock.
 * @returns the names removed.
 */
export async function sweepAtomicLeftovers(dir: string, names: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await sortedEntries(dir)) {
    const match = ATOMIC_TEMP.exec(entry);
    if (!match || !names.includes(match[1] ?? '') || isAlive(Number(match[2]))) continue;
    await rm(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}
