import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiTree } from '@proxmox-openapi/core';
import { countApiTree } from '@proxmox-openapi/core';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStageCache } from '../test-support/published-workspace.js';
import {
  FIXTURES,
  hashTree,
  makeWorkspace,
  removeWorkspaces,
  runPipelineCli,
} from '../test-support/workspace.js';

const ops = (file: string): number => countApiTree(loadFixtureTree(file) as ApiTree).operations;

describe('--publish, the step summary and colours', () => {
  afterAll(removeWorkspaces);

  let root: string;
  let cacheDir: string;

  beforeAll(async () => {
    root = await makeWorkspace({ pve: FIXTURES.pve2025, pbs: FIXTURES.pbs2025 });
    cacheDir = await seededStageCache();
    expect((await runPipelineCli(root, ['--offline', '--cache-dir', cacheDir])).status).toBe(0);
  }, 600_000);

  it('builds the archive, SHA256SUMS and release notes with the operations added and removed', {
    timeout: 600_000,
  }, async () => {
    const summary = join(root, 'summary.md');
    await writeFile(summary, 'earlier step\n');
    const run = await runPipelineCli(
      root,
      [
        '--source',
        `pve=${FIXTURES.pve2026}`,
        '--source',
        `pbs=${FIXTURES.pbs2026}`,
        '--publish',
        '--cache-dir',
        cacheDir,
      ],
      { GITHUB_STEP_SUMMARY: summary },
    );
    expect(run.status).toBe(0);
    const release = join(root, 'dist', 'release');
    // sha256sum checks every listed file.
    const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: release, encoding: 'utf8' });
    expect(check.trim().split('\n').sort()).toEqual(
      [
        'RELEASE_NOTES.md',
        'pbs-api.json',
        'pbs-api.yaml',
        'proxmox-openapi-specs.tar.gz',
        'pve-api.json',
        'pve-api.yaml',
        'release-manifest.json',
      ]
        .map((f) => `${f}: OK`)
        .sort(),
    );
    // The archive holds specs/ exactly as published.
    const out = await mkdtemp(join(tmpdir(), 'release-'));
    execFileSync('tar', ['-xzf', join(release, 'proxmox-openapi-specs.tar.gz'), '-C', out]);
    expect(await hashTree(join(out, 'specs'))).toEqual(await hashTree(join(root, 'specs')));
    // Added minus removed is the change of the operation count between the two schemas, counted
    // from the apidoc trees themselves.
    const notes = await readFile(join(release, 'RELEASE_NOTES.md'), 'utf8');
    for (const [name, now, before] of [
      ['Proxmox VE', 'pve-apidoc-2026-08-16.json.gz', 'pve-apidoc-2025-06-10.json.gz'],
      ['Proxmox Backup Server', 'pbs-apidoc-2026-08-16.json.gz', 'pbs-apidoc-2025-06-10.json.gz'],
    ] as const) {
      const m = new RegExp(`### ${name}: (\\d+) added, (\\d+) removed`).exec(notes);
      expect(m, name).not.toBeNull();
      expect(Number(m?.[1]) - Number(m?.[2])).toBe(ops(now) - ops(before));
      expect(Number(m?.[1])).toBeGreaterThan(0);
    }
    expect(notes.match(/^- added `(GET|POST|PUT|DELETE) \//gm)?.length).toBeGreaterThan(0);
    // No release before this one: compared with the specs that this run replaced.
    expect(notes).toContain('Compared with the specs published before this run');
    // The step summary was appended, after what was there.
    const md = await readFile(summary, 'utf8');
    expect(md.startsWith('earlier step\n## proxmox-openapi pipeline: ok')).toBe(true);
    expect(md).toMatch(/^\| pve \| 428 \| 646 \| valid/m);
    expect(md).toMatch(/^\| pbs \| 246 \| 367 \| valid/m);

    // The same sources again (what a rerun after an interrupted --publish does): specs/ is
    // already the new set, yet the release is the same, notes and all.
    const before = await hashTree(release);
    const again = await runPipelineCli(root, [
      '--source',
      `pve=${FIXTURES.pve2026}`,
      '--source',
      `pbs=${FIXTURES.pbs2026}`,
      '--publish',
      '--cache-dir',
      cacheDir,
    ]);
    expect(again.status).toBe(0);
    expect(await readFile(join(release, 'RELEASE_NOTES.md'), 'utf8')).toBe(notes);
    expect(await hashTree(release)).toEqual(before);
  });

  it('colours progress lines on request and never with NO_COLOR', { timeout: 600_000 }, async () => {
    const args = ['--offline', '--cache-dir', cacheDir];
    const coloured = await runPipelineCli(root, args, {
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
      PROXMOX_OPENAPI_PROGRESS: '1',
    });
    expect(coloured.status).toBe(0);
    const line = coloured.stderr.split('\n').find((l) => l.startsWith('pve  generate'));
    expect(line).toContain('\u001b[36mcached\u001b[0m');
    const plain = await runPipelineCli(root, args, {
      NO_COLOR: '1',
      FORCE_COLOR: '1',
      PROXMOX_OPENAPI_PROGRESS: '1',
    });
    expect(plain.stderr).not.toContain('\u001b[');
    expect(plain.stderr).toMatch(/^pbs {2}validate +\d+ ms {2}cached/m);
    // Without a terminal and without the switch, only the essentials.
    const quiet = await runPipelineCli(root, args);
    expect(quiet.stderr).not.toMatch(/^pve {2}generate/m);
    expect(quiet.stderr).toContain('pve: source snapshot of');
  });

  it('names --engine local when the Dagger engine cannot be loaded, in one line with exit code 2', async () => {
    const { loadDaggerFactory } = await import('../engines/index.js');
    await expect(
      loadDaggerFactory(new URL('./engines/no-such-engine.js', import.meta.url).href),
    ).rejects.toThrow('the Dagger engine is not available in this build; use --engine local');
  });

  it('refuses contradicting options with exit code 2', async () => {
    const run = await runPipelineCli(root, ['--offline', '--strict-fetch']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'proxmox-openapi pipeline: --offline and --strict-fetch contradict each other: pick one\n',
    );
    const bad = await runPipelineCli(root, ['--source', 'pve']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--source pve: expected API=URL or API=FILE');
  });
});
