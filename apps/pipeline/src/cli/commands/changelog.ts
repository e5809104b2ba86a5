import { join, relative } from 'node:path';
import { API_TARGETS, FindingsError, getApiTarget, UsageError } from '@proxmox-openapi/core';
import { snapshotFetchedAt } from '../../run/diff-stages.js';
import { defineCommand } from '../declare-command.js';
import { findWorkspaceRoot } from '../workspace-root.js';

/** The products whose registry entry names a history folder: the ones with a changelog. */
function withHistory(): string[] {
  return API_TARGETS.filter((t) => t.historyDir !== undefined).map((t) => t.id);
}

/** `proxmox-openapi changelog [--api API] [--check]`: the committed changelog files, regenerated. */
export const changelogCommand = defineCommand({
  name: 'changelog',
  summary: 'regenerate (or --check) specs/<api>/CHANGELOG.md and changelog.json from the history',
  description: `Builds a product's changelog from its history folder (the registry's historyDir, such as
history/pve/) and its published snapshot (specs/<api>/apidoc.json): one section per
consecutive pair, newest first. Writes specs/<api>/CHANGELOG.md and changelog.json when their
bytes differ. The pipeline writes the same files when it publishes the product.`,
  options: {
    api: {
      type: 'string',
      value: 'API',
      description: 'the product (default: every product with a history folder)',
    },
    check: {
      type: 'boolean',
      description: 'write nothing; exit 1 when a file is not what the history gives',
    },
  },
  notes: 'Exit codes: 0 up to date (or written), 1 stale with --check, 2 usage error, 3 unreadable input.',
  async run({ values }, io) {
    const root = findWorkspaceRoot(io.cwd);
    const apis = values.api !== undefined ? [values.api] : withHistory();
    const { buildRepositoryChangelog, changelogPaths, staleChangelogFiles, writeChangelog } = await import(
      '@proxmox-openapi/api-diff'
    );
    const stale: string[] = [];
    for (const api of apis) {
      const target = getApiTarget(api);
      if (target.historyDir === undefined) {
        throw new UsageError(
          `${api} has no history folder, so no changelog (products with one: ${withHistory().join(', ')})`,
        );
      }
      const apiDir = join(root, 'specs', api);
      const paths = changelogPaths(api, apiDir, join(root, target.historyDir));
      const built = await buildRepositoryChangelog(paths, await snapshotFetchedAt(apiDir));
      const shown = (path: string) => relative(root, path);
      if (values.check) {
        const found = await staleChangelogFiles(paths, built);
        stale.push(...found.map(shown));
        io.stdout.write(
          `${api}: ${found.length === 0 ? 'up to date' : `stale: ${found.map(shown).join(', ')}`}\n`,
        );
        continue;
      }
      const written = await writeChangelog(paths, built);
      io.stdout.write(
        `${api}: ${written.length > 0 ? `wrote ${written.map(shown).join(', ')}` : 'up to date'} (${built.changelog.sections.length} sections)\n`,
      );
    }
    if (stale.length > 0) {
      throw new FindingsError(
        `${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} not what the history gives; run proxmox-openapi changelog`,
        { stage: 'changelog' },
      );
    }
    return 0;
  },
});
