import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../report/run-report.js';
import { coldOfflineWorkspace } from '../test-support/published-workspace.js';
import { hashTree, readJson, removeWorkspaces, runPipelineCli } from '../test-support/workspace.js';

const NOTHING_CHANGED = 'nothing changed since the last run';

// One workspace, real child processes of the built CLI on the real fixtures: a run that
// publishes, then runs that may or may not be told apart from it. The workspace starts as a
// copy of one that a cold offline run published (published-workspace.ts, with its own stage
// cache): the copy's files are new files, so its first run is not "unchanged" either; it
// replays the stages, publishes and leaves the record that the tests below start from.
// That a --no-cache run leaves no record is asserted in pipeline-offline.test.ts.
describe('a run whose inputs and published files are as the last run left them', () => {
  afterAll(removeWorkspaces);

  let root: string;
  let specs: string;
  let published: Record<string, string> | undefined;

  beforeAll(async () => {
    const cold = await coldOfflineWorkspace();
    if (cold.run.status !== 0) throw new Error(cold.run.stderr);
    expect(cold.run.stderr).not.toContain(NOTHING_CHANGED);
    root = cold.root;
    specs = join(root, 'specs');
    const first = await runPipelineCli(root, ['--offline']);
    if (first.status !== 0) throw new Error(first.stderr);
    expect(first.stderr).not.toContain(NOTHING_CHANGED);
    published = await hashTree(specs);
  }, 300_000);

  it('does no work, leaves specs/ untouched and reports the stages as replayed', {
    timeout: 300_000,
  }, async () => {
    const before = await stat(join(specs, 'pve', 'pve-api.json'));
    const run = await runPipelineCli(root, ['--offline', '--report', 'unchanged.json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(NOTHING_CHANGED);
    expect(run.stderr).toContain('12 of 12 stages replayed from the cache');
    expect(run.stderr).toContain('pve: source snapshot of 2026-08-16 (offline)');
    expect(run.stdout).toMatch(/^pve\s+428\s+646\s+valid/m);
    expect(run.stdout).toMatch(/^pbs\s+246\s+367\s+valid/m);
    // Not published again: the very same file (inode and times), and the same bytes everywhere.
    const after = await stat(join(specs, 'pve', 'pve-api.json'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await hashTree(specs)).toEqual(published);
    const report = await readJson<RunReport>(join(root, 'unchanged.json'));
    expect(report.published).toBe(false);
    expect(report.targets.map((t) => [t.api, t.ok, t.stats?.operations])).toEqual([
      ['pve', true, 646],
      ['pbs', true, 367],
    ]);
  });

  it('goes the whole way when a published file was edited, and publishes the right bytes again', {
    timeout: 300_000,
  }, async () => {
    const yaml = join(specs, 'pbs', 'pbs-api.yaml');
    const text = await readFile(yaml, 'utf8');
    // The same size: only the stamp's times tell the edit.
    await writeFile(yaml, text.replace('openapi:', 'OPENAPI:'));
    const run = await runPipelineCli(root, ['--offline']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(NOTHING_CHANGED);
    expect(await hashTree(specs)).toEqual(published);
    // And that run's record serves the next one.
    const again = await runPipelineCli(root, ['--offline']);
    expect(again.stderr).toContain(NOTHING_CHANGED);
  });

  it("goes the whole way when a stage-cache entry's data was damaged, and reports the damage", {
    timeout: 300_000,
  }, async () => {
    const dir = join(root, '.cache', 'pipeline', 'stats');
    for (const key of await readdir(dir)) {
      const file = join(dir, key, 'entry.json');
      const record = JSON.parse(await readFile(file, 'utf8')) as { data: { paths: number } };
      record.data.paths += 500;
      await writeFile(file, JSON.stringify(record));
    }
    const run = await runPipelineCli(root, ['--offline']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(NOTHING_CHANGED);
    expect(run.stderr).toMatch(/a damaged cache entry was ignored and rebuilt \(its data does not match/);
    expect(await hashTree(specs)).toEqual(published);
  });

  it('goes the whole way when an entry was added inside specs/ (a folder changes its times)', {
    timeout: 300_000,
  }, async () => {
    const warm = await runPipelineCli(root, ['--offline']);
    expect(warm.stderr).toContain(NOTHING_CHANGED);
    await writeFile(join(specs, 'pbs', 'notes.txt'), 'a file nobody published\n');
    const run = await runPipelineCli(root, ['--offline']);
    expect(run.stderr).not.toContain(NOTHING_CHANGED);
  });
});
