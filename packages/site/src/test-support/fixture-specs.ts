import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's published `specs/` (the real PVE and PBS documents). */
export const REPO_SPECS = fileURLToPath(new URL('../../../../specs', import.meta.url));

/** The package's own folder for test output (screenshots, built sites); gitignored. */
export const TEST_OUTPUT = fileURLToPath(new URL('../../test-output', import.meta.url));

/** The package's small changelog that follows the contract of the api-diff stage. */
export const PVE_CHANGELOG_FIXTURE = fileURLToPath(
  new URL('../../fixtures/pve-changelog.json', import.meta.url),
);

/**
 * A copy of the repository's `specs/` in a temporary folder, with the changelog fixture as
 * `pve/changelog.json`, so tests can add, break or remove files without touching the real one.
 */
export async function fixtureSpecs(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'site-specs-')), 'specs');
  await cp(REPO_SPECS, dir, { recursive: true });
  await writeFile(join(dir, 'pve', 'changelog.json'), await readFile(PVE_CHANGELOG_FIXTURE));
  return dir;
}

/** Makes the test output folder (and a sub-folder) exist and returns its path. */
export async function testOutput(...parts: string[]): Promise<string> {
  const dir = join(TEST_OUTPUT, ...parts);
  await mkdir(dir, { recursive: true });
  return dir;
}
