import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SPECS_LAYOUT, writeFileAtomic } from '@proxmox-openapi/core';
import { type BuiltChangelog, buildChangelog } from './changelog.js';
import { readHistoryFolder, readSnapshotVersion } from './history.js';

/** Where an API's history, its newest snapshot and its changelog are. */
export interface ChangelogPaths {
  api: string;
  /** `history/<api>/`: the older schemas, `<package>-<version>-<date>.json.gz`. */
  historyDir: string;
  /** `specs/<api>/apidoc.json`: the newest version. */
  snapshotPath: string;
  /** `specs/<api>/CHANGELOG.md` */
  markdownPath: string;
  /** `specs/<api>/changelog.json` */
  jsonPath: string;
}

/**
 * The changelog's files in an API's folder of `specs/` (`apiDir`), named by core's layout; the
 * history lives outside `specs/` (`historyDir`), because the pipeline rebuilds each API's
 * folder of `specs/` on every publish (see docs/design.md).
 */
export function changelogPaths(api: string, apiDir: string, historyDir: string): ChangelogPaths {
  return {
    api,
    historyDir,
    snapshotPath: join(apiDir, SPECS_LAYOUT.snapshot),
    markdownPath: join(apiDir, SPECS_LAYOUT.changelogMarkdown),
    jsonPath: join(apiDir, SPECS_LAYOUT.changelogJson),
  };
}

/**
 * Builds the changelog of an API from its history and its newest snapshot (writes nothing);
 * `snapshotFetchedAt` (the snapshot's `fetchedAt`) labels the newest version.
 */
export async function buildRepositoryChangelog(
  paths: ChangelogPaths,
  snapshotFetchedAt: string,
): Promise<BuiltChangelog> {
  const versions = await readHistoryFolder(paths.historyDir);
  versions.push(await readSnapshotVersion(paths.snapshotPath, snapshotFetchedAt));
  return buildChangelog(paths.api, versions);
}

/** Which of the two changelog files differ from what the history and snapshot give. */
export async function staleChangelogFiles(paths: ChangelogPaths, built: BuiltChangelog): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of [
    [paths.markdownPath, built.markdown],
    [paths.jsonPath, built.json],
  ] as const) {
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current !== text) stale.push(path);
  }
  return stale;
}

/** Writes the two changelog files (each atomically); returns the ones whose bytes changed. */
export async function writeChangelog(paths: ChangelogPaths, built: BuiltChangelog): Promise<string[]> {
  const stale = await staleChangelogFiles(paths, built);
  if (stale.includes(paths.markdownPath)) await writeFileAtomic(paths.markdownPath, built.markdown);
  if (stale.includes(paths.jsonPath)) await writeFileAtomic(paths.jsonPath, built.json);
  return stale;
}
