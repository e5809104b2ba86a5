import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TARGETS } from '@proxmox-openapi/core';

/** The repository's published `specs/` (the real PVE and PBS documents). */
export const REPO_SPECS = fileURLToPath(new URL('../../../../specs', import.meta.url));

/**
 * The products `specs/manifest.json` lists, in the registry's order: what the site must show.
 * Read when the test module loads, so tests can be generated per product.
 */
export const PRODUCTS: readonly string[] = (() => {
  const manifest = JSON.parse(readFileSync(`${REPO_SPECS}/manifest.json`, 'utf8')) as { apis: object };
  const listed = Object.keys(manifest.apis);
  const known = API_TARGETS.map((t) => t.id as string);
  return [...known.filter((id) => listed.includes(id)), ...listed.filter((id) => !known.includes(id)).sort()];
})();

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
