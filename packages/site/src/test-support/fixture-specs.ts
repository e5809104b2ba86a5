import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TARGETS, readSnapshotMeta } from '@proxmox-openapi/core';
import type { SiteApiFacts } from '../published-api.js';

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

/**
 * What the app hands the site for a specs folder: each API its manifest lists, with the name and
 * parameter count from the manifest and the fetch time and URL from the snapshot's metadata.
 */
export async function siteApis(specsDir: string): Promise<SiteApiFacts[]> {
  const manifest = JSON.parse(await readFile(join(specsDir, 'manifest.json'), 'utf8')) as {
    apis: Record<string, { name: string; stats?: { parameters?: number } }>;
  };
  const apis: SiteApiFacts[] = [];
  for (const [id, entry] of Object.entries(manifest.apis)) {
    const meta = await readSnapshotMeta(join(specsDir, id));
    apis.push({
      id,
      name: entry.name,
      ...(meta ? { fetchedAt: meta.fetchedAt, sourceUrl: meta.url } : {}),
      ...(entry.stats?.parameters !== undefined ? { parameters: entry.stats.parameters } : {}),
    });
  }
  return apis;
}
