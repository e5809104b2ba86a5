import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeError, PipelineError } from '@proxmox-openapi/core';
import {
  buildRepositoryChangelog,
  changelogPaths,
  staleChangelogFiles,
  writeChangelog,
} from './regenerate-changelog.js';

/*
 * `pnpm --filter @proxmox-openapi/api-diff changelog [--check]`: regenerates
 * specs/pve/CHANGELOG.md and specs/pve/changelog.json from history/pve/ and the published
 * snapshot. `--check` writes nothing and exits 1 when a file differs. Until the
 * `proxmox-openapi` CLI gains its diff command, this is how the files are refreshed.
 */

/** The nearest folder at or above `from` that holds `pnpm-workspace.yaml`. */
function workspaceRoot(from: string): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new PipelineError('usage', `no pnpm-workspace.yaml at or above ${from}`);
    dir = parent;
  }
  return dir;
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const root = workspaceRoot(process.cwd());
  const paths = changelogPaths(root, 'pve');
  const built = await buildRepositoryChangelog(paths);
  if (check) {
    const stale = await staleChangelogFiles(paths, built);
    for (const path of stale)
      process.stderr.write(
        `changelog: ${path} is not what the history gives; run pnpm --filter @proxmox-openapi/api-diff changelog\n`,
      );
    return stale.length > 0 ? 1 : 0;
  }
  const written = await writeChangelog(paths, built);
  process.stdout.write(
    written.length > 0 ? `changelog: wrote ${written.join(', ')}\n` : 'changelog: up to date\n',
  );
  for (const section of built.changelog.sections) process.stdout.write(`${section.summary.line}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`changelog: ${describeError(error)}\n`);
    process.exitCode = error instanceof PipelineError ? error.exitCode : 3;
  },
);
