import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findProjects } from './projects.js';

describe('findProjects', () => {
  it('finds every package of this workspace from its root', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const projects = findProjects(root);
    expect(projects).toContain('.');
    expect(projects).toContain('packages/core');
    expect(projects).toContain('packages/lint');
    // Every workspace folder (packages/*, apps/*) with a tsconfig.json, the apps too.
    const folders = ['packages', 'apps'].flatMap((group) =>
      readdirSync(join(root, group))
        .filter((name) => existsSync(join(root, group, name, 'tsconfig.json')))
        .map((name) => `${group}/${name}`),
    );
    expect(folders.filter((f) => f.startsWith('apps/')).length).toBeGreaterThan(0);
    for (const folder of folders) expect(projects).toContain(folder);
  });

  it('takes a folder with its own tsconfig.json as the one project', () => {
    expect(findProjects(fileURLToPath(new URL('..', import.meta.url)))).toEqual(['.']);
  });
});
