import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixturePath } from '@proxmox-openapi/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../publish/manifest.js';
import { seededStageCache } from '../test-support/published-workspace.js';
import {
  makeWorkspace,
  readJson,
  removeWorkspaces,
  runPipelineCli,
  runPipelineCliAsIs,
} from '../test-support/workspace.js';

// The committed snapshots of every registered product, as the real repository has them.
const SNAPSHOTS = {
  pve: fixturePath('pve-apidoc-2026-08-16.json.gz'),
  pbs: fixturePath('pbs-apidoc-2026-08-16.json.gz'),
  pmg: fixturePath('pmg-apidoc-2020-11-18.json.gz'),
  pdm: fixturePath('pdm-apidoc-2026-07-08.json.gz'),
  pve8: fixturePath('pve-docs-8.3.2-2025-04-09.json.gz'),
};

type Document = {
  info: { description: string };
  servers: { variables: { port: { default: string } } }[];
  components: { securitySchemes: Record<string, { name: string; description: string }> };
};

/** The APIs whose documents specs/ holds (every folder already holds its committed snapshot). */
async function published(root: string): Promise<string[]> {
  const folders = await readdir(join(root, 'specs'), { withFileTypes: true });
  const withDocuments: string[] = [];
  for (const folder of folders.filter((e) => e.isDirectory())) {
    const files = await readdir(join(root, 'specs', folder.name));
    if (files.includes(`${folder.name}-api.json`)) withDocuments.push(folder.name);
  }
  return withDocuments.sort();
}

describe('--api selects products; the default is every registered one', () => {
  let root: string;
  let cacheDir: string;

  beforeAll(async () => {
    root = await makeWorkspace(SNAPSHOTS);
    cacheDir = await seededStageCache();
  });
  afterAll(removeWorkspaces);

  it('--api pmg publishes PMG alone, loudly outdated and without API tokens', async () => {
    const run = await runPipelineCli(root, ['--offline', '--api', 'pmg', '--cache-dir', cacheDir]);
    expect(run.status, run.stderr).toBe(0);
    const manifest = await readJson<Manifest>(join(root, 'specs', 'manifest.json'));
    expect(Object.keys(manifest.apis)).toEqual(['pmg']);
    expect(await published(root)).toEqual(['pmg']);
    const doc = await readJson<Document>(join(root, 'specs', 'pmg', 'pmg-api.json'));
    expect(doc.info.description.startsWith('**WARNING: OUTDATED SCHEMA.**')).toBe(true);
    expect(doc.info.description).toContain('2020-11-18');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['CsrfToken', 'Ticket']);
    const readme = await readFile(join(root, 'specs', 'pmg', 'README.md'), 'utf8');
    expect(readme).toMatch(
      /^# Proxmox Mail Gateway API: OpenAPI documents\n\n> \*\*WARNING: OUTDATED SCHEMA \(pmg\)\.\*\*/,
    );
    expect(readme).toContain('- API token: none, Proxmox Mail Gateway has no API tokens.');
    const rootReadme = await readFile(join(root, 'README.md'), 'utf8');
    expect(rootReadme).toContain('| `pmg` | Proxmox Mail Gateway API |');
    expect(rootReadme).toContain('> **WARNING: OUTDATED SCHEMA (pmg).**');
  });

  it('--api pve,pdm adds those two and keeps PMG', async () => {
    const run = await runPipelineCli(root, ['--offline', '--api', 'pve,pdm', '--cache-dir', cacheDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(await published(root)).toEqual(['pdm', 'pmg', 'pve']);
    const pdm = await readJson<Document>(join(root, 'specs', 'pdm', 'pdm-api.json'));
    expect(pdm.servers[0]?.variables.port.default).toBe('8443');
    expect(pdm.components.securitySchemes.ApiToken?.description).toContain(
      'PDMAPIToken=USER@REALM!TOKENID:SECRET',
    );
    expect(pdm.components.securitySchemes.Ticket?.name).toBe('__Host-PDMAuthCookie');
    const pdmReadme = await readFile(join(root, 'specs', 'pdm', 'README.md'), 'utf8');
    expect(pdmReadme).toContain(
      'The `/pve/...` and `/pbs/...` subtrees proxy to the remote PVE and PBS servers',
    );
    const pve = await readJson<Document>(join(root, 'specs', 'pve', 'pve-api.json'));
    expect(pve.components.securitySchemes.ApiToken?.description).toContain(
      'PVEAPIToken=USER@REALM!TOKENID=SECRET',
    );
  });

  it('without --api publishes all five, pve8 beside pve', { timeout: 600_000 }, async () => {
    const run = await runPipelineCliAsIs(root, [
      '--offline',
      '--cache-dir',
      cacheDir,
      '--report',
      'all.json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(await published(root)).toEqual(['pbs', 'pdm', 'pmg', 'pve', 'pve8']);
    const manifest = await readJson<Manifest>(join(root, 'specs', 'manifest.json'));
    expect(Object.keys(manifest.apis).sort()).toEqual(['pbs', 'pdm', 'pmg', 'pve', 'pve8']);
    const report = await readJson<{
      targets: { api: string; validation: { errors: unknown[]; warnings: unknown[] } }[];
    }>(join(root, 'all.json'));
    for (const target of report.targets) {
      expect(target.validation.errors, target.api).toEqual([]);
      expect(target.validation.warnings, target.api).toEqual([]);
    }
    const pbs = await readJson<Document>(join(root, 'specs', 'pbs', 'pbs-api.json'));
    expect(pbs.components.securitySchemes.ApiToken?.description).toContain(
      'PBSAPIToken=USER@REALM!TOKENID:SECRET',
    );
    expect(pbs.components.securitySchemes.ApiToken?.description).not.toContain('TOKENID=SECRET');
    const pve8 = await readJson<{ info: { title: string } }>(join(root, 'specs', 'pve8', 'pve8-api.json'));
    expect(pve8.info.title).toBe('Proxmox VE 8 API');
    expect(manifest.apis.pve8?.source.url).toBe('https://pve.proxmox.com/pve-docs-8/api-viewer/apidoc.js');
  });

  it('refuses a bad selection in one line with exit code 2 and leaves specs/ alone', async () => {
    const before = await published(root);
    for (const value of ['pve,,pmg', 'pve,xyz', 'pmg,pmg', '']) {
      const run = await runPipelineCliAsIs(root, ['--offline', '--api', value]);
      expect(run.status, value).toBe(2);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, value).toHaveLength(1);
      expect(lines[0], value).toMatch(/^proxmox-openapi pipeline: --api /);
    }
    expect(await published(root)).toEqual(before);
  });
});
