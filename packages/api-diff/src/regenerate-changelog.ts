import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@proxmox-openapi/core';
import { type BuiltChangelog, buildChangelog } from './changelog.js';
import { readHistoryFolder, readSnapshotVersion } from './history.js';

/** Where a repository keeps an API's history, its published snapshot and its changelog. */
export interface ChangelogPaths {
  api: string;
  /** `history/<api>/`: the older schemas, `<package>-<version>-<date>.json.gz`. */
  historyDir: string;
  /** `specs/<api>/apidoc.json`: the newest version. */
  snapshotPath: string;
  /** `specs/<api>/apidoc.meta.json`: its date. */
  snapshotMetaPath: string;
  /** `specs/<api>/CHANGELOG.md` */
  markdownPath: string;
  /** `specs/<api>/changelog.json` */
  jsonPath: string;
}

/**
 * The repository layout: the history lives outside `specs/` (`historyDir`, relative to `root`;
 * default `history/<api>`, what the product registry names), because the pipeline rebuilds
 * each API's folder of `specs/` on every publish (see docs/design.md).
 */
export function changelogPaths(root: string, api: string, historyDir = join('history', api)): ChangelogPaths {
  const specs = join(root, 'specs', api);
  return {
    api,
    historyDir: join(root, historyDir),
    snapshotPath: join(specs, 'apidoc.json'),
    snapshotMetaPath: join(specs, 'apidoc.meta.json'),
    markdownPath: join(specs, 'CHANGELOG.md'),
    jsonPath: join(specs, 'changelog.json'),
  };
}

/** Builds the changelog of an API from its history and its published snapshot (writes nothing). */
export async function buildRepositoryChangelog(paths: ChangelogPaths): Promise<BuiltChangelog> {
  const versions = await readHistoryFolder(paths.historyDir);
  versions.push(await readSnapshotVersion(paths.snapshotPath, paths.snapshotMetaPath));
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
