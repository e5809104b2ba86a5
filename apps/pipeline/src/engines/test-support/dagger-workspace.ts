import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readApidocFile, writeSnapshot } from '@proxmox-openapi/apidoc-fetch';
import { type ApiId, getApiTarget } from '@proxmox-openapi/core';
import { fixturePath } from '@proxmox-openapi/test-fixtures';

// Test support for the Dagger engine's tests (not exported from the package): a throwaway
// repository root with committed snapshots made from the real fixtures.

/** The real fixtures of 2026-08-16, one per API. */
export const SNAPSHOT_FIXTURES: Readonly<Record<'pve' | 'pbs', string>> = {
  pve: 'pve-apidoc-2026-08-16.json.gz',
  pbs: 'pbs-apidoc-2026-08-16.json.gz',
};

/** Writes `specs/<api>/apidoc.json` + `apidoc.meta.json` for `api` from its fixture. */
export async function writeFixtureSnapshot(specsDir: string, api: 'pve' | 'pbs'): Promise<void> {
  const read = await readApidocFile(fixturePath(SNAPSHOT_FIXTURES[api]));
  await writeSnapshot(join(specsDir, api), read.tree, {
    url: getApiTarget(api as ApiId).apidocUrl,
    sha256: read.sha256,
    fetchedAt: '2026-08-16T00:00:00.000Z',
  });
}

/** A folder that the CLI takes for a repository root, with snapshots of the given APIs. */
export async function makeSnapshotWorkspace(apis: readonly ('pve' | 'pbs')[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dagger-ws-'));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  await writeFile(
    join(root, 'README.md'),
    '# test\n\n<!-- proxmox-openapi:stats:start -->\n<!-- proxmox-openapi:stats:end -->\n',
  );
  for (const api of apis) await writeFixtureSnapshot(join(root, 'specs'), api);
  return root;
}
