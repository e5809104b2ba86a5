import { readdir } from 'node:fs/promises';

/**
 * The names in a folder, sorted; none when it cannot be read (it does not exist yet, or is
 * gone): the sweeps that use it have nothing to clean up there.
 */
export async function sortedEntries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}
