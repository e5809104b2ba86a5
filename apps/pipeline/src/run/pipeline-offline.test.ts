import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_TARGETS, sha256 } from '@proxmox-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../publish/manifest.js';
import type { RunReport } from '../report/run-report.js';
import { type ColdOfflineRun, coldOfflineWorkspace } from '../test-support/published-workspace.js';
import {
  hashTree,
  ROOT_README,
  readJson,
  removeWorkspaces,
  runPipelineCli,
} from '../test-support/workspace.js';

const NOTHING_CHANGED = 'nothing changed since the last run';

// One workspace for the whole sequence: a cold offline run, a warm one, --no-cache, a damaged
// cache entry. Each run is a real child process of the built CLI on the real fixtures. The cold
// run is the one that built the shared fixture of this test run (published-workspace.ts: a
// workspace with the snapshots, `pipeline --api both --offline --report cold.json`, its own
// stage cache); this file asserts what that run printed and left, on its own copy.
describe('an offline pipeline run of both APIs from the committed snapshots', () => {
  afterAll(removeWorkspaces);

  let cold: ColdOfflineRun;
  let root: string;
  let specs: string;
  let snapshotsBefore: Record<string, string> | undefined;
  let published: Record<string, string> | undefined;

  beforeAll(async () => {
    cold = await coldOfflineWorkspace();
    root = cold.root;
    specs = join(root, 'specs');
    snapshotsBefore = cold.snapshotsBefore;
  }, 300_000);

  it('publishes every file of both APIs, says it used the snapshots, and fills the READMEs', {
    timeout: 300_000,
  }, async () => {
    const run = cold.run;
    // The snapshots were all there before the run: one apidoc.json and its meta per API.
    expect(Object.keys(snapshotsBefore ?? {}).sort()).toEqual([
      'pbs/apidoc.json',
      'pbs/apidoc.meta.json',
      'pve/apidoc.json',
      'pve/apidoc.meta.json',
    ]);
    expect(run.stderr).not.toContain('proxmox-openapi pipeline [');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('pve: source snapshot of 2026-08-16 (offline)');
    expect(run.stderr).toContain('pbs: source snapshot of 2026-08-16 (offline)');
    expect(run.stderr).toContain('0 of 12 stages replayed from the cache');
    expect(run.stdout).toMatch(/^API\s+paths\s+operations\s+validation\s+time\s+cached$/m);
    expect(run.stdout).toMatch(/^pve\s+428\s+646\s+valid/m);
    expect(run.stdout).toMatch(/^pbs\s+246\s+367\s+valid/m);

    published = await hashTree(specs);
    expect(Object.keys(published ?? {}).sort()).toEqual(
      [
        'manifest.json',
        ...['pve', 'pbs'].flatMap((api) =>
          ['README.md', 'apidoc.json', 'apidoc.meta.json', `${api}-api.json`, `${api}-api.yaml`].map(
            (f) => `${api}/${f}`,
          ),
        ),
      ].sort(),
    );
    // Offline: the snapshots are published again byte for byte.
    for (const [path, hash] of Object.entries(snapshotsBefore ?? {})) expect(published?.[path]).toBe(hash);

    const manifest = await readJson<Manifest>(join(specs, 'manifest.json'));
    for (const file of manifest.files) expect(published?.[file.path]).toBe(file.sha256);
    expect(manifest.files.map((f) => f.path)).toEqual(
      Object.keys(published ?? {})
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    for (const target of API_TARGETS.filter((t) => t.id === 'pve' || t.id === 'pbs')) {
      const api = manifest.apis[target.id];
      expect(api?.source).toEqual({
        url: target.apidocUrl,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        fetchedAt: '2026-08-16T00:00:00.000Z',
      });
      expect(api?.generator).toMatch(/^@proxmox-openapi\/spec-generate@\d+\.\d+\.\d+/);
      const readme = await readFile(join(specs, target.id, 'README.md'), 'utf8');
      expect(readme).toContain(`# ${target.name} API`);
      expect(readme).toMatch(
        /<!-- proxmox-openapi:stats:start -->\n\n[\s\S]*\d[\s\S]*\n\n<!-- proxmox-openapi:stats:end -->/,
      );
    }
    const rootReadme = await readFile(join(root, 'README.md'), 'utf8');
    const [before, after] = ROOT_README.split(
      /<!-- proxmox-openapi:stats:start -->\n<!-- proxmox-openapi:stats:end -->/,
    );
    expect(rootReadme.startsWith(`${before}<!-- proxmox-openapi:stats:start -->`)).toBe(true);
    expect(rootReadme.endsWith(`<!-- proxmox-openapi:stats:end -->${after}`)).toBe(true);
    expect(rootReadme).toMatch(/646/);
    expect(rootReadme).toMatch(/367/);

    const report = await readJson<RunReport>(join(root, 'cold.json'));
    expect(report.exitCode).toBe(0);
    expect(report.published).toBe(true);
    expect(report.targets.map((t) => t.api)).toEqual(['pve', 'pbs']);
    expect(report.targets.every((t) => t.source?.origin === 'snapshot')).toBe(true);
    expect(report.cache).toEqual({ keyedStages: 12, replayed: 0 });
    // Nothing is left beside specs/: no staging folder, no lock.
    expect((await readdir(root)).sort()).toEqual([
      '.cache',
      'README.md',
      'cold.json',
      'pnpm-workspace.yaml',
      'specs',
    ]);
  });

  it('replays every keyed stage from the cache on a second run, and publishes the same bytes', {
    timeout: 300_000,
  }, async () => {
    const run = await runPipelineCli(root, ['--offline', '--report', 'warm.json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('12 of 12 stages replayed from the cache');
    expect(run.stdout).toMatch(/^pve\s+428\s+646\s+valid.*\s6\/6$/m);
    expect(await hashTree(specs)).toEqual(published);
    const report = await readJson<RunReport>(join(root, 'warm.json'));
    const keyed = report.targets.flatMap((t) => t.stages).filter((s) => s.stage !== 'fetch');
    expect(keyed.every((s) => s.cached && s.status === 'ok')).toBe(true);
  });

  it('runs every stage with --no-cache and still publishes the same bytes', {
    timeout: 300_000,
  }, async () => {
    const run = await runPipelineCli(root, ['--offline', '--no-cache', '--report', 'nocache.json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('cache off (--no-cache): all 12 stages ran');
    expect(run.stderr).not.toContain(NOTHING_CHANGED);
    const report = await readJson<RunReport>(join(root, 'nocache.json'));
    expect(report.cache.replayed).toBe(0);
    expect(await hashTree(specs)).toEqual(published);
  });

  it('goes the whole way after a --no-cache run (which leaves no record), ignores a damaged cache entry, rebuilds it and never publishes its bytes', {
    timeout: 300_000,
  }, async () => {
    const dir = join(root, '.cache', 'pipeline', 'serialize');
    let damaged = 0;
    for (const key of await readdir(dir)) {
      const file = join(dir, key, 'files', 'pbs-api.json');
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      await writeFile(file, text.replace('"openapi"', '"OPENAPI"'));
      damaged++;
    }
    expect(damaged).toBe(1);
    const run = await runPipelineCli(root, ['--offline', '--report', 'damaged.json']);
    expect(run.status).toBe(0);
    // The last run was the --no-cache one above, and it left no unchanged-run record
    // (unchanged-record.test.ts): this cached run does not take specs/ for what a recorded run
    // left, so it goes through the stages and meets the damaged entry. (With a record, it
    // would stop at "nothing changed" and never read the entry: the damage alone does not
    // make it go the whole way.)
    expect(run.stderr).not.toContain(NOTHING_CHANGED);
    expect(run.stderr).toMatch(/pbs\/serialize: a damaged cache entry was ignored and rebuilt/);
    const report = await readJson<RunReport>(join(root, 'damaged.json'));
    const pbs = report.targets.find((t) => t.api === 'pbs');
    expect(pbs?.stages.find((s) => s.stage === 'serialize')?.cached).toBe(false);
    expect(await hashTree(specs)).toEqual(published);
    const json = await readFile(join(specs, 'pbs', 'pbs-api.json'));
    expect(sha256(json)).toBe(published?.['pbs/pbs-api.json']);
    // The entry was rebuilt: the next run replays everything again.
    const again = await runPipelineCli(root, ['--offline']);
    expect(again.stderr).toContain('12 of 12 stages replayed from the cache');
  });
});
