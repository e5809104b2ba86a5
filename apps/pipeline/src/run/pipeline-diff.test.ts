import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../report/run-report.js';
import {
  FIXTURES,
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
  sharedStageCache,
} from '../test-support/workspace.js';

interface RawNode {
  path?: string;
  info?: Record<string, unknown>;
  children?: RawNode[];
}

/** `METHOD /path` of every operation of a raw apidoc array: a walk written here, not api-diff's. */
function operations(text: string): Set<string> {
  const found = new Set<string>();
  const walk = (nodes: RawNode[] | undefined) => {
    for (const node of nodes ?? []) {
      for (const method of Object.keys(node.info ?? {})) found.add(`${method} ${node.path}`);
      walk(node.children);
    }
  };
  walk(JSON.parse(text) as RawNode[]);
  return found;
}

// Specs published from the 2026 PVE schema; the run builds PVE from the older 2025 one.
describe('a pipeline run that goes from the published PVE specs to an older schema', () => {
  afterAll(removeWorkspaces);

  it('reports the summary and the breaking changes in the report, the step summary and the release notes', {
    timeout: 600_000,
  }, async () => {
    const root = await makeWorkspace({ pve: FIXTURES.pve2026, pbs: FIXTURES.pbs2026 });
    const stepSummary = join(root, 'step-summary.md');
    await writeFile(stepSummary, '');
    const run = await runPipelineCli(
      root,
      [
        '--api',
        'pve',
        '--source',
        `pve=${FIXTURES.pve2025}`,
        '--publish',
        '--report',
        'run.json',
        '--cache-dir',
        sharedStageCache(),
      ],
      { GITHUB_STEP_SUMMARY: stepSummary },
    );
    expect(run.stderr).not.toContain('proxmox-openapi pipeline [');
    expect(run.status).toBe(0);

    const before = operations(loadFixtureText('pve-apidoc-2026-08-16.json.gz'));
    const after = operations(loadFixtureText('pve-apidoc-2025-06-10.json.gz'));
    const removed = [...before].filter((op) => !after.has(op));
    const added = [...after].filter((op) => !before.has(op));
    expect(removed.length).toBeGreaterThan(0);

    const report = await readJson<RunReport>(join(root, 'run.json'));
    const diff = report.targets.find((t) => t.api === 'pve')?.diff;
    expect(diff?.summary.operationsRemoved).toBe(removed.length);
    expect(diff?.summary.operationsAdded).toBe(added.length);
    expect(diff?.summary.line).toContain(`PVE published snapshot 2026-08-16 → new snapshot`);
    expect(diff?.breaking).toHaveLength(diff?.summary.breaking ?? -1);
    // Every operation that went away is a breaking change of its own.
    for (const op of removed) {
      const [method, path] = op.split(' ');
      expect(
        diff?.breaking.some(
          (c) => c.rule === 'operation-removed' && c.operation.method === method && c.operation.path === path,
        ),
        op,
      ).toBe(true);
    }

    // The terminal, the report's Markdown and the step summary say the same.
    const line = diff?.summary.line ?? '';
    expect(run.stderr).toContain(`pve: ${line}`);
    const firstRemoved = diff?.breaking.find((c) => c.rule === 'operation-removed');
    expect(run.stderr).toContain(
      `  breaking: ${firstRemoved?.operation.method} ${firstRemoved?.operation.path}`,
    );
    expect(report.changes).toContain(`**pve**: ${line}`);
    expect(report.changes).toContain(`Breaking changes (${diff?.summary.breaking}):`);
    const summary = await readFile(stepSummary, 'utf8');
    expect(summary).toContain('### Changes since the published specs');
    expect(summary).toContain(`**pve**: ${line}`);
    expect(summary).toContain(`\`${firstRemoved?.operation.method} ${firstRemoved?.operation.path}\``);

    // The release notes carry the whole classified changelog: breaking, warnings and info.
    const notes = await readFile(join(root, 'dist', 'release', 'RELEASE_NOTES.md'), 'utf8');
    expect(notes).toContain('## Changelog of this release');
    expect(notes).toContain(line);
    expect(notes).toContain(`#### Breaking (${diff?.summary.breaking})`);
    expect(notes).toContain('(`operation-removed`)');
    if ((diff?.summary.info ?? 0) > 0) expect(notes).toContain(`#### Info (${diff?.summary.info})`);

    // A second run from the specs it just published: no change on the terminal and in the summary.
    await writeFile(stepSummary, '');
    const again = await runPipelineCli(
      root,
      ['--api', 'pve', '--offline', '--publish', '--report', 'again.json', '--cache-dir', sharedStageCache()],
      {
        GITHUB_STEP_SUMMARY: stepSummary,
      },
    );
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('pve: no change since the published specs');
    expect(await readFile(stepSummary, 'utf8')).toContain('No change.');
    // The release, though, ships the same documents as the one in dist/release: it is the same
    // release, and keeps its notes (what a rerun after an interrupted --publish relies on).
    const notesAgain = await readFile(join(root, 'dist', 'release', 'RELEASE_NOTES.md'), 'utf8');
    expect(notesAgain).toBe(notes);
  });
});
