import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspaceTypes = fileURLToPath(new URL('../../../node_modules/@types', import.meta.url));

/** The README's first TypeScript block: the example that users copy. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```ts block');
  return block;
}

describe('the packed package, installed in a project outside the workspace', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('type-checks and runs the README example against a Prism mock of the shipped PVE document', {
    timeout: 600_000,
  }, async () => {
    const packDir = await mkdtemp(join(tmpdir(), 'client-pack-'));
    const project = await mkdtemp(join(tmpdir(), 'client-scratch-'));
    dirs.push(packDir, project);
    await run('pnpm', ['pack', '--pack-destination', packDir], { cwd: packageDir });
    const [tarball] = await readdir(packDir);
    expect(tarball).toMatch(/^proxmox-openapi-client-.*\.tgz$/);

    // What the tarball holds: the built subpaths and documents, no tests, no build scripts.
    const { stdout: listing } = await run('tar', ['-tzf', join(packDir, tarball ?? '')]);
    const files = listing.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/products/pve/openapi.json',
        'package/dist/products/pbs/paths.d.ts',
      ]),
    );
    expect(files.filter((f) => /\.test\.|test-support|dist\/build\/|dist\/bench\//.test(f))).toEqual([]);

    // The workspace's pinned pnpm (corepack needs the pin outside the workspace too).
    const { packageManager } = JSON.parse(await readFile(join(packageDir, '../../package.json'), 'utf8'));
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        type: 'module',
        packageManager,
        dependencies: { '@proxmox-openapi/client': `file:${join(packDir, tarball ?? '')}` },
      }),
    );
    // The dependencies (openapi-fetch, undici) come from the pnpm store that the workspace filled.
    await run('pnpm', ['install', '--prefer-offline', '--ignore-workspace'], { cwd: project });

    const example = await readmeExample();
    await writeFile(join(project, 'example.ts'), example);
    await writeFile(join(project, 'example.mjs'), example);
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [workspaceTypes],
          types: ['node'],
        },
        include: ['example.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const typecheck = await run(process.execPath, [tsc, '-p', project, '--pretty', 'false']).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(typecheck).toBe('');

    // The document the tarball ships is, byte for byte, the one the run's PVE mock serves
    // (test/support/prism-mocks.ts starts it from this package's build).
    const shipped = await readFile(
      join(project, 'node_modules/@proxmox-openapi/client/dist/products/pve/openapi.json'),
    );
    const built = await readFile(
      createRequire(import.meta.url).resolve('@proxmox-openapi/client/pve/openapi.json'),
    );
    expect(shipped.equals(built)).toBe(true);
    const mock = { baseUrl: inject('prismMocks').pve };
    const { stdout } = await run(process.execPath, ['example.mjs'], {
      cwd: project,
      env: {
        ...process.env,
        PVE_URL: mock.baseUrl,
        PVE_TOKEN: 'root@pam!scratch=00000000-0000-0000-0000-000000000000',
      },
    });
    expect(stdout).toMatch(/^PVE .+: creating VM 120, task .+$/m);
  });
});
