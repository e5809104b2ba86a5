import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../publish/manifest.js';
import type { RunReport } from '../report/run-report.js';
import { seededStageCache } from '../test-support/published-workspace.js';
import {
  copyTree,
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
} from '../test-support/workspace.js';

// The repository this test runs in: its published specs/pve and its history/pve.
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the PVE changelog in a pipeline run', () => {
  afterAll(removeWorkspaces);

  it('regenerates specs/pve/CHANGELOG.md and changelog.json byte for byte and lists them in the manifest', {
    timeout: 600_000,
  }, async () => {
    const root = await makeWorkspace();
    await copyTree(join(REPO, 'specs', 'pve'), join(root, 'specs', 'pve'));
    await copyTree(join(REPO, 'history', 'pve'), join(root, 'history', 'pve'));

    // The shared stage cache, seeded with this snapshot's stages (the repository's specs/pve is
    // the 2026-08-16 snapshot); the changelog's entry is keyed by history/pve too, which no
    // other file has, so it is made here.
    const run = await runPipelineCli(root, [
      '--api',
      'pve',
      '--offline',
      '--report',
      'run.json',
      '--cache-dir',
      await seededStageCache(),
    ]);
    expect(run.status).toBe(0);

    for (const name of ['CHANGELOG.md', 'changelog.json']) {
      const published = await readFile(join(root, 'specs', 'pve', name));
      const committed = await readFile(join(REPO, 'specs', 'pve', name));
      expect(published.equals(committed), `${name} is byte-identical`).toBe(true);
    }
    const manifest = await readJson<Manifest>(join(root, 'specs', 'manifest.json'));
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('pve/CHANGELOG.md');
    expect(paths).toContain('pve/changelog.json');

    // The same snapshot as the one published: the diff says there is no change.
    const report = await readJson<RunReport>(join(root, 'run.json'));
    const pve = report.targets.find((t) => t.api === 'pve');
    expect(pve?.files).toContain('CHANGELOG.md');
    expect(pve?.diff?.summary.breaking).toBe(0);
    expect(pve?.diff?.markdown).toContain('No change.');
  });
});
