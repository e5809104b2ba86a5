import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../report/run-report.js';
import {
  FIXTURES,
  hashTree,
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
  sharedStageCache,
} from '../test-support/workspace.js';

// `--site` through the real CLI on PBS alone (the cheapest product): the site is built from the
// specs/ the run has just published, with `--publish` by default, and never with `--no-site`.
describe('pipeline --site', () => {
  afterAll(removeWorkspaces);

  const run = async (args: string[]) => {
    const root = await makeWorkspace({ pbs: FIXTURES.pbs2026 });
    const report = join(root, 'report.json');
    const result = await runPipelineCli(root, [
      '--api',
      'pbs',
      '--offline',
      '--cache-dir',
      sharedStageCache(),
      '--report',
      report,
      ...args,
    ]);
    return { root, result, report: existsSync(report) ? await readJson<RunReport>(report) : undefined };
  };

  it('--publish builds dist/site/ from the published specs, beside dist/release/', {
    timeout: 600_000,
  }, async () => {
    const { root, result, report } = await run(['--publish']);
    expect(result.status, result.stderr).toBe(0);
    const site = join(root, 'dist', 'site');
    const landing = await readFile(join(site, 'index.html'), 'utf8');
    expect(landing).toContain('pbs/index.html');
    expect(landing).toContain('Proxmox Backup Server');
    expect(existsSync(join(site, 'pbs', 'index.html'))).toBe(true);
    // The site offers for download exactly the document that was published.
    const files = (await hashTree(site)) ?? {};
    const published = (await hashTree(join(root, 'specs', 'pbs'))) ?? {};
    const json = Object.keys(files).find((f) => f.endsWith('pbs-api.json'));
    expect(json).toBeDefined();
    expect(files[json as string]).toBe(published['pbs-api.json']);
    expect(existsSync(join(root, 'dist', 'release', 'SHA256SUMS'))).toBe(true);
    expect(report?.options.site).toBe(true);
    expect(report?.site).toEqual({ dir: site, files: Object.keys(files).length });
    expect(result.stderr + result.stdout).toContain('site: ');
  });

  it('--publish --no-site publishes and releases without building the site', {
    timeout: 600_000,
  }, async () => {
    const { root, result, report } = await run(['--publish', '--no-site']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(root, 'dist', 'release', 'SHA256SUMS'))).toBe(true);
    expect(existsSync(join(root, 'dist', 'site'))).toBe(false);
    expect(report?.options.site).toBe(false);
    expect(report?.site).toBeUndefined();
  });

  it('--site without --publish builds the site only; no option builds neither', {
    timeout: 600_000,
  }, async () => {
    const withSite = await run(['--site']);
    expect(withSite.result.status, withSite.result.stderr).toBe(0);
    expect(existsSync(join(withSite.root, 'dist', 'site', 'pbs', 'index.html'))).toBe(true);
    expect(existsSync(join(withSite.root, 'dist', 'release'))).toBe(false);

    const plain = await run([]);
    expect(plain.result.status, plain.result.stderr).toBe(0);
    expect(existsSync(join(plain.root, 'dist'))).toBe(false);
  });

  it('--site --no-site is a usage error, in one line, before anything runs', {
    timeout: 600_000,
  }, async () => {
    const { root, result } = await run(['--site', '--no-site']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--site and --no-site contradict each other');
    expect(existsSync(join(root, 'specs', 'manifest.json'))).toBe(false);
  });
});
