import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprintPackage, readRecordedVersions, type StageVersion } from './stage-version.js';

/** A folder with two installed workspace packages: `a` depends on `b`, each with a dist/. */
async function twoPackages(): Promise<{ root: string; dist: (name: string) => string }> {
  const root = await mkdtemp(join(tmpdir(), 'stage-version-'));
  const dir = (name: string) => join(root, 'node_modules', '@proxmox-openapi', name);
  const install = async (name: string, dependencies: Record<string, string>) => {
    await mkdir(join(dir(name), 'dist'), { recursive: true });
    await writeFile(
      join(dir(name), 'package.json'),
      JSON.stringify({ name: `@proxmox-openapi/${name}`, version: '1.2.3', dependencies }),
    );
    await writeFile(join(dir(name), 'dist', 'index.js'), `export const name = '${name}';\n`);
  };
  await install('b', {});
  await install('a', { '@proxmox-openapi/b': 'workspace:^', 'js-yaml': '5.5.0' });
  await writeFile(join(root, 'package.json'), '{}');
  return { root, dist: (name) => join(dir(name), 'dist') };
}

describe('stage package versions', () => {
  it('fingerprints a package with the workspace packages it depends on', async () => {
    const { root, dist } = await twoPackages();
    const from = join(root, 'package.json');
    const first = await fingerprintPackage('@proxmox-openapi/a', from);
    expect(first).toMatchObject({ name: '@proxmox-openapi/a', version: '1.2.3' });
    // A source map changes no behaviour; a dependency's code does.
    await writeFile(join(dist('b'), 'index.js.map'), '{}');
    expect((await fingerprintPackage('@proxmox-openapi/a', from)).fingerprint).toBe(first.fingerprint);
    await writeFile(join(dist('b'), 'index.js'), "export const name = 'b, changed';\n");
    expect((await fingerprintPackage('@proxmox-openapi/a', from)).fingerprint).not.toBe(first.fingerprint);
  });

  it('reads the versions a bundle recorded, and nothing from a missing or malformed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stage-versions-'));
    const file = join(dir, 'stage-versions.json');
    const version: StageVersion = {
      name: '@proxmox-openapi/a',
      version: '1.2.3',
      fingerprint: 'f'.repeat(64),
    };
    expect(await readRecordedVersions(file)).toBeUndefined();
    await writeFile(file, JSON.stringify({ [version.name]: version }));
    expect(await readRecordedVersions(file)).toEqual({ [version.name]: version });
    await writeFile(file, JSON.stringify({ '@proxmox-openapi/b': version }));
    expect(await readRecordedVersions(file)).toBeUndefined();
    await writeFile(file, '{"truncated');
    expect(await readRecordedVersions(file)).toBeUndefined();
  });

  it('the built bundle recorded the stage packages as their dist/ is now', async () => {
    const recorded = JSON.parse(
      await readFile(
        fileURLToPath(new URL('../../dist/bundle/stage-versions.json', import.meta.url)),
        'utf8',
      ),
    ) as Record<string, StageVersion>;
    const names = Object.keys(recorded);
    for (const stage of ['api-diff', 'apidoc-fetch', 'readme-stats', 'spec-generate', 'validate']) {
      expect(names).toContain(`@proxmox-openapi/${stage}`);
    }
    for (const name of names) expect(recorded[name]).toEqual(await fingerprintPackage(name));
  });
});
