import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '@proxmox-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../publish/manifest.js';
import type { RunReport } from '../report/run-report.js';
import { type ApidocServer, pbsFramedApidoc, startApidocServer } from '../test-support/apidoc-server.js';
import {
  FIXTURES,
  hashTree,
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
  sharedStageCache,
} from '../test-support/workspace.js';

const PBS_2026 = 'pbs-apidoc-2026-08-16.json.gz';

describe('the fetch policy', () => {
  afterAll(removeWorkspaces);

  let server: ApidocServer;
  let root: string;
  let cacheDir: string;

  beforeAll(async () => {
    server = await startApidocServer();
    // specs/ published from the 2025 snapshots: the state that every failing run must keep.
    root = await makeWorkspace({ pve: FIXTURES.pve2025, pbs: FIXTURES.pbs2025 });
    cacheDir = sharedStageCache();
    const first = await runPipelineCli(root, ['--offline', '--cache-dir', cacheDir]);
    expect(first.stderr).toBe(first.stderr.replace(/proxmox-openapi pipeline \[/, ''));
    expect(first.status).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await server.close();
  });

  it('leaves specs/ byte-identical when a PBS HTTP source fails under --strict-fetch', {
    timeout: 300_000,
  }, async () => {
    const before = await hashTree(join(root, 'specs'));
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const run = await runPipelineCli(root, [
      '--source',
      `pve=${FIXTURES.pve2026}`,
      '--source',
      `pbs=${server.url('/status/500')}`,
      '--strict-fetch',
      '--cache-dir',
      cacheDir,
      '--report',
      'strict.json',
    ]);
    expect(run.status).toBe(3);
    const errorLines = run.stderr.split('\n').filter((l) => l.startsWith('proxmox-openapi pipeline'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /^proxmox-openapi pipeline \[pbs\/fetch\]: pbs failed at fetch: .*HTTP 500.*--strict-fetch/,
    );
    expect(errorLines[0]).toContain('specs was not changed');
    expect(await hashTree(join(root, 'specs'))).toEqual(before);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe(readme);
    const report = await readJson<RunReport>(join(root, 'strict.json'));
    expect(report.published).toBe(false);
    // PVE built completely all the same: the report shows both targets.
    expect(report.targets.find((t) => t.api === 'pve')?.ok).toBe(true);
    expect(report.error).toMatchObject({ api: 'pbs', stage: 'fetch', code: 'network' });
  });

  it('leaves specs/ byte-identical when a PBS file source is not an apidoc', {
    timeout: 300_000,
  }, async () => {
    const before = await hashTree(join(root, 'specs'));
    const bad = join(root, 'broken-apidoc.js');
    await writeFile(bad, 'var apiSchema = [ { "path": "/x", ');
    const run = await runPipelineCli(root, ['--offline', '--source', `pbs=${bad}`, '--cache-dir', cacheDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /proxmox-openapi pipeline \[pbs\/fetch\]: pbs failed at fetch: .*broken-apidoc\.js/,
    );
    expect(await hashTree(join(root, 'specs'))).toEqual(before);
  });

  it('falls back to the committed snapshot loudly, naming the cause and the snapshot date', {
    timeout: 300_000,
  }, async () => {
    const before = await hashTree(join(root, 'specs'));
    const run = await runPipelineCli(root, [
      '--api',
      'pbs',
      '--source',
      `pbs=${server.url('/status/503')}`,
      '--cache-dir',
      cacheDir,
      '--report',
      'fallback.json',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /WARNING: PBS: the live fetch of http:\/\/127\.0\.0\.1:\d+\/status\/503 FAILED \(.*HTTP 503.*\); USING THE COMMITTED SNAPSHOT .*apidoc\.json of 2025-06-10/,
    );
    const report = await readJson<RunReport>(join(root, 'fallback.json'));
    expect(report.targets[0]?.source).toMatchObject({
      origin: 'snapshot',
      fetchedAt: '2025-06-10T00:00:00.000Z',
    });
    expect(report.targets[0]?.source?.fallbackReason).toContain('HTTP 503');
    expect(report.warnings.some((w) => w.includes('USING THE COMMITTED SNAPSHOT'))).toBe(true);
    // The snapshot was published again as it was.
    expect(await hashTree(join(root, 'specs'))).toEqual(before);
  });

  it('publishes a live download from an HTTP source, with its metadata', { timeout: 300_000 }, async () => {
    const url = server.url(`/apidoc/${PBS_2026}.js`);
    const run = await runPipelineCli(root, [
      '--api',
      'pbs',
      '--source',
      `pbs=${url}`,
      '--strict-fetch',
      '--cache-dir',
      cacheDir,
      '--report',
      'live.json',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`pbs: source live ${url}`);
    const meta = await readJson<{ url: string; sha256: string; fetchedAt: string }>(
      join(root, 'specs', 'pbs', 'apidoc.meta.json'),
    );
    expect(meta.url).toBe(url);
    expect(meta.sha256).toBe(sha256(pbsFramedApidoc(PBS_2026)));
    const manifest = await readJson<Manifest>(join(root, 'specs', 'manifest.json'));
    expect(manifest.apis.pbs?.source).toEqual({ url, sha256: meta.sha256, fetchedAt: meta.fetchedAt });
    expect(manifest.apis.pbs?.stats).toMatchObject({ paths: 246, operations: 367 });
    // PVE was not part of the run: its file set and its manifest entry were carried over.
    expect(manifest.apis.pve?.stats).toMatchObject({ operations: 605 });
    expect(run.stdout).toMatch(/^pbs\s+246\s+367\s+valid/m);
  });

  it('refuses --offline without a snapshot, naming what is missing', async () => {
    const empty = await makeWorkspace();
    const run = await runPipelineCli(empty, ['--offline', '--api', 'pbs', '--cache-dir', cacheDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /\[pbs\/fetch\]: pbs failed at fetch: there is no usable snapshot for --offline: cannot read the snapshot .*apidoc\.json/,
    );
  });
});
