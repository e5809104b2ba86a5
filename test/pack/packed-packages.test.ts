import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackResult, pack, packedPackages, pnpm } from './workspace-packages.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = packedPackages(ROOT);
const run = promisify(execFile);

// A project outside the workspace: nothing resolves through the workspace's node_modules, only
// through what the tarballs declare.
const scratch = mkdtempSync(join(tmpdir(), 'proxmox-openapi-pack-'));
const packed = new Map<string, PackResult>();

/** The newest real PBS schema of the fixtures, written as the API viewer's apidoc.js. */
function writePbsApidoc(path: string): void {
  const folder = join(ROOT, 'packages/test-fixtures/apidoc');
  const newest = readdirSync(folder)
    .filter((name) => /^pbs-apidoc-\d{4}-\d{2}-\d{2}\.json\.gz$/.test(name))
    .sort()
    .at(-1);
  if (newest === undefined) throw new Error(`no PBS fixture in ${folder}`);
  const json = gunzipSync(readFileSync(join(folder, newest))).toString('utf8');
  writeFileSync(path, `var apiSchema = ${json};\n`);
}

// What a user's code does with each package: import its main export and use it on real data.
const USE_EVERY_PACKAGE = `
import { readFileSync } from 'node:fs';
import { countApiTree, getApiTarget } from '@proxmox-openapi/core';
import { NODE_IMAGE } from '@proxmox-openapi/core/dagger';
import { parseApidoc } from '@proxmox-openapi/apidoc-fetch';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { validateSpec } from '@proxmox-openapi/validate';
import { computeStats } from '@proxmox-openapi/readme-stats';
import { findProjects } from '@proxmox-openapi/lint';
import { diffApis } from '@proxmox-openapi/api-diff';

const tree = parseApidoc(readFileSync('apidoc.js'));
const document = generateSpec(tree, { target: getApiTarget('pbs') });
const { json, yaml } = serializeSpec(document);
const report = await validateSpec(JSON.parse(json), { apidoc: tree, yaml });
const stats = computeStats(document, {
  api: 'pbs', sourceUrl: 'file:apidoc.js', sourceSha256: '-', sourceDate: '-', generatorVersion: '-',
  jsonBytes: json.length, yamlBytes: yaml.length,
});
console.log(JSON.stringify({
  operations: countApiTree(tree).operations,
  unchanged: diffApis(tree, tree).changes.length,
  added: diffApis([], tree).summary.operationsAdded,
  valid: report.valid,
  statsOperations: stats.operations,
  image: NODE_IMAGE.startsWith('docker.io/library/node:'),
  projects: findProjects(process.cwd()),
}));
`;

beforeAll(async () => {
  const tarballs = join(scratch, 'tarballs');
  for (const p of PACKAGES) packed.set(p.name, await pack(ROOT, p.dir, tarballs));
  const files = Object.fromEntries([...packed].map(([name, r]) => [name, `file:${r.filename}`]));
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  writeFileSync(
    join(scratch, 'package.json'),
    `${JSON.stringify(
      {
        name: 'uses-the-tarballs',
        private: true,
        type: 'module',
        packageManager: root.packageManager,
        dependencies: files,
        // The packages' own dependencies on each other resolve to the tarballs too, not to a
        // registry where these versions may not exist yet.
        pnpm: { overrides: files },
      },
      null,
      2,
    )}\n`,
  );
  await pnpm(['install', '--prefer-offline', '--reporter=silent'], scratch);
  writePbsApidoc(join(scratch, 'apidoc.js'));
  writeFileSync(join(scratch, 'use-every-package.mjs'), USE_EVERY_PACKAGE);
  // A TypeScript project for the lint package to find.
  writeFileSync(join(scratch, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed tarballs', () => {
  it('are made for every package a user installs, in a folder outside the workspace', () => {
    expect(relative(ROOT, scratch).startsWith('..')).toBe(true);
    expect(PACKAGES.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@proxmox-openapi/core',
        '@proxmox-openapi/apidoc-fetch',
        '@proxmox-openapi/spec-generate',
        '@proxmox-openapi/validate',
        '@proxmox-openapi/readme-stats',
        '@proxmox-openapi/lint',
        '@proxmox-openapi/pipeline',
        '@proxmox-openapi/api-diff',
      ]),
    );
    expect([...packed.keys()]).toEqual(PACKAGES.map((p) => p.name));
  });

  it.each(PACKAGES.map((p) => [p.name] as const))(
    '%s ships its build, README and LICENSE, and no source maps, sources or tests',
    (name) => {
      const files = packed.get(name)?.files ?? [];
      expect(files).toContain('package.json');
      expect(files).toContain('README.md');
      expect(files).toContain('LICENSE');
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      expect(files.filter((f) => /\.map$|^src\/|\.test\.|test-support|\.tsbuildinfo$/.test(f))).toEqual([]);
    },
  );

  it('install and work together: parse, generate, validate and count a real schema', async () => {
    const { stdout } = await run(process.execPath, ['use-every-package.mjs'], { cwd: scratch });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ valid: true, image: true, projects: ['.'] });
    expect(result.operations).toBeGreaterThan(300);
    expect(result.statsOperations).toBe(result.operations);
    expect(result.unchanged).toBe(0);
    expect(result.added).toBe(result.operations);
  });

  it.each(PACKAGES.flatMap((p) => p.bins.map((bin) => [bin] as const)))('runs the %s bin', async (bin) => {
    const path = join(scratch, 'node_modules/.bin', bin);
    const { stdout } = await run(path, ['--help'], { cwd: scratch });
    expect(stdout).toMatch(new RegExp(`^usage: ${bin} `));
  });

  it('runs the command line on the real schema: generate, then validate what it wrote', async () => {
    const bin = join(scratch, 'node_modules/.bin/proxmox-openapi');
    await run(bin, ['generate', '--api', 'pbs', '--input', 'apidoc.js', '--out-dir', 'out'], {
      cwd: scratch,
    });
    const { stdout } = await run(bin, ['validate', 'out/pbs-api.json', '--apidoc', 'apidoc.js'], {
      cwd: scratch,
    });
    expect(stdout).toMatch(/valid: \d+ operations, 0 errors/);
  });
});
