import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverStaging } from '../publish/publish.js';
import type { RunReport } from '../report/run-report.js';
import { seededStageCache } from '../test-support/published-workspace.js';
import {
  copyTree,
  FIXTURES,
  hashTree,
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
} from '../test-support/workspace.js';

type Tree = Record<string, string> | undefined;

const same = (a: Tree, b: Tree): boolean => JSON.stringify(a) === JSON.stringify(b);

// The old set is published from the 2025 snapshots, the new one from the 2026 fixtures (both
// APIs change), so a set mixing the two would be seen at once.
describe('a pipeline run killed with SIGKILL during publish', () => {
  afterAll(removeWorkspaces);

  let root: string;
  let oldSpecs: string;
  let cacheDir: string;
  let OLD: Tree;
  let NEW: Tree;
  let labels: string[];
  let steps: number;
  const newArgs = (): string[] => [
    '--source',
    `pve=${FIXTURES.pve2026}`,
    '--source',
    `pbs=${FIXTURES.pbs2026}`,
    '--cache-dir',
    cacheDir,
  ];

  beforeAll(async () => {
    root = await makeWorkspace({ pve: FIXTURES.pve2025, pbs: FIXTURES.pbs2025 });
    cacheDir = await seededStageCache();
    const initial = await runPipelineCli(root, ['--offline', '--cache-dir', cacheDir]);
    expect(initial.status, initial.stderr).toBe(0);
    OLD = await hashTree(join(root, 'specs'));
    oldSpecs = join(root, 'old-specs');
    await copyTree(join(root, 'specs'), oldSpecs);
    // An uninterrupted run gives the new set and the number of checkpoints, and warms the cache.
    const full = await runPipelineCli(root, [...newArgs(), '--report', 'full.json']);
    expect(full.status, full.stderr).toBe(0);
    NEW = await hashTree(join(root, 'specs'));
    labels = (await readJson<RunReport>(join(root, 'full.json'))).checkpoints;
    steps = labels.length;
  }, 600_000);

  async function restoreOld(): Promise<void> {
    await rm(join(root, 'specs'), { recursive: true, force: true });
    await copyTree(oldSpecs, join(root, 'specs'));
  }

  it('leaves specs/ all old or all new at every checkpoint, and recovery completes it', {
    timeout: 900_000,
  }, async () => {
    expect(same(OLD, NEW)).toBe(false);
    expect(steps).toBeGreaterThanOrEqual(9);
    const outcomes: string[] = [];
    let step = 1;
    for (; step <= steps + 1; step++) {
      await restoreOld();
      const run = await runPipelineCli(root, newArgs(), { PROXMOX_OPENAPI_TEST_KILL_AT: String(step) });
      if (run.signal === null) {
        // Past the last checkpoint (the root README is already up to date here): a normal run.
        expect(run.status, run.stderr).toBe(0);
        expect(same(await hashTree(join(root, 'specs')), NEW)).toBe(true);
        break;
      }
      expect(run.signal, `step ${step}: ${run.stderr}`).toBe('SIGKILL');
      const atCrash = await hashTree(join(root, 'specs'));
      const state = same(atCrash, OLD)
        ? 'old'
        : same(atCrash, NEW)
          ? 'new'
          : atCrash === undefined
            ? 'absent'
            : 'MIXED';
      expect(state, `step ${step}`).not.toBe('MIXED');
      await recoverStaging(join(root, 'specs'));
      const recovered = await hashTree(join(root, 'specs'));
      const after = same(recovered, OLD) ? 'old' : same(recovered, NEW) ? 'new' : 'MIXED';
      // Recovery never goes back from a new (or absent, mid-swap) set.
      if (state !== 'old') expect(after, `step ${step}`).toBe('new');
      expect(after, `step ${step}`).not.toBe('MIXED');
      // No work folder is left (the lock of the killed run stays, stale, for the next run to take over).
      expect(
        (await readdir(root)).filter((n) => n.startsWith('.specs-staging-specs-')),
        `step ${step}`,
      ).toEqual([]);
      outcomes.push(`${state}->${after}`);
    }
    // Every publish checkpoint was a crash point once.
    expect(outcomes.length).toBeGreaterThanOrEqual(9);
    // Crashes fell before the commit point, between it and the swap, inside the swap, and after.
    expect(outcomes).toContain('old->old');
    expect(outcomes).toContain('old->new');
    expect(outcomes).toContain('absent->new');
    expect(outcomes).toContain('new->new');
  });

  it.each([
    ['before the commit point', 'manifest', 'old'],
    ['between the two renames of the swap', 'previous specs moved aside', 'new'],
  ])(
    'is recovered by the next pipeline run when killed %s',
    { timeout: 600_000 },
    async (_when, label, expected) => {
      await restoreOld();
      const step = labels.indexOf(label) + 1;
      expect(step).toBeGreaterThan(0);
      const killed = await runPipelineCli(root, newArgs(), { PROXMOX_OPENAPI_TEST_KILL_AT: String(step) });
      expect(killed.signal).toBe('SIGKILL');
      if (expected === 'new') expect(await hashTree(join(root, 'specs'))).toBeUndefined();
      // The next run is offline: it republishes whatever set recovery left, byte for byte.
      const next = await runPipelineCli(root, [
        '--offline',
        '--cache-dir',
        cacheDir,
        '--report',
        'next.json',
      ]);
      expect(next.status, next.stderr).toBe(0);
      expect(next.stderr).toContain('recovered:');
      const report = await readJson<RunReport>(join(root, 'next.json'));
      expect(report.recovered.map((r) => r.action)).toEqual([
        expected === 'old' ? 'rolled-back' : 'rolled-forward',
      ]);
      expect(same(await hashTree(join(root, 'specs')), expected === 'old' ? OLD : NEW)).toBe(true);
    },
  );
});
